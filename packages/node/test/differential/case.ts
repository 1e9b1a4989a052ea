/**
 * test/differential/case: what one differential case is (a pre-state, a signed transaction and
 * the block parameters the test controls) and what each side is observed to do with it (the
 * transaction's inclusion, status, gas used and logs, and the post-state of every account and
 * slot involved). Helpers shared by the generators live here too.
 */
import { keccak256, privateKeyToAddress, SECP256K1_N } from "../../src/crypto/index.js";
import { type Address, bigintToBytes, bytesToBigint } from "../../src/primitives/index.js";
import { encodeRlp } from "../../src/rlp/index.js";
import { type AccessList, type Authorization, signTransaction, type Transaction } from "../../src/types/index.js";
import type { Rng } from "./rng.js";

export const CHAIN_ID = 31337n;
/** Block timestamp of every case (after anvil's genesis, which is "now"). */
export const CASE_TIMESTAMP = 0x7000_0000n;
export const ETHER = 10n ** 18n;

export interface PreAccount {
  address: Address;
  balance?: bigint;
  nonce?: bigint;
  code?: Uint8Array;
  storage?: readonly (readonly [bigint, bigint])[];
}

export interface DiffCase {
  /** One line saying what the case exercises. */
  name: string;
  pre: PreAccount[];
  tx: Transaction;
  coinbase: Address;
  baseFee: bigint;
  /** Addresses and slots to compare beyond the pre-state and what either side reports changed. */
  watch?: { address: Address; slots?: readonly bigint[] }[];
  /** Listing printed when the case differs (programs, inputs). */
  detail?: string;
  /**
   * A deliberate, justified difference of anvil's: accounts that anvil's database holds as
   * existing (empty) where the case has none, given to Cairn's pre-state too so both sides
   * execute the same state; `reason` is printed in the suite's known-difference list.
   */
  mirror?: { accounts: PreAccount[]; reason: string };
}

export interface AccountView {
  balance: bigint;
  nonce: bigint;
  code: string;
  /** slot (hex) -> value */
  storage: Map<string, bigint>;
}

export interface LogView {
  address: string;
  topics: string[];
  data: string;
}

export interface Observation {
  /** Why the transaction was not included; undefined when it was. */
  rejected: string | undefined;
  success: boolean;
  gasUsed: bigint;
  logs: LogView[];
  /** address (lower-case hex) -> post-state */
  accounts: Map<string, AccountView>;
}

/** A random private key (below the curve order, never zero). */
export function randomKey(rng: Rng): Uint8Array {
  for (;;) {
    const k = rng.bytes(32);
    const v = bytesToBigint(k);
    if (v !== 0n && v < SECP256K1_N) return k;
  }
}

export interface Keyed {
  key: Uint8Array;
  address: Address;
}

export function randomAccount(rng: Rng): Keyed {
  const key = randomKey(rng);
  return { key, address: privateKeyToAddress(key) };
}

/** A random address nobody holds a key for (never a precompile or system address). */
export function randomAddress(rng: Rng): Address {
  const a = rng.bytes(20);
  a[0] = 0x10 + (a[0]! % 0xe0);
  return a as Address;
}

/** A precompile address 0x01..0x11 (Prague). */
export function precompileAddress(n: number): Address {
  const a = new Uint8Array(20);
  a[19] = n;
  return a as Address;
}

/** keccak256(rlp([sender, nonce]))[12:]: the address CREATE gives. */
export function createAddressOf(sender: Address, nonce: bigint): Address {
  return keccak256(encodeRlp([sender, nonce])).slice(12) as Address;
}

/** keccak256(0xff || sender || salt || keccak256(initCode))[12:]: the address CREATE2 gives. */
export function create2AddressOf(sender: Address, salt: bigint, initCode: Uint8Array): Address {
  const salt32 = new Uint8Array(32);
  const s = bigintToBytes(salt);
  salt32.set(s, 32 - s.length);
  const buf = new Uint8Array(1 + 20 + 32 + 32);
  buf[0] = 0xff;
  buf.set(sender, 1);
  buf.set(salt32, 21);
  buf.set(keccak256(initCode), 53);
  return keccak256(buf).slice(12) as Address;
}

/** EIP-7702 delegation designator 0xef0100 || address, written here independently of src/evm. */
export function designator(target: Address): Uint8Array {
  const out = new Uint8Array(23);
  out.set([0xef, 0x01, 0x00]);
  out.set(target, 3);
  return out;
}

/** A base fee for the case's block: zero, tiny or gwei-sized. */
export function randomBaseFee(rng: Rng): bigint {
  return rng.weighted<bigint>([
    [1, 0n],
    [3, 7n],
    [3, BigInt(rng.range(1, 1000))],
    [3, 1_000_000_000n],
  ]);
}

/** Fee fields for a type-2/4 transaction in a block of `baseFee` (max fee covers it). */
export function randomFees(rng: Rng, baseFee: bigint): { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } {
  const maxPriorityFeePerGas = rng.pick([0n, 1n, 2n, BigInt(rng.range(1, 3_000_000_000))]);
  const extra = rng.pick([0n, maxPriorityFeePerGas, maxPriorityFeePerGas + BigInt(rng.range(0, 5_000_000_000))]);
  let maxFeePerGas = baseFee + extra;
  // EIP-1559: the max fee may not be below the tip.
  if (maxFeePerGas < maxPriorityFeePerGas) maxFeePerGas = maxPriorityFeePerGas;
  return { maxFeePerGas, maxPriorityFeePerGas };
}

export interface TxSpec {
  type: 0 | 1 | 2 | 4;
  nonce: bigint;
  to: Address | undefined;
  value?: bigint;
  data?: Uint8Array;
  gasLimit: bigint;
  baseFee: bigint;
  accessList?: AccessList;
  authorizationList?: Authorization[];
}

/** Signs a transaction of the given type with fees that fit a block of `spec.baseFee`. */
export function buildTx(rng: Rng, spec: TxSpec, key: Uint8Array): Transaction {
  const value = spec.value ?? 0n;
  const data = spec.data ?? new Uint8Array(0);
  const accessList = spec.accessList ?? [];
  const common = { nonce: spec.nonce, gasLimit: spec.gasLimit, value, data };
  if (spec.type === 0 || spec.type === 1) {
    const gasPrice = spec.baseFee + rng.pick([0n, 1n, BigInt(rng.range(1, 2_000_000_000))]);
    if (spec.type === 0) {
      const chainId = rng.chance(0.8) ? CHAIN_ID : undefined;
      return signTransaction({ type: 0, ...common, to: spec.to, gasPrice, chainId }, key);
    }
    return signTransaction({ type: 1, chainId: CHAIN_ID, ...common, to: spec.to, gasPrice, accessList }, key);
  }
  const fees = randomFees(rng, spec.baseFee);
  if (spec.type === 2) return signTransaction({ type: 2, chainId: CHAIN_ID, ...common, to: spec.to, ...fees, accessList }, key);
  if (spec.to === undefined) throw new Error("a set-code transaction needs a destination");
  return signTransaction(
    { type: 4, chainId: CHAIN_ID, ...common, to: spec.to, ...fees, accessList, authorizationList: spec.authorizationList ?? [] },
    key,
  );
}

/** The most a transaction can cost its sender (gas limit at the max fee, plus value). */
export function maxCost(tx: Transaction): bigint {
  const price = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
  return tx.gasLimit * price + tx.value;
}

/** EIP-7623 tokens of calldata: one per zero byte, four per non-zero byte. */
export function calldataTokens(data: Uint8Array): bigint {
  let tokens = 0n;
  for (const b of data) tokens += b === 0 ? 1n : 4n;
  return tokens;
}

/** Intrinsic gas of a call's calldata (EIP-2028): 4 per token. */
export function calldataGas(data: Uint8Array): bigint {
  return 4n * calldataTokens(data);
}

/** EIP-7623 floor: 21,000 plus 10 per calldata token. */
export function floorGas(data: Uint8Array): bigint {
  return 21_000n + 10n * calldataTokens(data);
}
