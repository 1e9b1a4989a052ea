/**
 * state/account-object: one account as the state cache holds it while blocks execute: the
 * account fields, its code (loaded on demand), and its storage as a map of slots read or
 * written so far over the storage trie at `storageRoot`. Objects are never replaced in the
 * cache, so journal records can point at them; deleting an account wipes the object in place.
 *
 * Bookkeeping for the two consumers of changes:
 * - `dirtySlots`: slots written since the state root was last computed (the trie update);
 * - `txOriginal`: the value of each slot written in the current transaction as it was when the
 *   transaction started (EIP-2200 net gas metering, and the per-transaction diff).
 */
import type { Address } from "../primitives/index.js";
import type { SecureTrie } from "../trie/index.js";
import { EMPTY_CODE_HASH, EMPTY_TRIE_ROOT } from "./account.js";

const EMPTY_CODE = new Uint8Array(0);

/** What an account looked like when the current transaction first changed it. */
export interface AccountSnapshot {
  readonly exists: boolean;
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly codeHash: Uint8Array;
}

export class AccountObject {
  exists: boolean;
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  /** The code, once loaded or set; undefined until somebody needs it. */
  code: Uint8Array | undefined;
  /** Root of the storage trie reads fall through to (as of the last root computation). */
  storageRoot: Uint8Array;
  /** The open storage trie, kept between root computations once opened. */
  storageTrie: SecureTrie | undefined = undefined;
  /** Current value of every slot read or written (zero values included). */
  storage = new Map<bigint, bigint>();
  dirtySlots = new Set<bigint>();
  txOriginal: Map<bigint, bigint> | undefined = undefined;
  /** Set when the current transaction first changed the account (see StateDb.noteChange). */
  txSnapshot: AccountSnapshot | undefined = undefined;
  /** Set when the account was deleted in this block (its old storage is gone). */
  wiped = false;
  /** keccak256(address), the account trie path, once computed (reads and root updates share it). */
  addressHash: Uint8Array | undefined = undefined;
  /** The shared slot reads (StateReadCache) of the storage root `slotReadsRoot`, once looked up. */
  slotReads: Map<bigint, bigint> | undefined = undefined;
  slotReadsRoot: Uint8Array | undefined = undefined;
  /** keccak256 of slots read from the trie and not yet written back (each used once by computeRoot). */
  slotHashes: Map<bigint, Uint8Array> | undefined = undefined;

  constructor(
    readonly address: Address,
    /** The address as a map key (primitives' bytesKey). */
    readonly key: string,
    exists: boolean,
    nonce: bigint,
    balance: bigint,
    storageRoot: Uint8Array,
    codeHash: Uint8Array,
  ) {
    this.exists = exists;
    this.nonce = nonce;
    this.balance = balance;
    this.storageRoot = storageRoot;
    this.codeHash = codeHash;
    this.code = codeHash === EMPTY_CODE_HASH ? EMPTY_CODE : undefined;
  }

  static absent(address: Address, key: string): AccountObject {
    return new AccountObject(address, key, false, 0n, 0n, EMPTY_TRIE_ROOT, EMPTY_CODE_HASH);
  }

  /** EIP-161: nonce 0, balance 0, no code. */
  isEmpty(): boolean {
    return this.nonce === 0n && this.balance === 0n && this.codeHash === EMPTY_CODE_HASH;
  }

  snapshot(): AccountSnapshot {
    return { exists: this.exists, nonce: this.nonce, balance: this.balance, codeHash: this.codeHash };
  }

  /** Deletes the account: no fields, no code, no storage (also none below in the trie). */
  wipe(): void {
    this.exists = false;
    this.nonce = 0n;
    this.balance = 0n;
    this.codeHash = EMPTY_CODE_HASH;
    this.code = EMPTY_CODE;
    this.storageRoot = EMPTY_TRIE_ROOT;
    this.storageTrie = undefined;
    this.storage = new Map();
    this.dirtySlots = new Set();
    this.wiped = true;
  }
}

export { EMPTY_CODE };
