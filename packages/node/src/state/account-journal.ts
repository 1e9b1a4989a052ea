/**
 * state/account-journal: the undo records of account changes (existence, balance, nonce, code,
 * storage slots). Each points at the cached AccountObject it changed; objects are never replaced
 * in the cache, so undoing writes the previous value back in place.
 */
import type { AccountObject } from "./account-object.js";
import type { JournalEntry } from "./journal.js";

export class ExistsEntry implements JournalEntry {
  constructor(private readonly o: AccountObject) {}
  undo(): void {
    this.o.exists = false;
  }
}

export class BalanceEntry implements JournalEntry {
  constructor(
    private readonly o: AccountObject,
    private readonly prev: bigint,
  ) {}
  undo(): void {
    this.o.balance = this.prev;
  }
}

export class NonceEntry implements JournalEntry {
  constructor(
    private readonly o: AccountObject,
    private readonly prev: bigint,
  ) {}
  undo(): void {
    this.o.nonce = this.prev;
  }
}

export class CodeEntry implements JournalEntry {
  constructor(
    private readonly o: AccountObject,
    private readonly prevCode: Uint8Array | undefined,
    private readonly prevHash: Uint8Array,
  ) {}
  undo(): void {
    this.o.code = this.prevCode;
    this.o.codeHash = this.prevHash;
  }
}

export class StorageEntry implements JournalEntry {
  constructor(
    private readonly o: AccountObject,
    private readonly slot: bigint,
    private readonly prev: bigint,
  ) {}
  undo(): void {
    this.o.storage.set(this.slot, this.prev);
  }
}
