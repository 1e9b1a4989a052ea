/**
 * state/tx-scope: what lives for one transaction only, every change journaled so a failing
 * frame undoes it:
 * - EIP-2929/2930 warm sets (addresses and storage slots);
 * - EIP-1153 transient storage;
 * - EIP-161 touched accounts (deleted at the end if empty);
 * - EIP-6780 accounts created in this transaction, and accounts that self-destructed;
 * - the refund counter (EIP-3529 caps it when the transaction ends);
 * - the logs emitted.
 * `reset` starts a new transaction.
 */
import { type Address, bytesKey } from "../primitives/index.js";
import type { Journal, JournalEntry } from "./journal.js";

export interface Log {
  readonly address: Address;
  readonly topics: readonly Uint8Array[];
  readonly data: Uint8Array;
}

/**
 * The precompile at 0x03 (RIPEMD-160). In block 2,675,119 a touch of this empty account inside
 * a call that ran out of gas was kept by the clients of the time, and every client since keeps
 * an undone touch of this one address so that history replays (see go-ethereum's journal).
 */
const RIPEMD_KEY = bytesKey(new Uint8Array(20).fill(3, 19));

class SetAddEntry implements JournalEntry {
  constructor(
    private readonly set: Set<string>,
    private readonly key: string,
  ) {}
  undo(): void {
    this.set.delete(this.key);
  }
}

class SlotWarmEntry implements JournalEntry {
  constructor(
    private readonly slots: Set<bigint>,
    private readonly key: bigint,
  ) {}
  undo(): void {
    this.slots.delete(this.key);
  }
}

class TransientEntry implements JournalEntry {
  constructor(
    private readonly map: Map<bigint, bigint>,
    private readonly key: bigint,
    private readonly prev: bigint,
  ) {}
  undo(): void {
    this.map.set(this.key, this.prev);
  }
}

class RefundEntry implements JournalEntry {
  constructor(
    private readonly scope: TxScope,
    private readonly prev: number,
  ) {}
  undo(): void {
    this.scope.refund = this.prev;
  }
}

class LogEntry implements JournalEntry {
  constructor(
    private readonly logs: Log[],
    private readonly length: number,
  ) {}
  undo(): void {
    this.logs.length = this.length;
  }
}

class TouchEntry implements JournalEntry {
  constructor(
    private readonly touched: Set<string>,
    private readonly key: string,
  ) {}
  undo(): void {
    if (this.key !== RIPEMD_KEY) this.touched.delete(this.key);
  }
}

const NONE: ReadonlySet<string> = new Set();

export class TxScope {
  readonly warmAddresses = new Set<string>();
  /**
   * Addresses warm for the whole transaction without an entry each (the fork's precompiles,
   * EIP-2929): pre-execution warms them before any snapshot, so no revert could undo them, and
   * sharing one set spares each transaction ten keys, set inserts and journal entries.
   */
  private baseWarm: ReadonlySet<string> = NONE;
  readonly warmSlots = new Map<string, Set<bigint>>();
  readonly transient = new Map<string, Map<bigint, bigint>>();
  readonly touched = new Set<string>();
  readonly created = new Set<string>();
  readonly destructed = new Set<string>();
  refund = 0;
  logs: Log[] = [];

  constructor(private readonly journal: Journal) {}

  reset(): void {
    // clear() gives a collection a new table even when it is empty: most stay empty.
    if (this.warmAddresses.size > 0) this.warmAddresses.clear();
    this.baseWarm = NONE;
    if (this.warmSlots.size > 0) this.warmSlots.clear();
    if (this.transient.size > 0) this.transient.clear();
    if (this.touched.size > 0) this.touched.clear();
    if (this.created.size > 0) this.created.clear();
    if (this.destructed.size > 0) this.destructed.clear();
    this.refund = 0;
    if (this.logs.length > 0) this.logs = [];
  }

  /** Marks the address warm; true if it was cold. */
  accessAddress(key: string): boolean {
    if (this.baseWarm.has(key) || this.warmAddresses.has(key)) return false;
    this.warmAddresses.add(key);
    this.journal.push(new SetAddEntry(this.warmAddresses, key));
    return true;
  }

  isWarm(key: string): boolean {
    return this.baseWarm.has(key) || this.warmAddresses.has(key);
  }

  /** Makes `keys` warm until `reset` (see baseWarm); the set is shared, never modified here. */
  setBaseWarm(keys: ReadonlySet<string>): void {
    this.baseWarm = keys;
  }

  /** Marks the slot warm; true if it was cold. */
  accessStorage(key: string, slot: bigint): boolean {
    let slots = this.warmSlots.get(key);
    if (slots === undefined) {
      slots = new Set();
      this.warmSlots.set(key, slots);
    }
    if (slots.has(slot)) return false;
    slots.add(slot);
    this.journal.push(new SlotWarmEntry(slots, slot));
    return true;
  }

  isSlotWarm(key: string, slot: bigint): boolean {
    return this.warmSlots.get(key)?.has(slot) === true;
  }

  getTransient(key: string, slot: bigint): bigint {
    return this.transient.get(key)?.get(slot) ?? 0n;
  }

  setTransient(key: string, slot: bigint, value: bigint): void {
    let m = this.transient.get(key);
    if (m === undefined) {
      m = new Map();
      this.transient.set(key, m);
    }
    this.journal.push(new TransientEntry(m, slot, m.get(slot) ?? 0n));
    m.set(slot, value);
  }

  touch(key: string): void {
    if (this.touched.has(key)) return;
    this.touched.add(key);
    this.journal.push(new TouchEntry(this.touched, key));
  }

  markCreated(key: string): void {
    if (this.created.has(key)) return;
    this.created.add(key);
    this.journal.push(new SetAddEntry(this.created, key));
  }

  markDestructed(key: string): void {
    if (this.destructed.has(key)) return;
    this.destructed.add(key);
    this.journal.push(new SetAddEntry(this.destructed, key));
  }

  addRefund(amount: number): void {
    this.journal.push(new RefundEntry(this, this.refund));
    this.refund += amount;
  }

  subRefund(amount: number): void {
    this.journal.push(new RefundEntry(this, this.refund));
    this.refund -= amount;
  }

  emitLog(log: Log): void {
    this.journal.push(new LogEntry(this.logs, this.logs.length));
    this.logs.push(log);
  }
}
