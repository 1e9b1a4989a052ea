/**
 * test/differential/trace-scenario: the transactions the tracing differential tests send to both
 * anvil and cairn dev: a small Solidity system (Leaf, Lib, Child, Router) deployed by key 0, then
 * calls with nested CALL, STATICCALL, DELEGATECALL, CREATE, CREATE2, SELFDESTRUCT, events, a caught
 * revert, a reverting transaction, a transfer, precompile calls, an out-of-gas run and an EIP-7702
 * transaction. `scenarioTransactions()` signs them in order (nonces 0..11 of key 0).
 */
import { keccak256 } from "../../src/crypto/index.js";
import { createAddress } from "../../src/evm/index.js";
import { addressFromHex, bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { encodeTransaction, signAuthorization, signTransaction } from "../../src/types/index.js";
import { compileStandardJson } from "../e2e/contracts.js";
import { DEV1 } from "../integration/rpc-helpers.js";

export const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Leaf {
    uint256 public x;
    event Set(address indexed who, uint256 v);
    function set(uint256 v) external returns (uint256) { x = v; emit Set(msg.sender, v); return v * 2; }
    function get() external view returns (uint256) { return x; }
    function fail(uint256 v) external pure { require(v == 0, "leaf says no"); }
}
contract Lib {
    uint256 public counter;
    function bump(uint256 v) external { counter += v; }
}
contract Child {
    uint256 public v;
    constructor(uint256 a) payable { v = a; }
    function kill(address payable to) external { selfdestruct(to); }
}
contract Router {
    uint256 public counter;
    Leaf public leaf;
    Lib public lib;
    event Done(uint256 indexed a, bytes32 b);
    constructor(Leaf l, Lib b) { leaf = l; lib = b; }
    function run(uint256 v) external payable returns (uint256 r) {
        emit Done(v, keccak256(abi.encode(v)));
        r = leaf.set(v);
        r += leaf.get();
        (bool ok, ) = address(lib).delegatecall(abi.encodeCall(Lib.bump, (v)));
        require(ok, "bump failed");
        try leaf.fail(v) {} catch {}
        Child c = new Child{value: msg.value}(v);
        Child c2 = new Child{salt: bytes32(v)}(v + 1);
        c2.kill(payable(msg.sender));
        r += c.v() + address(c).balance + address(leaf).code.length;
    }
    function boom(uint256 v) external { leaf.set(v); leaf.fail(v + 1); }
    function extras(uint256 v) external payable returns (bytes32 h) {
        h = sha256(abi.encode(v));
        address signer = ecrecover(h, 27, bytes32(v), bytes32(v));
        // A callee that runs out of the little gas it gets, and a transfer to a new account.
        (bool ok, ) = address(leaf).call{gas: 5000}(abi.encodeCall(Leaf.set, (v)));
        require(!ok, "should have failed");
        payable(address(uint160(0xdead) + uint160(signer) * 0)).transfer(msg.value);
    }
}
`;

export interface Built {
  readonly bytecode: string;
}

export function compile(): Record<string, Built> {
  const input = {
    language: "Solidity",
    sources: { "Trace.sol": { content: SOURCE } },
    settings: {
      evmVersion: "prague",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.bytecode.object"] } },
    },
  };
  const out = JSON.parse(compileStandardJson(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const c = out.contracts["Trace.sol"]!;
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, { bytecode: v.evm.bytecode.object }]));
}

/** Key 0's address, the scenario's sender. */
export const SENDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
export const KEY0 = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
/** DEV1's key (the mnemonic's second account). */
export const KEY1 = hexToBytes("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
// The first contracts key 0 creates (nonces 0, 1, 2).
export const LEAF = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
export const LIB = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
export const ROUTER = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
export const word = (v: bigint | string): string => (typeof v === "string" ? v.slice(2) : v.toString(16)).padStart(64, "0");
// Selectors: run(uint256), boom(uint256), set(uint256).
export const RUN = "0xa444f5e9";
export const BOOM = "0xb443a085";
export const SET = "0x60fe47b1";
export const EXTRAS = bytesToHex(keccak256(new TextEncoder().encode("extras(uint256)")).subarray(0, 4));
export const KILL = bytesToHex(keccak256(new TextEncoder().encode("kill(address)")).subarray(0, 4));
/** The Child that run(0) leaves behind (Router's first CREATE, nonce 1). */
export const CHILD = bytesToHex(createAddress(addressFromHex(ROUTER), 1n));

export function rawTx(nonce: number, to: string | undefined, data: string, value = 0n, gasLimit = 3_000_000n): string {
  const tx = signTransaction(
    {
      type: 2,
      chainId: 31337n,
      nonce: BigInt(nonce),
      maxPriorityFeePerGas: 1_000_000_000n,
      maxFeePerGas: 100_000_000_000n,
      gasLimit,
      to: to === undefined ? undefined : addressFromHex(to),
      value,
      data: hexToBytes(data),
      accessList: [],
    },
    KEY0,
  );
  return bytesToHex(encodeTransaction(tx));
}

/** An EIP-7702 transaction from key 0 to DEV1, whose key delegates DEV1 to `delegate`. */
export function setCodeTx(nonce: number, delegate: string, data: string): string {
  const auth = signAuthorization({ chainId: 31337n, address: addressFromHex(delegate), nonce: 0n }, KEY1);
  const tx = signTransaction(
    {
      type: 4,
      chainId: 31337n,
      nonce: BigInt(nonce),
      maxPriorityFeePerGas: 1_000_000_000n,
      maxFeePerGas: 100_000_000_000n,
      gasLimit: 3_000_000n,
      to: addressFromHex(DEV1),
      value: 0n,
      data: hexToBytes(data),
      accessList: [],
      authorizationList: [auth],
    },
    KEY0,
  );
  return bytesToHex(encodeTransaction(tx));
}

/** The scenario's signed transactions, in order, for contracts compiled by `compile()`. */
export function scenarioTransactions(built: Record<string, Built>): string[] {
  return [
    rawTx(0, undefined, `0x${built.Leaf!.bytecode}`),
    rawTx(1, undefined, `0x${built.Lib!.bytecode}`),
    rawTx(2, undefined, `0x${built.Router!.bytecode}${word(LEAF)}${word(LIB)}`),
    rawTx(3, ROUTER, `${RUN}${word(5n)}`, 7n),
    rawTx(4, ROUTER, `${BOOM}${word(3n)}`),
    rawTx(5, DEV1, "0x", 10n ** 18n),
    rawTx(6, LEAF, `${SET}${word(0n)}`),
    rawTx(7, ROUTER, `${RUN}${word(0n)}`),
    rawTx(8, ROUTER, `${EXTRAS}${word(9n)}`, 1n),
    // Runs out of gas part way through.
    rawTx(9, ROUTER, `${RUN}${word(4n)}`, 0n, 90_000n),
    // DEV1 delegates to Leaf and is called in the same transaction (EIP-7702).
    setCodeTx(10, LEAF, `${SET}${word(3n)}`),
    // SELFDESTRUCT of a contract created earlier: its balance moves, the account stays (EIP-6780).
    rawTx(11, CHILD, `${KILL}${word(SENDER)}`),
  ];
}
