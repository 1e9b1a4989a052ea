/**
 * test/e2e/contracts: the Solidity contracts the client end-to-end tests deploy, compiled with
 * solc-js once per test process. The token inherits OpenZeppelin's ERC20 (imports resolved from
 * node_modules through solc's import callback), mints its supply to the deployer and has a
 * function that reverts with a custom error and one that emits an event; the delegate is the code
 * an EIP-7702 authorization points an account at.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Solc {
  version(): string;
  compile(input: string, callbacks?: { import: (path: string) => { contents: string } | { error: string } }): string;
}

export interface Artifact {
  readonly abi: readonly Record<string, unknown>[];
  /** 0x-prefixed creation code. */
  readonly bytecode: `0x${string}`;
  /** 0x-prefixed runtime code. */
  readonly deployedBytecode: `0x${string}`;
}

/** The EVM version the contracts target: the dev chain's default fork. */
export const EVM_VERSION = "prague";

export const TOKEN_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract CairnToken is ERC20 {
    error NotAllowed(address who, uint256 code);
    event Ping(address indexed from, uint256 value, string note);

    constructor(uint256 supply) ERC20("Cairn Token", "CRN") {
        _mint(msg.sender, supply);
    }

    function forbidden(uint256 code) external view {
        revert NotAllowed(msg.sender, code);
    }

    function ping(uint256 value, string calldata note) external {
        emit Ping(msg.sender, value, note);
    }
}
`;

export const DELEGATE_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Delegate {
    event Executed(address indexed self, address indexed caller, uint256 value);

    function execute(uint256 value) external returns (address) {
        emit Executed(address(this), msg.sender, value);
        return address(this);
    }

    function whoAmI() external view returns (address) {
        return address(this);
    }
}
`;

export function solc(): Solc {
  return require("solc") as Solc;
}

/** solc import callback: `@openzeppelin/...` and other package paths resolve from node_modules. */
function resolveImport(path: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(require.resolve(path), "utf8") };
  } catch (e) {
    return { error: `cannot resolve ${path}: ${(e as Error).message}` };
  }
}

/** Compiles a standard-JSON input with solc-js, resolving package imports from node_modules. */
export function compileStandardJson(input: string): string {
  return solc().compile(input, { import: resolveImport });
}

let cached: { CairnToken: Artifact; Delegate: Artifact } | undefined;

/** The compiled test contracts; compiled on first use and kept for the rest of the process. */
export function contracts(): { CairnToken: Artifact; Delegate: Artifact } {
  if (cached !== undefined) return cached;
  const input = {
    language: "Solidity",
    sources: { "CairnToken.sol": { content: TOKEN_SOURCE }, "Delegate.sol": { content: DELEGATE_SOURCE } },
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const out = JSON.parse(compileStandardJson(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<
      string,
      Record<string, { abi: Record<string, unknown>[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
    >;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const artifact = (file: string, name: string): Artifact => {
    const c = out.contracts[file]![name]!;
    return {
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    };
  };
  cached = { CairnToken: artifact("CairnToken.sol", "CairnToken"), Delegate: artifact("Delegate.sol", "Delegate") };
  return cached;
}

/** Dev account keys (the standard test mnemonic). */
export const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
] as const;

export const ADDRESSES = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
] as const;
