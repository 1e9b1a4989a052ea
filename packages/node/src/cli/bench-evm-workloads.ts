/**
 * cli/bench-evm-workloads: the workloads of `cairn bench evm`, their Solidity sources
 * (bench/contracts) and sizes, and the little ABI encoding the bench needs (a `run(uint256)`
 * call and uint256 constructor arguments). Sizes are chosen so one measured run of the full
 * bench uses roughly 25-35 million gas, enough that execution dominates every timing.
 */
import { keccak256 } from "../crypto/index.js";
import { bigintToFixedBytes, concatBytes, utf8ToBytes } from "../primitives/index.js";

export interface Workload {
  /** Short name, used by `--only`. */
  readonly name: string;
  readonly description: string;
  /** Source file in bench/contracts and the contract deployed from it. */
  readonly file: string;
  readonly contract: string;
  /** The size argument `n` of `run(uint256 n)`, per mode. */
  readonly size: { readonly full: number; readonly quick: number };
  /** Constructor arguments for a given size (uint256 words). */
  readonly constructorArgs: (n: number) => readonly bigint[];
}

const none = (): readonly bigint[] => [];

export const WORKLOADS: readonly Workload[] = [
  {
    name: "compute",
    description: "fixed-point Mandelbrot, checked int256 arithmetic in loops",
    file: "Mandelbrot.sol",
    contract: "Mandelbrot",
    size: { full: 36, quick: 12 },
    constructorArgs: none,
  },
  {
    name: "erc20",
    description: "OpenZeppelin ERC20 transfers to distinct fresh recipients from a driver",
    file: "Erc20Transfers.sol",
    contract: "Erc20Transfers",
    size: { full: 1000, quick: 100 },
    constructorArgs: none,
  },
  {
    name: "keccak",
    description: "KECCAK256 hash chain over a 128-byte buffer",
    file: "KeccakLoop.sol",
    contract: "KeccakLoop",
    size: { full: 250_000, quick: 25_000 },
    constructorArgs: none,
  },
  {
    name: "memcopy",
    description: "MCOPY of 32 KiB blocks at unaligned offsets, abi.encodePacked copies",
    file: "MemoryCopy.sol",
    contract: "MemoryCopy",
    size: { full: 5000, quick: 500 },
    constructorArgs: none,
  },
  {
    name: "storage",
    description: "SSTORE to fresh and existing slots, repeated writes of a warm slot",
    file: "StorageWrites.sol",
    contract: "StorageWrites",
    size: { full: 1000, quick: 100 },
    constructorArgs: (n) => [BigInt(n)],
  },
  {
    name: "calls",
    description: "many small calls: STATICCALL and CALL to another contract in a loop",
    file: "SmallCalls.sol",
    contract: "SmallCalls",
    size: { full: 26_000, quick: 2600 },
    constructorArgs: none,
  },
];

/** First four bytes of keccak256 of a function signature. */
export function selector(signature: string): Uint8Array {
  return keccak256(utf8ToBytes(signature)).subarray(0, 4);
}

/** ABI encoding of uint256 words (static arguments only). */
export function encodeUints(values: readonly bigint[]): Uint8Array {
  return concatBytes(...values.map((v) => bigintToFixedBytes(v, 32)));
}

/** Call data of `run(uint256 n)`. */
export function runCalldata(n: number): Uint8Array {
  return concatBytes(selector("run(uint256)"), encodeUints([BigInt(n)]));
}

/** Creation code with constructor arguments appended. */
export function deployData(initcode: Uint8Array, args: readonly bigint[]): Uint8Array {
  return args.length === 0 ? initcode : concatBytes(initcode, encodeUints(args));
}
