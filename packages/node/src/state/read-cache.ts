/**
 * state/read-cache: what state reads found in the tries, kept across StateDbs so that a read
 * served once is not walked again (geth's snapshot plays this part for its RPC reads). Every
 * entry is a fact about content-addressed data, so it can never go stale:
 * - the account at address A in the state trie with root R (or its absence);
 * - the value of slot S in the storage trie with root T (zero when absent);
 * - the code with hash H.
 * A StateDb only asks for what it has not changed itself: an address it has not touched has
 * the same account at its current root as at the root it was opened on, and a slot it has not
 * read or written has the same value as at the storage root it was loaded with.
 *
 * Bounded: accounts of the last few state roots (each root capped), slots up to a total count
 * (all dropped when over), code up to a total size. Block import opens a new root per block,
 * so it mostly adds entries; repeated reads at one root (eth_call, eth_getBalance, the pool's
 * checks against the head) are what it is for.
 */
import { bytesKey } from "../primitives/index.js";
import type { AccountData } from "./account.js";

/** An account as read from the state trie: its fields (undefined when absent) and keccak(address). */
export interface CachedAccount {
  readonly data: AccountData | undefined;
  readonly addressHash: Uint8Array;
}

export interface StateReadCacheLimits {
  /** State roots whose accounts are kept (most recently opened first). */
  readonly roots: number;
  /** Accounts kept per state root. */
  readonly accountsPerRoot: number;
  /** Slots kept in all (over all storage roots). */
  readonly slots: number;
  /** Bytes of code kept in all. */
  readonly codeBytes: number;
}

export const DEFAULT_READ_CACHE_LIMITS: StateReadCacheLimits = {
  roots: 8,
  accountsPerRoot: 50_000,
  slots: 500_000,
  codeBytes: 64 * 1024 * 1024,
};

/** A map of the accounts read at one state root, capped at `limit` entries. */
export class RootAccounts {
  readonly byAddress = new Map<string, CachedAccount>();
  constructor(private readonly limit: number) {}

  get(addressKey: string): CachedAccount | undefined {
    return this.byAddress.get(addressKey);
  }

  put(addressKey: string, account: CachedAccount): void {
    if (this.byAddress.size < this.limit) this.byAddress.set(addressKey, account);
  }
}

export class StateReadCache {
  private readonly roots = new Map<string, RootAccounts>();
  private lastRoot: Uint8Array | undefined = undefined;
  private lastAccounts: RootAccounts | undefined = undefined;
  private readonly slotsByRoot = new Map<string, Map<bigint, bigint>>();
  private slotCount = 0;
  private readonly codes = new Map<string, Uint8Array>();
  private codeBytes = 0;

  constructor(readonly limits: StateReadCacheLimits = DEFAULT_READ_CACHE_LIMITS) {}

  /** The accounts read at state root `root` (made on first use; the oldest root is dropped). */
  accountsAt(root: Uint8Array): RootAccounts {
    // The same root object again (calls at one head share its header's array): no key to make.
    if (root === this.lastRoot && this.lastAccounts !== undefined) return this.lastAccounts;
    const accounts = this.accountsByKey(root);
    this.lastRoot = root;
    this.lastAccounts = accounts;
    return accounts;
  }

  private accountsByKey(root: Uint8Array): RootAccounts {
    const key = bytesKey(root);
    let accounts = this.roots.get(key);
    if (accounts !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      this.roots.delete(key);
      this.roots.set(key, accounts);
      return accounts;
    }
    accounts = new RootAccounts(this.limits.accountsPerRoot);
    this.roots.set(key, accounts);
    if (this.roots.size > this.limits.roots) this.roots.delete(this.roots.keys().next().value!);
    return accounts;
  }

  /** The slots read in the storage trie with root `storageRoot`. */
  slotsOf(storageRoot: Uint8Array): Map<bigint, bigint> {
    const key = bytesKey(storageRoot);
    let slots = this.slotsByRoot.get(key);
    if (slots === undefined) {
      slots = new Map();
      this.slotsByRoot.set(key, slots);
    }
    return slots;
  }

  /** Records a slot read from a map `slotsOf` gave. */
  putSlot(slots: Map<bigint, bigint>, slot: bigint, value: bigint): void {
    if (this.slotCount >= this.limits.slots) {
      // Start over rather than track recency per slot: the hot set refills at once. A map a
      // StateDb still holds stays correct (its facts do not change), just no longer shared.
      for (const m of this.slotsByRoot.values()) m.clear();
      this.slotsByRoot.clear();
      this.slotCount = 0;
    }
    slots.set(slot, value);
    this.slotCount++;
  }

  code(hash: Uint8Array): Uint8Array | undefined {
    return this.codes.get(bytesKey(hash));
  }

  putCode(hash: Uint8Array, code: Uint8Array): void {
    if (code.length > this.limits.codeBytes) return;
    if (this.codeBytes + code.length > this.limits.codeBytes) {
      this.codes.clear();
      this.codeBytes = 0;
    }
    this.codes.set(bytesKey(hash), code);
    this.codeBytes += code.length;
  }

  /** Entry counts, for tests and diagnostics. */
  stats(): { roots: number; accounts: number; slots: number; codes: number; codeBytes: number } {
    let accounts = 0;
    for (const r of this.roots.values()) accounts += r.byAddress.size;
    return { roots: this.roots.size, accounts, slots: this.slotCount, codes: this.codes.size, codeBytes: this.codeBytes };
  }
}
