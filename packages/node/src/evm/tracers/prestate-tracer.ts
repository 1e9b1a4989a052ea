/**
 * evm/tracers/prestate-tracer: go-ethereum's native "prestateTracer". While the transaction runs
 * it records what geth looks up: the sender, the recipient (or the created contract), the
 * coinbase and any EIP-7702 authorities at the start (`begin`), every call or creation target
 * and the delegate whose code a delegated account runs (frame hooks), the account
 * operand of BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH and SELFDESTRUCT, and the slots the
 * running contract touches with SLOAD and SSTORE. The answer reads those accounts in the state
 * before the transaction (`pre`) and, in diff mode, after it (`post`).
 *
 * geth's rules: accounts print balance (always), code, codeHash (not for empty code), nonce
 * (a JSON number, omitted when 0) and storage (omitted when empty); addresses and slots sorted.
 * Contracts created by the transaction that did not exist before leave `pre`. In diff mode an
 * account appears only if something about it changed; `post` lists just the changed fields and
 * the changed non-zero slots, `pre` drops zero slots and unchanged slots, and an account the
 * transaction destroyed stays in `pre` but not in `post`.
 */
import { type Address, bytesToHex, equalBytes, hexToBytes } from "../../primitives/index.js";
import type { FrameEnter, Tracer, TraceStep } from "../tracer.js";

export interface PrestateTracerConfig {
  readonly diffMode?: boolean;
  readonly disableCode?: boolean;
  readonly disableStorage?: boolean;
}

/** The reads the tracer needs from a state (a StateDb has them all). */
export interface AccountReader {
  getBalance(address: Address): bigint;
  getNonce(address: Address): bigint;
  getCode(address: Address): Uint8Array;
  getCodeHash(address: Address): Uint8Array;
  getStorage(address: Address, slot: bigint): bigint;
}

export interface PrestateAccountJson {
  balance?: string;
  code?: string;
  codeHash?: string;
  nonce?: number;
  storage?: Record<string, string>;
}

export type PrestateJson = Record<string, PrestateAccountJson>;

const EMPTY_CODE_HASH = hexToBytes("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

const OP = { BALANCE: 0x31, EXTCODESIZE: 0x3b, EXTCODECOPY: 0x3c, EXTCODEHASH: 0x3f, SLOAD: 0x54, SSTORE: 0x55, SELFDESTRUCT: 0xff };

const word = (v: bigint): string => `0x${v.toString(16).padStart(64, "0")}`;
const q = (v: bigint): string => `0x${v.toString(16)}`;

function wordToAddress(w: bigint): Address {
  return hexToBytes(`0x${(w & ((1n << 160n) - 1n)).toString(16).padStart(40, "0")}`) as Address;
}

interface Snapshot {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly code: Uint8Array;
  /** undefined for an account without code (geth omits it). */
  readonly codeHash: Uint8Array | undefined;
  /** Slot -> value in this state. */
  readonly storage: Map<bigint, bigint>;
}

export class PrestateTracer implements Tracer {
  /** Touched accounts (lowercase hex) and the slots read or written in each, in first-touch order. */
  private readonly touched = new Map<string, { address: Address; slots: Set<bigint> }>();
  private readonly created = new Set<string>();
  private readonly selfDestructed = new Set<string>();

  constructor(private readonly config: PrestateTracerConfig = {}) {}

  private touch(address: Address): { address: Address; slots: Set<bigint> } {
    const key = bytesToHex(address);
    let t = this.touched.get(key);
    if (t === undefined) {
      t = { address, slots: new Set() };
      this.touched.set(key, t);
    }
    return t;
  }

  /**
   * geth's OnTxStart lookups: sender, recipient or new contract, coinbase, and the authorities
   * of an EIP-7702 transaction (whose nonce and code change before execution).
   */
  begin(from: Address, to: Address, create: boolean, coinbase: Address, authorities: readonly Address[] = []): void {
    this.touch(from);
    this.touch(to);
    if (create) this.created.add(bytesToHex(to));
    this.touch(coinbase);
    for (const a of authorities) this.touch(a);
  }

  enter(e: FrameEnter): void {
    if (e.type === "SELFDESTRUCT") return;
    this.touch(e.to);
    // The code of a delegated account (EIP-7702) is read from its delegate: looked up too.
    if (e.delegate !== undefined) this.touch(e.delegate);
    if (e.depth > 0 && (e.type === "CREATE" || e.type === "CREATE2")) this.created.add(bytesToHex(e.to));
  }

  step(s: TraceStep): void {
    const op = s.op;
    const n = s.stack.length;
    if (n < 1) return;
    if (op === OP.SLOAD || op === OP.SSTORE) {
      if (this.config.disableStorage !== true) this.touch(s.address).slots.add(s.stack[n - 1]!);
      else this.touch(s.address);
    } else if (op === OP.BALANCE || op === OP.EXTCODESIZE || op === OP.EXTCODECOPY || op === OP.EXTCODEHASH || op === OP.SELFDESTRUCT) {
      this.touch(wordToAddress(s.stack[n - 1]!));
      if (op === OP.SELFDESTRUCT && s.error === undefined) this.selfDestructed.add(bytesToHex(s.address));
    }
  }

  private snapshot(r: AccountReader, address: Address, slots: Iterable<bigint>): Snapshot {
    const codeHash = r.getCodeHash(address);
    const storage = new Map<bigint, bigint>();
    for (const slot of slots) storage.set(slot, r.getStorage(address, slot));
    return {
      balance: r.getBalance(address),
      nonce: r.getNonce(address),
      code: r.getCode(address),
      codeHash: equalBytes(codeHash, EMPTY_CODE_HASH) ? undefined : codeHash,
      storage,
    };
  }

  private json(
    s: Snapshot,
    fields: { balance: boolean; nonce: boolean; code: boolean },
    storage: Map<bigint, bigint>,
  ): PrestateAccountJson {
    const out: PrestateAccountJson = {};
    if (fields.balance) out.balance = q(s.balance);
    if (fields.code && this.config.disableCode !== true) {
      if (s.code.length > 0) out.code = bytesToHex(s.code);
      if (s.codeHash !== undefined) out.codeHash = bytesToHex(s.codeHash);
    }
    if (fields.nonce && s.nonce !== 0n) out.nonce = Number(s.nonce);
    if (storage.size > 0) {
      const st: Record<string, string> = {};
      for (const slot of [...storage.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) st[word(slot)] = word(storage.get(slot)!);
      out.storage = st;
    }
    return out;
  }

  /** The answer: `pre` alone, or {post, pre} in diff mode. `pre` reads the state before the transaction, `post` after it. */
  result(pre: AccountReader, post: AccountReader): PrestateJson | { post: PrestateJson; pre: PrestateJson } {
    const all = { balance: true, nonce: true, code: true };
    const preOut: PrestateJson = {};
    const postOut: PrestateJson = {};
    const keys = [...this.touched.keys()].sort();
    for (const key of keys) {
      const t = this.touched.get(key)!;
      const before = this.snapshot(pre, t.address, t.slots);
      const empty = before.nonce === 0n && before.code.length === 0 && before.balance === 0n;
      if (this.config.diffMode !== true) {
        if (!(empty && this.created.has(key))) preOut[key] = this.json(before, all, before.storage);
        continue;
      }
      const after = this.snapshot(post, t.address, t.slots);
      const destroyed = this.selfDestructed.has(key) && after.nonce === 0n && after.balance === 0n && after.code.length === 0;
      const preSlots = new Map<bigint, bigint>();
      const postSlots = new Map<bigint, bigint>();
      let modified = false;
      for (const [slot, value] of before.storage) {
        const now = after.storage.get(slot) ?? 0n;
        if (now !== value) {
          modified = true;
          if (now !== 0n) postSlots.set(slot, now);
          if (value !== 0n) preSlots.set(slot, value);
        }
      }
      const balance = after.balance !== before.balance;
      const nonce = after.nonce !== before.nonce;
      const code = !equalBytes(after.code, before.code);
      modified ||= balance || nonce || code;
      if (destroyed) {
        // Destroyed: pruned from post, kept whole in pre.
        if (!(empty && this.created.has(key))) preOut[key] = this.json(before, all, before.storage);
        continue;
      }
      if (!modified) continue;
      if (!(empty && this.created.has(key))) preOut[key] = this.json(before, all, preSlots);
      postOut[key] = this.json(after, { balance, nonce, code }, postSlots);
    }
    return this.config.diffMode === true ? { post: postOut, pre: preOut } : preOut;
  }
}
