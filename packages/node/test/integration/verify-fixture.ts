/**
 * test/integration/verify-fixture: the contract the verification tests deploy and verify. It
 * has two immutables (one from a constructor argument, one from msg.sender), so its deployed
 * code differs from solc's output exactly where immutables are masked, and a function no
 * built-in signature table knows (`stash`), so decoded input proves the verified ABI was used.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const VAULT_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Vault {
    uint256 public immutable limit;
    address public immutable keeper;
    uint256 public total;

    event Stashed(address indexed who, uint256 amount, string note);

    constructor(uint256 limit_) {
        limit = limit_;
        keeper = msg.sender;
    }

    function stash(uint256 amount, string calldata note) external {
        require(amount <= limit, "over the limit");
        total += amount;
        emit Stashed(msg.sender, amount, note);
    }
}
`;

export const VAULT_SETTINGS = { optimizer: { enabled: true, runs: 200 }, evmVersion: "prague" } as const;

/** The constructor argument the tests deploy with (limit = 1000), ABI-encoded. */
export const VAULT_ARGS = `0x${(1000).toString(16).padStart(64, "0")}`;

/** Creation code of Vault, compiled with VAULT_SETTINGS from `Vault.sol`. */
export function vaultCreationCode(): string {
  const solc = require("solc") as { compile(input: string): string };
  const input = {
    language: "Solidity",
    sources: { "Vault.sol": { content: VAULT_SOURCE } },
    settings: { ...VAULT_SETTINGS, outputSelection: { "*": { "*": ["evm.bytecode.object"] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as {
    contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
  };
  return `0x${out.contracts["Vault.sol"]!.Vault!.evm.bytecode.object}`;
}

/** stash(uint256 amount, string note) call data: selector then head/tail encoding. */
export function stashCallData(amount: number, note: string): string {
  const word = (n: number) => n.toString(16).padStart(64, "0");
  const text = Buffer.from(note, "utf8");
  const padded = text.toString("hex").padEnd(Math.ceil(text.length / 32) * 64, "0");
  return `0x${STASH_SELECTOR}${word(amount)}${word(64)}${word(text.length)}${padded}`;
}

/** keccak256("stash(uint256,string)")[0:4], as solc's method identifiers list it. */
export const STASH_SELECTOR = "4af176c8";
