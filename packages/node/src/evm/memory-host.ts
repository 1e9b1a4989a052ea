/**
 * evm/memory-host: an in-memory implementation of the Host port with a journal. It is a real,
 * complete implementation (tests and tools run contracts on it); the state layer implements
 * the same port over the trie.
 *
 * Every mutation appends an undo entry; a checkpoint is a journal length, reverting pops entries
 * back to it. Transaction scope: `beginTransaction` clears the per-transaction sets (warm
 * addresses and slots, transient storage, original values, refund, logs), and
 * `finalizeTransaction` deletes self-destructed accounts and touched empty accounts (EIP-161).
 */
import { keccak256 } from "../crypto/index.js";
import type { Address } from "../primitives/index.js";
import type { Host } from "./host.js";

const EMPTY_CODE = new Uint8Array(0);
const EMPTY_CODE_HASH = keccak256(EMPTY_CODE);
const ZERO_HASH = new Uint8Array(32);

interface Account {
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  codeHash: Uint8Array;
  storage: Map<bigint, bigint>;
}

export interface Log {
  readonly address: Address;
  readonly topics: Uint8Array[];
  readonly data: Uint8Array;
}

export interface AccountInit {
  nonce?: bigint;
  balance?: bigint;
  code?: Uint8Array;
  storage?: ReadonlyMap<bigint, bigint> | Record<string, bigint>;
}

const J_BALANCE = 0;
const J_NONCE = 1;
const J_CODE = 2;
const J_STORAGE = 3;
const J_TRANSIENT = 4;
const J_ACCOUNT_CREATED = 5;
const J_WARM_ADDRESS = 6;
const J_WARM_SLOT = 7;
const J_REFUND = 8;
const J_LOG = 9;
const J_TOUCH = 10;
const J_CREATED_CONTRACT = 11;
const J_DESTRUCTED = 12;

/** One undo record. `prev` holds the previous value; its type depends on `kind`. */
class Entry {
  constructor(
    readonly kind: number,
    readonly addr: string,
    readonly key: bigint,
    readonly prev: unknown,
  ) {}
}

/** Map key of an address: ten UTF-16 code units, cheaper to build than hex. */
function keyOf(a: Uint8Array): string {
  return String.fromCharCode(
    (a[0]! << 8) | a[1]!,
    (a[2]! << 8) | a[3]!,
    (a[4]! << 8) | a[5]!,
    (a[6]! << 8) | a[7]!,
    (a[8]! << 8) | a[9]!,
    (a[10]! << 8) | a[11]!,
    (a[12]! << 8) | a[13]!,
    (a[14]! << 8) | a[15]!,
    (a[16]! << 8) | a[17]!,
    (a[18]! << 8) | a[19]!,
  );
}

function addressOfKey(k: string): Address {
  const out = new Uint8Array(20);
  for (let i = 0; i < 10; i++) {
    const c = k.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out as Address;
}

export class MemoryHost implements Host {
  private readonly accounts = new Map<string, Account>();
  private journal: Entry[] = [];
  private readonly originals = new Map<string, Map<bigint, bigint>>();
  private readonly transient = new Map<string, Map<bigint, bigint>>();
  private readonly warmAddresses = new Set<string>();
  private readonly warmSlots = new Map<string, Set<bigint>>();
  private readonly touched = new Set<string>();
  private readonly created = new Set<string>();
  private readonly destructed = new Set<string>();
  private refund = 0;
  readonly logs: Log[] = [];
  private readonly blockHashes = new Map<bigint, Uint8Array>();

  // ---- setup and inspection (not part of the port) ---------------------------------------------

  setAccount(address: Address, init: AccountInit): void {
    const storage = new Map<bigint, bigint>();
    if (init.storage !== undefined) {
      const entries =
        init.storage instanceof Map ? init.storage.entries() : Object.entries(init.storage).map(([k, v]) => [BigInt(k), v] as const);
      for (const [k, v] of entries) if (v !== 0n) storage.set(BigInt(k), v);
    }
    const code = init.code ?? EMPTY_CODE;
    this.accounts.set(keyOf(address), {
      nonce: init.nonce ?? 0n,
      balance: init.balance ?? 0n,
      code,
      codeHash: code.length === 0 ? EMPTY_CODE_HASH : keccak256(code),
      storage,
    });
  }

  /** A copy-free view of an account, or undefined if absent. */
  getAccount(
    address: Address,
  ): Readonly<{ nonce: bigint; balance: bigint; code: Uint8Array; storage: ReadonlyMap<bigint, bigint> }> | undefined {
    return this.accounts.get(keyOf(address));
  }

  /** All present addresses. */
  addresses(): Address[] {
    return [...this.accounts.keys()].map(addressOfKey);
  }

  setBlockHash(number: bigint, hash: Uint8Array): void {
    this.blockHashes.set(number, hash);
  }

  /** Starts a transaction: clears every transaction-scoped set. */
  beginTransaction(): void {
    this.journal = [];
    this.originals.clear();
    this.transient.clear();
    this.warmAddresses.clear();
    this.warmSlots.clear();
    this.touched.clear();
    this.created.clear();
    this.destructed.clear();
    this.refund = 0;
    this.logs.length = 0;
  }

  /** Ends a transaction: deletes self-destructed accounts and touched empty ones (EIP-161). */
  finalizeTransaction(): void {
    for (const k of this.destructed) this.accounts.delete(k);
    for (const k of this.touched) {
      const a = this.accounts.get(k);
      if (a !== undefined && a.nonce === 0n && a.balance === 0n && a.code.length === 0) this.accounts.delete(k);
    }
    this.journal = [];
    this.originals.clear();
    this.transient.clear();
    this.warmAddresses.clear();
    this.warmSlots.clear();
    this.touched.clear();
    this.created.clear();
    this.destructed.clear();
    this.refund = 0;
  }

  // ---- accounts --------------------------------------------------------------------------------

  accountExists(address: Address): boolean {
    return this.accounts.has(keyOf(address));
  }

  isEmpty(address: Address): boolean {
    const a = this.accounts.get(keyOf(address));
    return a === undefined || (a.nonce === 0n && a.balance === 0n && a.code.length === 0);
  }

  getBalance(address: Address): bigint {
    return this.accounts.get(keyOf(address))?.balance ?? 0n;
  }

  getNonce(address: Address): bigint {
    return this.accounts.get(keyOf(address))?.nonce ?? 0n;
  }

  getCode(address: Address): Uint8Array {
    return this.accounts.get(keyOf(address))?.code ?? EMPTY_CODE;
  }

  getCodeHash(address: Address): Uint8Array {
    return this.accounts.get(keyOf(address))?.codeHash ?? EMPTY_CODE_HASH;
  }

  getCodeSize(address: Address): number {
    return this.accounts.get(keyOf(address))?.code.length ?? 0;
  }

  hasStorage(address: Address): boolean {
    const a = this.accounts.get(keyOf(address));
    return a !== undefined && a.storage.size > 0;
  }

  // ---- storage ---------------------------------------------------------------------------------

  getStorage(address: Address, key: bigint): bigint {
    return this.accounts.get(keyOf(address))?.storage.get(key) ?? 0n;
  }

  setStorage(address: Address, key: bigint, value: bigint): void {
    const k = keyOf(address);
    const a = this.ensure(k);
    const prev = a.storage.get(key);
    let orig = this.originals.get(k);
    if (orig === undefined) {
      orig = new Map();
      this.originals.set(k, orig);
    }
    if (!orig.has(key)) orig.set(key, prev ?? 0n);
    this.journal.push(new Entry(J_STORAGE, k, key, prev));
    if (value === 0n) a.storage.delete(key);
    else a.storage.set(key, value);
  }

  getOriginalStorage(address: Address, key: bigint): bigint {
    const k = keyOf(address);
    const orig = this.originals.get(k)?.get(key);
    return orig !== undefined ? orig : (this.accounts.get(k)?.storage.get(key) ?? 0n);
  }

  getTransientStorage(address: Address, key: bigint): bigint {
    return this.transient.get(keyOf(address))?.get(key) ?? 0n;
  }

  setTransientStorage(address: Address, key: bigint, value: bigint): void {
    const k = keyOf(address);
    let m = this.transient.get(k);
    if (m === undefined) {
      m = new Map();
      this.transient.set(k, m);
    }
    this.journal.push(new Entry(J_TRANSIENT, k, key, m.get(key)));
    if (value === 0n) m.delete(key);
    else m.set(key, value);
  }

  // ---- access sets -----------------------------------------------------------------------------

  accessAddress(address: Address): boolean {
    const k = keyOf(address);
    if (this.warmAddresses.has(k)) return false;
    this.warmAddresses.add(k);
    this.journal.push(new Entry(J_WARM_ADDRESS, k, 0n, undefined));
    return true;
  }

  accessStorage(address: Address, key: bigint): boolean {
    const k = keyOf(address);
    let slots = this.warmSlots.get(k);
    if (slots === undefined) {
      slots = new Set();
      this.warmSlots.set(k, slots);
    }
    if (slots.has(key)) return false;
    slots.add(key);
    this.journal.push(new Entry(J_WARM_SLOT, k, key, undefined));
    return true;
  }

  /** Whether an address is warm (tests). */
  isWarm(address: Address): boolean {
    return this.warmAddresses.has(keyOf(address));
  }

  // ---- journal ---------------------------------------------------------------------------------

  checkpoint(): number {
    return this.journal.length;
  }

  revertToCheckpoint(id: number): void {
    const j = this.journal;
    while (j.length > id) this.undo(j.pop()!);
  }

  commitCheckpoint(_id: number): void {
    // The journal is flat: entries stay so that an enclosing checkpoint can still undo them.
  }

  private undo(e: Entry): void {
    switch (e.kind) {
      case J_BALANCE:
        this.accounts.get(e.addr)!.balance = e.prev as bigint;
        break;
      case J_NONCE:
        this.accounts.get(e.addr)!.nonce = e.prev as bigint;
        break;
      case J_CODE: {
        const a = this.accounts.get(e.addr)!;
        const [code, hash] = e.prev as [Uint8Array, Uint8Array];
        a.code = code;
        a.codeHash = hash;
        break;
      }
      case J_STORAGE: {
        const s = this.accounts.get(e.addr)!.storage;
        if (e.prev === undefined) s.delete(e.key);
        else s.set(e.key, e.prev as bigint);
        break;
      }
      case J_TRANSIENT: {
        const m = this.transient.get(e.addr)!;
        if (e.prev === undefined) m.delete(e.key);
        else m.set(e.key, e.prev as bigint);
        break;
      }
      case J_ACCOUNT_CREATED:
        this.accounts.delete(e.addr);
        break;
      case J_WARM_ADDRESS:
        this.warmAddresses.delete(e.addr);
        break;
      case J_WARM_SLOT:
        this.warmSlots.get(e.addr)!.delete(e.key);
        break;
      case J_REFUND:
        this.refund = e.prev as number;
        break;
      case J_LOG:
        this.logs.length = e.prev as number;
        break;
      case J_TOUCH:
        this.touched.delete(e.addr);
        break;
      case J_CREATED_CONTRACT:
        this.created.delete(e.addr);
        break;
      case J_DESTRUCTED:
        this.destructed.delete(e.addr);
        break;
    }
  }

  // ---- effects ---------------------------------------------------------------------------------

  emitLog(address: Address, topics: Uint8Array[], data: Uint8Array): void {
    this.journal.push(new Entry(J_LOG, "", 0n, this.logs.length));
    this.logs.push({ address, topics, data });
  }

  touchAccount(address: Address): void {
    const k = keyOf(address);
    if (this.touched.has(k)) return;
    this.touched.add(k);
    this.journal.push(new Entry(J_TOUCH, k, 0n, undefined));
  }

  transfer(from: Address, to: Address, value: bigint): void {
    const toKey = keyOf(to);
    const target = this.ensure(toKey);
    if (value !== 0n) {
      const fromKey = keyOf(from);
      const source = this.ensure(fromKey);
      this.journal.push(new Entry(J_BALANCE, fromKey, 0n, source.balance));
      source.balance -= value;
      this.journal.push(new Entry(J_BALANCE, toKey, 0n, target.balance));
      target.balance += value;
    }
    this.touchAccount(to);
  }

  createAccount(address: Address): void {
    this.ensure(keyOf(address));
  }

  createContract(address: Address): void {
    const k = keyOf(address);
    const a = this.ensure(k);
    this.journal.push(new Entry(J_NONCE, k, 0n, a.nonce));
    a.nonce = 1n;
    if (!this.created.has(k)) {
      this.created.add(k);
      this.journal.push(new Entry(J_CREATED_CONTRACT, k, 0n, undefined));
    }
  }

  incrementNonce(address: Address): void {
    const k = keyOf(address);
    const a = this.ensure(k);
    this.journal.push(new Entry(J_NONCE, k, 0n, a.nonce));
    a.nonce += 1n;
  }

  setCode(address: Address, code: Uint8Array): void {
    const k = keyOf(address);
    const a = this.ensure(k);
    this.journal.push(new Entry(J_CODE, k, 0n, [a.code, a.codeHash]));
    a.code = code;
    a.codeHash = code.length === 0 ? EMPTY_CODE_HASH : keccak256(code);
  }

  createdInTransaction(address: Address): boolean {
    return this.created.has(keyOf(address));
  }

  markSelfDestructed(address: Address): void {
    const k = keyOf(address);
    const a = this.ensure(k);
    this.journal.push(new Entry(J_BALANCE, k, 0n, a.balance));
    a.balance = 0n;
    if (!this.destructed.has(k)) {
      this.destructed.add(k);
      this.journal.push(new Entry(J_DESTRUCTED, k, 0n, undefined));
    }
  }

  /** Whether the account is scheduled for deletion (tests). */
  isSelfDestructed(address: Address): boolean {
    return this.destructed.has(keyOf(address));
  }

  // ---- refunds ---------------------------------------------------------------------------------

  addRefund(amount: number): void {
    this.journal.push(new Entry(J_REFUND, "", 0n, this.refund));
    this.refund += amount;
  }

  subRefund(amount: number): void {
    this.journal.push(new Entry(J_REFUND, "", 0n, this.refund));
    this.refund -= amount;
  }

  getRefund(): number {
    return this.refund;
  }

  // ---- history ---------------------------------------------------------------------------------

  getBlockHash(number: bigint): Uint8Array {
    return this.blockHashes.get(number) ?? ZERO_HASH;
  }

  /** The account under `k`, created empty (and journaled) if absent. */
  private ensure(k: string): Account {
    let a = this.accounts.get(k);
    if (a === undefined) {
      a = { nonce: 0n, balance: 0n, code: EMPTY_CODE, codeHash: EMPTY_CODE_HASH, storage: new Map() };
      this.accounts.set(k, a);
      this.journal.push(new Entry(J_ACCOUNT_CREATED, k, 0n, undefined));
    }
    return a;
  }
}
