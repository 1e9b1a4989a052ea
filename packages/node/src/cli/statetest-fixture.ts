/**
 * cli/statetest-fixture: reading one state test (ethereum/tests GeneralStateTests and
 * execution-spec-tests `state_test` format) from untrusted JSON into typed data. Every field is
 * checked (hex syntax, sizes, integer bounds); anything wrong is a FixtureError naming the
 * field, which the runner reports as a failed entry instead of crashing.
 *
 * A test is { env, pre, transaction, post: { <fork>: [ { hash, logs, txbytes, indexes,
 * expectException? } ] }, config?: { chainid, blobSchedule } }.
 */
import { type BlobParams, type Fork, isFork } from "../params/index.js";
import { type Address, type Hash32, UINT64_MAX, UINT256_MAX } from "../primitives/index.js";
import type { AccountInit } from "../state/index.js";
import { type AccessList, type Authorization, signTransaction, type Transaction, type UnsignedTransaction } from "../types/index.js";

export class FixtureError extends Error {
  override name = "FixtureError";
}

export interface StateTestEnv {
  coinbase: Address;
  gasLimit: bigint;
  number: bigint;
  timestamp: bigint;
  prevRandao: Uint8Array;
  baseFee: bigint;
  excessBlobGas: bigint;
}

export interface PostEntry {
  /** Expected post-state root. */
  hash: Uint8Array;
  /** Expected keccak256(rlp(logs)). */
  logs: Uint8Array;
  /** The signed transaction of this entry, when given. */
  txbytes: Uint8Array | undefined;
  indexes: { data: number; gas: number; value: number };
  /** Set when the transaction must be rejected. */
  expectException: string | undefined;
}

export interface StateTest {
  env: StateTestEnv;
  pre: [Address, AccountInit][];
  /** The raw `transaction` object, for entries without txbytes (see buildTransaction). */
  transaction: Record<string, unknown>;
  chainId: bigint;
  /** Blob parameters given by the fixture, per fork name. */
  blobSchedule: Partial<Record<Fork, BlobParams>>;
}

type Json = Record<string, unknown>;

/** Longest hex quantity accepted: 256 bits. */
const MAX_QUANTITY_DIGITS = 64;
/** Largest code or data accepted, in bytes (far above any fixture, below memory trouble). */
const MAX_BYTES = 16 * 1024 * 1024;

export function obj(v: unknown, what: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new FixtureError(`${what} must be an object`);
  return v as Json;
}

function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new FixtureError(`${what} must be an array`);
  return v;
}

export function quantity(v: unknown, what: string, max: bigint = UINT256_MAX): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v !== "string") throw new FixtureError(`${what} must be a hex string`);
  let n: bigint;
  if (/^0x[0-9a-fA-F]*$/.test(v)) {
    const digits = v.slice(2).replace(/^0+/, "");
    if (digits.length > MAX_QUANTITY_DIGITS) throw new FixtureError(`${what} exceeds 256 bits`);
    n = digits.length === 0 ? 0n : BigInt(`0x${digits}`);
  } else if (/^[0-9]{1,78}$/.test(v)) {
    n = BigInt(v);
  } else {
    throw new FixtureError(`${what} is not a quantity: ${JSON.stringify(v.slice(0, 80))}`);
  }
  if (n > max) throw new FixtureError(`${what} ${v} is out of range`);
  return n;
}

export function hexBytes(v: unknown, what: string, length?: number): Uint8Array {
  if (typeof v !== "string" || !/^(0x)?[0-9a-fA-F]*$/.test(v)) throw new FixtureError(`${what} must be a hex string`);
  const hex = v.startsWith("0x") ? v.slice(2) : v;
  if (hex.length % 2 !== 0) throw new FixtureError(`${what} has an odd number of hex digits`);
  if (hex.length / 2 > MAX_BYTES) throw new FixtureError(`${what} is too large`);
  if (length !== undefined && hex.length !== length * 2) throw new FixtureError(`${what} must be ${length} bytes`);
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

export function address(v: unknown, what: string): Address {
  return hexBytes(v, what, 20) as Address;
}

function index(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new FixtureError(`${what} must be a non-negative integer`);
  return v;
}

function parseEnv(v: unknown): StateTestEnv {
  const e = obj(v, "env");
  const random = e.currentRandom ?? e.currentDifficulty;
  return {
    coinbase: address(e.currentCoinbase, "env.currentCoinbase"),
    gasLimit: quantity(e.currentGasLimit, "env.currentGasLimit", UINT64_MAX),
    number: quantity(e.currentNumber, "env.currentNumber", UINT64_MAX),
    timestamp: quantity(e.currentTimestamp, "env.currentTimestamp", UINT64_MAX),
    prevRandao: bigintTo32(quantity(random ?? "0x0", "env.currentRandom")),
    baseFee: e.currentBaseFee === undefined ? 0n : quantity(e.currentBaseFee, "env.currentBaseFee"),
    excessBlobGas: e.currentExcessBlobGas === undefined ? 0n : quantity(e.currentExcessBlobGas, "env.currentExcessBlobGas", UINT64_MAX),
  };
}

function bigintTo32(n: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(n.toString(16).padStart(64, "0"), "hex"));
}

/** Accounts keyed by address, as `pre` (and a blockchain test's `postState`) lists them. */
export function parsePre(v: unknown, field = "pre"): [Address, AccountInit][] {
  const pre = obj(v, field);
  const out: [Address, AccountInit][] = [];
  for (const [addr, raw] of Object.entries(pre)) {
    const what = `${field}[${addr.slice(0, 44)}]`;
    const a = obj(raw, what);
    const storage: [bigint, bigint][] = [];
    for (const [k, val] of Object.entries(obj(a.storage ?? {}, `${what}.storage`))) {
      storage.push([quantity(k, `${what} storage key`), quantity(val, `${what} storage value`)]);
    }
    out.push([
      address(addr, what),
      {
        nonce: quantity(a.nonce ?? "0x0", `${what}.nonce`, UINT64_MAX),
        balance: quantity(a.balance ?? "0x0", `${what}.balance`),
        code: hexBytes(a.code ?? "0x", `${what}.code`),
        storage,
      },
    ]);
  }
  return out;
}

function parseBlobSchedule(v: unknown): Partial<Record<Fork, BlobParams>> {
  const out: Partial<Record<Fork, BlobParams>> = {};
  if (v === undefined) return out;
  for (const [name, raw] of Object.entries(obj(v, "config.blobSchedule"))) {
    if (!isFork(name)) continue;
    const p = obj(raw, `config.blobSchedule.${name}`);
    out[name] = {
      target: Number(quantity(p.target, `blobSchedule.${name}.target`, 1024n)),
      max: Number(quantity(p.max, `blobSchedule.${name}.max`, 1024n)),
      baseFeeUpdateFraction: quantity(p.baseFeeUpdateFraction, `blobSchedule.${name}.baseFeeUpdateFraction`),
    };
    if (out[name].baseFeeUpdateFraction === 0n) throw new FixtureError(`blobSchedule.${name}.baseFeeUpdateFraction is 0`);
  }
  return out;
}

/** Everything of a test except its posts. */
export function parseStateTest(v: unknown): StateTest {
  const t = obj(v, "test");
  const config = t.config === undefined ? {} : obj(t.config, "config");
  return {
    env: parseEnv(t.env),
    pre: parsePre(t.pre),
    transaction: obj(t.transaction, "transaction"),
    chainId: config.chainid === undefined ? 1n : quantity(config.chainid, "config.chainid"),
    blobSchedule: parseBlobSchedule(config.blobSchedule),
  };
}

/** The `post` object of a test: fork name -> raw entries (each parsed by parsePostEntry). */
export function postsOf(v: unknown): [string, unknown[]][] {
  const post = obj(obj(v, "test").post, "post");
  return Object.entries(post).map(([fork, entries]) => [fork, arr(entries, `post.${fork}`)]);
}

export function parsePostEntry(v: unknown, what: string): PostEntry {
  const p = obj(v, what);
  const ix = obj(p.indexes, `${what}.indexes`);
  const exc = p.expectException;
  if (exc !== undefined && typeof exc !== "string") throw new FixtureError(`${what}.expectException must be a string`);
  return {
    hash: hexBytes(p.hash, `${what}.hash`, 32),
    logs: hexBytes(p.logs, `${what}.logs`, 32),
    txbytes: p.txbytes === undefined ? undefined : hexBytes(p.txbytes, `${what}.txbytes`),
    indexes: { data: index(ix.data, "indexes.data"), gas: index(ix.gas, "indexes.gas"), value: index(ix.value, "indexes.value") },
    expectException: exc,
  };
}

function pick(t: Json, field: string, i: number): unknown {
  const list = arr(t[field], `transaction.${field}`);
  if (i >= list.length) throw new FixtureError(`transaction.${field} has no index ${i}`);
  return list[i];
}

function accessList(v: unknown): AccessList {
  return arr(v ?? [], "access list").map((e, i) => {
    const entry = obj(e, `access list entry ${i}`);
    return {
      address: address(entry.address, "access list address"),
      storageKeys: arr(entry.storageKeys, "access list storageKeys").map((k) => hexBytes(k, "access list storage key", 32) as Hash32),
    };
  });
}

function authorizations(v: unknown): Authorization[] {
  return arr(v, "transaction.authorizationList").map((raw, i) => {
    const a = obj(raw, `authorization ${i}`);
    return {
      chainId: quantity(a.chainId, "authorization chainId"),
      address: address(a.address, "authorization address"),
      nonce: quantity(a.nonce, "authorization nonce", UINT64_MAX),
      yParity: Number(quantity(a.yParity ?? a.v, "authorization yParity", 255n)),
      r: quantity(a.r, "authorization r"),
      s: quantity(a.s, "authorization s"),
    };
  });
}

/**
 * The entry's transaction built from the general `transaction` object and signed with its
 * `secretKey`, for fixtures that carry no txbytes. The type follows from the fields present.
 */
export function buildTransaction(t: Json, ix: PostEntry["indexes"], chainId: bigint): Transaction {
  const key = hexBytes(t.secretKey, "transaction.secretKey", 32);
  const to = t.to === undefined || t.to === "" || t.to === null ? undefined : address(t.to, "transaction.to");
  const base = {
    nonce: quantity(t.nonce, "transaction.nonce", UINT64_MAX),
    gasLimit: quantity(pick(t, "gasLimit", ix.gas), "transaction.gasLimit", UINT64_MAX),
    value: quantity(pick(t, "value", ix.value), "transaction.value"),
    data: hexBytes(pick(t, "data", ix.data), "transaction.data"),
  };
  const list = t.accessLists === undefined || t.accessLists === null ? undefined : accessList(pick(t, "accessLists", ix.data));
  let unsigned: UnsignedTransaction;
  if (t.maxFeePerGas !== undefined) {
    const fees = {
      chainId,
      maxFeePerGas: quantity(t.maxFeePerGas, "transaction.maxFeePerGas"),
      maxPriorityFeePerGas: quantity(t.maxPriorityFeePerGas, "transaction.maxPriorityFeePerGas"),
      accessList: list ?? [],
      ...base,
    };
    if (t.blobVersionedHashes !== undefined) {
      if (to === undefined) throw new FixtureError("a blob transaction needs a recipient");
      const hashes = arr(t.blobVersionedHashes, "transaction.blobVersionedHashes").map(
        (h) => hexBytes(h, "blob versioned hash", 32) as Hash32,
      );
      const maxFeePerBlobGas = quantity(t.maxFeePerBlobGas, "transaction.maxFeePerBlobGas");
      unsigned = { type: 3, ...fees, to, maxFeePerBlobGas, blobVersionedHashes: hashes };
    } else if (t.authorizationList !== undefined) {
      if (to === undefined) throw new FixtureError("a set-code transaction needs a recipient");
      unsigned = { type: 4, ...fees, to, authorizationList: authorizations(t.authorizationList) };
    } else {
      unsigned = { type: 2, ...fees, to };
    }
  } else {
    const gasPrice = quantity(t.gasPrice, "transaction.gasPrice");
    unsigned = list === undefined ? { type: 0, ...base, to, gasPrice } : { type: 1, chainId, ...base, to, gasPrice, accessList: list };
  }
  return signTransaction(unsigned, key);
}
