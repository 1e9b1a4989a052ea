/**
 * test/differential/rpc-scenario-contract: the contract the side-by-side RPC scenario deploys,
 * compiled with solc-js at test start (optimizer on, EVM version prague). It stores a value and
 * logs the change, reverts with a reason string and with a custom error, burns a chosen amount
 * of gas (for estimates that need a binary search) and reports what the call saw.
 */
import { createRequire } from "node:module";

export const SCENARIO_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Scenario {
    uint256 public value;
    mapping(uint256 => uint256) public slots;

    event Stored(address indexed who, uint256 indexed tag, uint256 value);

    error Custom(uint256 code, string why);

    constructor() payable {
        value = 1;
    }

    function store(uint256 v) external {
        value = v;
        emit Stored(msg.sender, v % 7, v);
    }

    function fill(uint256 from, uint256 n) external {
        for (uint256 i = 0; i < n; i++) slots[from + i] = i + 1;
    }

    function clear(uint256 from, uint256 n) external {
        for (uint256 i = 0; i < n; i++) delete slots[from + i];
    }

    function fail() external pure {
        revert("scenario: reason");
    }

    function failCustom() external pure {
        revert Custom(42, "custom");
    }

    function burn(uint256 n) external view returns (uint256 h) {
        h = value;
        for (uint256 i = 0; i < n; i++) h = uint256(keccak256(abi.encode(h, i)));
    }

    function whoami() external view returns (address, address, uint256, uint256) {
        return (msg.sender, tx.origin, block.number, block.chainid);
    }
}
`;

export interface ScenarioContract {
  readonly initcode: string;
  readonly runtime: string;
  /** 4-byte selectors by function signature, e.g. "store(uint256)". */
  readonly selectors: Record<string, string>;
}

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts: Record<
    string,
    Record<
      string,
      { evm: { bytecode: { object: string }; deployedBytecode: { object: string }; methodIdentifiers: Record<string, string> } }
    >
  >;
}

export function compileScenario(): ScenarioContract {
  const solc = createRequire(import.meta.url)("solc") as { compile(input: string): string };
  const input = {
    language: "Solidity",
    sources: { "Scenario.sol": { content: SCENARIO_SOURCE } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "prague",
      outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.deployedBytecode.object", "evm.methodIdentifiers"] } },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const c = out.contracts["Scenario.sol"]!.Scenario!;
  const selectors: Record<string, string> = {};
  for (const [sig, sel] of Object.entries(c.evm.methodIdentifiers)) selectors[sig] = `0x${sel}`;
  return { initcode: `0x${c.evm.bytecode.object}`, runtime: `0x${c.evm.deployedBytecode.object}`, selectors };
}
