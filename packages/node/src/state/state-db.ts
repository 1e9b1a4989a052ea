/**
 * state/state-db: the world state while blocks execute. Reads go through a flat in-memory cache
 * of account objects (each with its storage slots) over the account trie and per-account
 * storage tries, loaded lazily from a TrieNodeStore; code is read by hash from a CodeStore.
 * Writes change only the cache and are journaled (journal.ts), together with the
 * transaction-scoped sets of tx-scope.ts, so a call frame can be rolled back.
 *
 * Transaction life cycle: `beginTransaction`, then any number of journaled operations and
 * checkpoints, then `finalizeTransaction`, which deletes self-destructed accounts and (EIP-161)
 * touched empty ones and returns the transaction's StateDiff. `computeRoot` applies what
 * changed since the last call to the tries and returns the state root; `commit` also collects
 * the new trie nodes and code for persistence.
 *
 * This module knows nothing of the EVM: execution adapts these operations to the EVM's Host.
 */
import { keccak256 } from "../crypto/index.js";
import {
  type Address,
  bigintToFixedBytes,
  bytesKey,
  bytesToBigint,
  bytesToHex,
  bytesToUnprefixedHex,
  equalBytes,
} from "../primitives/index.js";
import { decodeRlp, encodeRlp } from "../rlp/index.js";
import { MemoryNodeStore, SecureTrie, type TrieNodePut, type TrieNodeStore } from "../trie/index.js";
import { type AccountData, decodeAccount, EMPTY_CODE_HASH, EMPTY_TRIE_ROOT, encodeAccount } from "./account.js";
import { BalanceEntry, CodeEntry, ExistsEntry, NonceEntry, StorageEntry } from "./account-journal.js";
import { AccountObject, EMPTY_CODE } from "./account-object.js";
import { type CodeStore, MemoryCodeStore } from "./code-store.js";
import { collectDiff, type StateDiff } from "./diff.js";
import { StateError } from "./errors.js";
import { Journal } from "./journal.js";
import type { RootAccounts, StateReadCache } from "./read-cache.js";
import { type Log, TxScope } from "./tx-scope.js";

export interface StateDbOptions {
  /** Where trie nodes are read from (and written to by `persist`). Default: a new memory store. */
  nodes?: TrieNodeStore;
  /** Where code is read from by hash. Default: a new memory store. */
  codes?: CodeStore;
  /** The state root to start from. Default: the empty trie. */
  root?: Uint8Array;
  /** Reads shared with other StateDbs over the same stores (read-cache.ts). Default: none. */
  reads?: StateReadCache;
}

/** An account given in full, for genesis and test pre-states. */
export interface AccountInit {
  nonce?: bigint;
  balance?: bigint;
  code?: Uint8Array;
  storage?: Iterable<readonly [bigint, bigint]>;
}

export interface StateCommit {
  root: Uint8Array;
  /** Trie nodes created since the last commit. */
  nodes: TrieNodePut[];
  /** Code set since the last commit. */
  codes: { hash: Uint8Array; code: Uint8Array }[];
}

const addressKey = bytesKey;

/** Warm-set keys by address list (`warmForTransaction`); lists are built once per fork. */
const baseWarmKeys = new WeakMap<readonly Address[], ReadonlySet<string>>();

function slotKey(slot: bigint): Uint8Array {
  return bigintToFixedBytes(slot, 32);
}

function accountObject(address: Address, key: string, data: AccountData | undefined, addressHash: Uint8Array): AccountObject {
  const o =
    data === undefined
      ? AccountObject.absent(address, key)
      : new AccountObject(address, key, true, data.nonce, data.balance, data.storageRoot, data.codeHash);
  o.addressHash = addressHash;
  return o;
}

export class StateDb {
  readonly nodes: TrieNodeStore;
  readonly codes: CodeStore;
  /** Opened on first use: reads served by `reads` never need it. */
  private openedTrie: SecureTrie | undefined = undefined;
  private readonly openRoot: Uint8Array;
  private readonly cache = new Map<string, AccountObject>();
  private readonly journal = new Journal();
  private readonly scope: TxScope;
  /** Accounts changed since the last root computation. */
  private readonly rootDirty = new Set<AccountObject>();
  /** Storage tries changed since the last commit. */
  private readonly uncommittedTries = new Set<SecureTrie>();
  /** Accounts changed in the current transaction (each has a txSnapshot). */
  private txChanged: AccountObject[] = [];
  /** Code set since the last commit, by hex hash. */
  private readonly pendingCodes = new Map<string, { hash: Uint8Array; code: Uint8Array }>();
  private lastAddress: Uint8Array | undefined = undefined;
  private lastObject: AccountObject | undefined = undefined;
  private readonly reads: StateReadCache | undefined;
  /** Accounts read at the root this StateDb was opened on (shared through `reads`). */
  private readonly rootReads: RootAccounts | undefined;

  constructor(options: StateDbOptions = {}) {
    this.nodes = options.nodes ?? new MemoryNodeStore();
    this.codes = options.codes ?? new MemoryCodeStore();
    this.openRoot = options.root ?? EMPTY_TRIE_ROOT;
    this.scope = new TxScope(this.journal);
    this.reads = options.reads;
    this.rootReads = options.reads?.accountsAt(this.openRoot);
  }

  private get accountTrie(): SecureTrie {
    if (this.openedTrie === undefined) this.openedTrie = new SecureTrie(this.nodes, this.openRoot);
    return this.openedTrie;
  }

  // ---- the cache --------------------------------------------------------------------------------

  /** The cached object for an address, loaded from the trie on first use. */
  private obj(a: Address): AccountObject {
    if (a === this.lastAddress) return this.lastObject!;
    const key = addressKey(a);
    let o = this.cache.get(key);
    if (o === undefined) {
      o = this.load(a.slice() as Address, key);
      this.cache.set(key, o);
    }
    this.lastAddress = a;
    this.lastObject = o;
    return o;
  }

  /**
   * Reads an account this StateDb has not cached. Such an address was never changed here, so
   * its account at the current root is the one at the opening root, which `rootReads` may hold.
   */
  private load(address: Address, key: string): AccountObject {
    const known = this.rootReads?.get(key);
    if (known !== undefined) return accountObject(address, key, known.data, known.addressHash);
    const path = this.accountTrie.hashKey(address);
    const encoded = this.accountTrie.getHashed(path);
    let data: AccountData | undefined;
    if (encoded !== undefined) {
      const a = decodeAccount(encoded);
      // Canonical instances let hot paths compare these by reference.
      const codeHash = equalBytes(a.codeHash, EMPTY_CODE_HASH) ? EMPTY_CODE_HASH : a.codeHash;
      const storageRoot = equalBytes(a.storageRoot, EMPTY_TRIE_ROOT) ? EMPTY_TRIE_ROOT : a.storageRoot;
      data = { nonce: a.nonce, balance: a.balance, storageRoot, codeHash };
    }
    this.rootReads?.put(key, { data, addressHash: path });
    return accountObject(address, key, data, path);
  }

  /** Records that the current transaction changes `o` (for the diff and the next root). */
  private noteChange(o: AccountObject): void {
    if (o.txSnapshot === undefined) {
      o.txSnapshot = o.snapshot();
      this.txChanged.push(o);
    }
    this.rootDirty.add(o);
  }

  /** Makes the account present (journaled), as any write to an absent account does. */
  private ensureExists(o: AccountObject): void {
    this.noteChange(o);
    if (!o.exists) {
      this.journal.push(new ExistsEntry(o));
      o.exists = true;
    }
  }

  // ---- accounts ---------------------------------------------------------------------------------

  exists(a: Address): boolean {
    return this.obj(a).exists;
  }

  /** EIP-161 emptiness: absent, or nonce 0, balance 0 and no code. */
  isEmpty(a: Address): boolean {
    const o = this.obj(a);
    return !o.exists || o.isEmpty();
  }

  /** The account's fields (storage root as of the last root computation), or undefined. */
  getAccount(a: Address): AccountData | undefined {
    const o = this.obj(a);
    if (!o.exists) return undefined;
    return { nonce: o.nonce, balance: o.balance, storageRoot: o.storageRoot, codeHash: o.codeHash };
  }

  getBalance(a: Address): bigint {
    return this.obj(a).balance;
  }

  getNonce(a: Address): bigint {
    return this.obj(a).nonce;
  }

  getCodeHash(a: Address): Uint8Array {
    return this.obj(a).codeHash;
  }

  getCode(a: Address): Uint8Array {
    const o = this.obj(a);
    let code = o.code;
    if (code === undefined) {
      if (this.pendingCodes.size > 0) code = this.pendingCodes.get(bytesToUnprefixedHex(o.codeHash))?.code;
      if (code === undefined) {
        code = this.reads?.code(o.codeHash);
        if (code === undefined) {
          code = this.codes.getCode(o.codeHash);
          if (code === undefined) throw new StateError(`missing code ${bytesToHex(o.codeHash)}`);
          this.reads?.putCode(o.codeHash, code);
        }
      }
      o.code = code;
    }
    return code;
  }

  getCodeSize(a: Address): number {
    return this.getCode(a).length;
  }

  /** Whether the account has storage: a non-empty storage trie or a non-zero slot written. */
  hasStorage(a: Address): boolean {
    const o = this.obj(a);
    if (o.storageRoot !== EMPTY_TRIE_ROOT) return true;
    for (const v of o.storage.values()) if (v !== 0n) return true;
    return false;
  }

  setBalance(a: Address, value: bigint): void {
    const o = this.obj(a);
    this.ensureExists(o);
    this.journal.push(new BalanceEntry(o, o.balance));
    o.balance = value;
    this.scope.touch(o.key);
  }

  /** Adds to the balance; a zero amount still creates and touches the account (EIP-161). */
  addBalance(a: Address, amount: bigint): void {
    this.setBalance(a, this.obj(a).balance + amount);
  }

  /** Subtracts from the balance; the caller has checked that it suffices. */
  subBalance(a: Address, amount: bigint): void {
    this.setBalance(a, this.obj(a).balance - amount);
  }

  /** Moves value; `to` is created if absent and touched even for a zero value. */
  transfer(from: Address, to: Address, value: bigint): void {
    if (value !== 0n) this.subBalance(from, value);
    this.addBalance(to, value);
  }

  setNonce(a: Address, nonce: bigint): void {
    const o = this.obj(a);
    this.ensureExists(o);
    this.journal.push(new NonceEntry(o, o.nonce));
    o.nonce = nonce;
  }

  incrementNonce(a: Address): void {
    this.setNonce(a, this.obj(a).nonce + 1n);
  }

  setCode(a: Address, code: Uint8Array): void {
    const o = this.obj(a);
    this.ensureExists(o);
    this.journal.push(new CodeEntry(o, o.code, o.codeHash));
    if (code.length === 0) {
      o.code = EMPTY_CODE;
      o.codeHash = EMPTY_CODE_HASH;
      return;
    }
    const hash = keccak256(code);
    o.code = code;
    o.codeHash = hash;
    this.pendingCodes.set(bytesToUnprefixedHex(hash), { hash, code });
  }

  /** Creates an empty account (journaled); nothing happens if it exists. */
  createAccount(a: Address): void {
    this.ensureExists(this.obj(a));
  }

  /**
   * Makes the address a contract created in this transaction: present (keeping any balance),
   * nonce 1 (EIP-161), and remembered for EIP-6780.
   */
  createContract(a: Address): void {
    const o = this.obj(a);
    this.setNonce(a, 1n);
    this.scope.markCreated(o.key);
  }

  createdInTransaction(a: Address): boolean {
    return this.scope.created.has(this.obj(a).key);
  }

  /** Schedules the account for deletion when the transaction ends and zeroes its balance. */
  markSelfDestructed(a: Address): void {
    const o = this.obj(a);
    this.noteChange(o);
    this.journal.push(new BalanceEntry(o, o.balance));
    o.balance = 0n;
    this.scope.markDestructed(o.key);
  }

  isSelfDestructed(a: Address): boolean {
    return this.scope.destructed.has(this.obj(a).key);
  }

  // ---- storage ----------------------------------------------------------------------------------

  getStorage(a: Address, slot: bigint): bigint {
    const o = this.obj(a);
    const cached = o.storage.get(slot);
    if (cached !== undefined) return cached;
    const value = this.loadSlot(o, slot);
    o.storage.set(slot, value);
    return value;
  }

  /**
   * Reads a slot `o` has neither read nor written, so its value at the account's current
   * storage root is the one the shared reads may hold for that root.
   */
  private loadSlot(o: AccountObject, slot: bigint): bigint {
    if (o.storageRoot === EMPTY_TRIE_ROOT) return 0n;
    let shared: Map<bigint, bigint> | undefined;
    if (this.reads !== undefined) {
      if (o.slotReadsRoot !== o.storageRoot) {
        o.slotReads = this.reads.slotsOf(o.storageRoot);
        o.slotReadsRoot = o.storageRoot;
      }
      shared = o.slotReads!;
      const known = shared.get(slot);
      if (known !== undefined) return known;
    }
    const value = this.readSlot(o, slot);
    if (shared !== undefined) this.reads!.putSlot(shared, slot, value);
    return value;
  }

  private readSlot(o: AccountObject, slot: bigint): bigint {
    const trie = this.storageTrieOf(o);
    const path = trie.hashKey(slotKey(slot));
    // Kept for computeRoot: a slot read is often a slot about to be written.
    if (o.slotHashes === undefined) o.slotHashes = new Map();
    o.slotHashes.set(slot, path);
    const encoded = trie.getHashed(path);
    if (encoded === undefined) return 0n;
    const item = decodeRlp(encoded);
    if (!(item instanceof Uint8Array)) throw new StateError("stored storage value is not a byte string");
    return bytesToBigint(item);
  }

  private storageTrieOf(o: AccountObject): SecureTrie {
    let trie = o.storageTrie;
    if (trie === undefined) {
      trie = new SecureTrie(this.nodes, o.storageRoot);
      o.storageTrie = trie;
    }
    return trie;
  }

  setStorage(a: Address, slot: bigint, value: bigint): void {
    const current = this.getStorage(a, slot);
    const o = this.obj(a);
    this.ensureExists(o);
    let orig = o.txOriginal;
    if (orig === undefined) {
      orig = new Map();
      o.txOriginal = orig;
    }
    if (!orig.has(slot)) orig.set(slot, current);
    this.journal.push(new StorageEntry(o, slot, current));
    o.storage.set(slot, value);
    o.dirtySlots.add(slot);
  }

  /** The value the slot had when the current transaction started (EIP-2200). */
  getOriginalStorage(a: Address, slot: bigint): bigint {
    const orig = this.obj(a).txOriginal?.get(slot);
    return orig !== undefined ? orig : this.getStorage(a, slot);
  }

  // ---- transaction scope ------------------------------------------------------------------------

  getTransientStorage(a: Address, slot: bigint): bigint {
    return this.scope.getTransient(this.obj(a).key, slot);
  }

  setTransientStorage(a: Address, slot: bigint, value: bigint): void {
    this.scope.setTransient(this.obj(a).key, slot, value);
  }

  /**
   * The warm-set key of an address: the cached object's key when it is loaded, else the same
   * string computed from the bytes. Warming an address must not load its account: every
   * transaction warms the fork's precompiles, and a fresh StateDb (eth_call) would otherwise
   * read each of them from the trie.
   */
  private warmKey(a: Address): string {
    return a === this.lastAddress ? this.lastObject!.key : addressKey(a);
  }

  /** EIP-2929: marks the address warm; true if it was cold. */
  accessAddress(a: Address): boolean {
    return this.scope.accessAddress(this.warmKey(a));
  }

  isWarm(a: Address): boolean {
    return this.scope.isWarm(this.warmKey(a));
  }

  /**
   * EIP-2929: warms a fixed list of addresses (the fork's precompiles) for the rest of the
   * transaction, as `accessAddress` on each would, but with no journal entry: call it before
   * the transaction's first snapshot, where nothing could undo the warming anyway. The list's
   * keys are computed once per list.
   */
  warmForTransaction(addresses: readonly Address[]): void {
    let keys = baseWarmKeys.get(addresses);
    if (keys === undefined) {
      keys = new Set(addresses.map(addressKey));
      baseWarmKeys.set(addresses, keys);
    }
    this.scope.setBaseWarm(keys);
  }

  /** EIP-2929: marks the slot warm; true if it was cold. */
  accessStorage(a: Address, slot: bigint): boolean {
    return this.scope.accessStorage(this.warmKey(a), slot);
  }

  isSlotWarm(a: Address, slot: bigint): boolean {
    return this.scope.isSlotWarm(this.warmKey(a), slot);
  }

  /** EIP-161 touch: a touched account that is empty at the end of the transaction is deleted. */
  touch(a: Address): void {
    this.scope.touch(this.obj(a).key);
  }

  addRefund(amount: number): void {
    this.scope.addRefund(amount);
  }

  subRefund(amount: number): void {
    this.scope.subRefund(amount);
  }

  getRefund(): number {
    return this.scope.refund;
  }

  emitLog(address: Address, topics: readonly Uint8Array[], data: Uint8Array): void {
    this.scope.emitLog({ address, topics, data });
  }

  /** The logs of the current transaction so far. */
  get logs(): readonly Log[] {
    return this.scope.logs;
  }

  // ---- journal ----------------------------------------------------------------------------------

  checkpoint(): number {
    return this.journal.checkpoint();
  }

  revertToCheckpoint(id: number): void {
    this.journal.revert(id);
  }

  commitCheckpoint(_id: number): void {
    // Records stay: an enclosing checkpoint may still need them.
  }

  // ---- transaction boundaries -------------------------------------------------------------------

  /** Starts a transaction: empty journal, warm sets, transient storage, refund and logs. */
  beginTransaction(): void {
    if (this.txChanged.length > 0) throw new StateError("beginTransaction while a transaction's changes are not finalized");
    this.journal.reset();
    this.scope.reset();
  }

  /**
   * Ends the transaction: deletes the self-destructed accounts and, with `deleteEmptyTouched`
   * (EIP-161, from Spurious Dragon on), the touched accounts that are empty; returns the diff.
   * The logs stay readable until the next transaction begins.
   */
  finalizeTransaction(deleteEmptyTouched: boolean): StateDiff {
    const scope = this.scope;
    for (const key of scope.destructed) this.deleteAccount(this.cache.get(key)!);
    if (deleteEmptyTouched) {
      for (const key of scope.touched) {
        const o = this.cache.get(key);
        if (o?.exists && o.isEmpty()) this.deleteAccount(o);
      }
    }
    const diff = collectDiff(this.txChanged);
    this.txChanged = [];
    this.journal.reset();
    return diff;
  }

  private deleteAccount(o: AccountObject): void {
    this.noteChange(o);
    o.wipe();
  }

  // ---- setup ------------------------------------------------------------------------------------

  /**
   * Sets an account outright, outside any transaction (genesis, test pre-states): not
   * journaled and not part of any transaction's diff.
   */
  putAccount(a: Address, init: AccountInit): void {
    const o = this.obj(a);
    if (o.exists) o.wipe();
    o.exists = true;
    o.nonce = init.nonce ?? 0n;
    o.balance = init.balance ?? 0n;
    const code = init.code ?? EMPTY_CODE;
    if (code.length > 0) {
      const hash = keccak256(code);
      o.code = code;
      o.codeHash = hash;
      this.pendingCodes.set(bytesToUnprefixedHex(hash), { hash, code });
    }
    if (init.storage !== undefined) {
      for (const [slot, value] of init.storage) {
        o.storage.set(slot, value);
        o.dirtySlots.add(slot);
      }
    }
    this.rootDirty.add(o);
  }

  // ---- roots and persistence --------------------------------------------------------------------

  /** Applies the changes since the last call to the tries and returns the state root. */
  computeRoot(): Uint8Array {
    for (const o of this.rootDirty) {
      if (o.addressHash === undefined) o.addressHash = this.accountTrie.hashKey(o.address);
      const path = o.addressHash;
      if (!o.exists) {
        this.accountTrie.deleteHashed(path);
        o.dirtySlots.clear();
        o.slotHashes = undefined;
        continue;
      }
      if (o.dirtySlots.size > 0) {
        const trie = this.storageTrieOf(o);
        const hashes = o.slotHashes;
        for (const slot of o.dirtySlots) {
          const value = o.storage.get(slot) ?? 0n;
          const slotPath = hashes?.get(slot) ?? trie.hashKey(slotKey(slot));
          if (value === 0n) trie.deleteHashed(slotPath);
          else trie.putHashed(slotPath, encodeRlp(value));
        }
        o.dirtySlots.clear();
        const root = trie.root();
        o.storageRoot = equalBytes(root, EMPTY_TRIE_ROOT) ? EMPTY_TRIE_ROOT : root;
        this.uncommittedTries.add(trie);
      }
      o.slotHashes = undefined;
      this.accountTrie.putHashed(path, encodeAccount(o));
    }
    this.rootDirty.clear();
    return this.accountTrie.root();
  }

  /** Computes the root and hands over the trie nodes and code created since the last commit. */
  commit(): StateCommit {
    const root = this.computeRoot();
    const nodes: TrieNodePut[] = [];
    for (const trie of this.uncommittedTries) nodes.push(...trie.commit().nodes);
    this.uncommittedTries.clear();
    nodes.push(...this.accountTrie.commit().nodes);
    const codes = [...this.pendingCodes.values()];
    // Accounts already cached keep their code; the caller stores the rest before it is read.
    this.pendingCodes.clear();
    return { root, nodes, codes };
  }

  /** commit() and write the nodes to the node store and the code to `codes`. */
  persist(codes: { putCode(hash: Uint8Array, code: Uint8Array): void }): Uint8Array {
    const c = this.commit();
    if (c.nodes.length > 0) this.nodes.write(c.nodes);
    for (const { hash, code } of c.codes) codes.putCode(hash, code);
    return c.root;
  }
}
