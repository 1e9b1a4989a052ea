/**
 * chain/sender-recovery: recovers a block's senders on a second core while the block executes.
 *
 * Sender recovery (secp256k1 public-key recovery, one per transaction) is the largest single
 * cost of importing a block (docs/PERFORMANCE.md) and needs nothing but the transaction, so it
 * can run ahead of execution. Before a block executes, its encoded body goes to one worker
 * thread (sender-worker.ts) with a shared slot array; the worker claims each transaction's
 * slot, last transaction first, recovers it and writes the 20-byte sender there. Each
 * transaction object gets a SenderHint (types/tx), so `recoverSender` inside execution asks the
 * slot first:
 *
 * - done by the worker: the sender is read from shared memory;
 * - not claimed yet: the main thread claims it and recovers it itself (the worker skips it);
 *   as execution goes first to last and the worker last to first, they share a block's work
 *   and meet in the middle when the worker cannot run ahead (a busy second core);
 * - being recovered by the worker: the main thread waits for it (well under a millisecond);
 * - failed in the worker, or the worker gone: the main thread recovers it itself, so every
 *   error is the one the main thread's own recovery reports.
 *
 * Claims are compare-and-swap on the slot, so each transaction is recovered once, by either
 * side, and import stays synchronous: nothing waits for a message. The signature rules of the
 * fork are still checked on the main thread by `recoverSender` before the hint is used.
 *
 * One worker per process, started lazily by the first block big enough to be worth it, and
 * unref'd so it never keeps the process alive. No worker on a single-core machine, or with
 * CAIRN_RECOVERY_WORKER=0.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Fork } from "../params/index.js";
import type { Address } from "../primitives/index.js";
import { hintSender, type SenderHint, type Transaction } from "../types/index.js";

/** Slot states (Int32Array in shared memory). */
export const SLOT_FREE = 0;
export const SLOT_WORKER = 1;
export const SLOT_DONE = 2;
export const SLOT_FAILED = 3;
export const SLOT_MAIN = 4;

/** Below this many transactions the message round costs more than recovery on the main thread saves. */
const MIN_TXS = 16;
/** How long the main thread waits on a slot the worker holds before recovering it itself. */
const GIVE_UP_MS = 1000;

/** What the worker receives per block. */
export interface RecoveryJob {
  /** The block body as stored (`encodeBody`). */
  readonly body: Uint8Array;
  readonly fork: Fork;
  readonly chainId: bigint;
  /** Int32Array: one slot per transaction, then the cancel flag. */
  readonly slots: SharedArrayBuffer;
  /** 20 bytes per transaction. */
  readonly senders: SharedArrayBuffer;
}

/** One block's recovery in flight; `cancel` tells the worker to stop (the block is done). */
export class PendingRecovery {
  private readonly slots: Int32Array;
  private readonly senders: Uint8Array;

  constructor(job: RecoveryJob) {
    this.slots = new Int32Array(job.slots);
    this.senders = new Uint8Array(job.senders);
  }

  /** The sender of transaction `i` if the worker recovered it; undefined: recover it here. */
  take(i: number): Address | undefined {
    const slots = this.slots;
    let s = Atomics.compareExchange(slots, i, SLOT_FREE, SLOT_MAIN);
    if (s === SLOT_FREE) return undefined;
    if (s === SLOT_WORKER) {
      const until = performance.now() + GIVE_UP_MS;
      while (s === SLOT_WORKER && performance.now() < until) {
        Atomics.wait(slots, i, SLOT_WORKER, 50);
        s = Atomics.load(slots, i);
      }
    }
    return s === SLOT_DONE ? (this.senders.slice(20 * i, 20 * i + 20) as Address) : undefined;
  }

  cancel(): void {
    Atomics.store(this.slots, this.slots.length - 1, 1);
  }

  /** How many senders the worker has recovered so far (tests and diagnostics). */
  recoveredByWorker(): number {
    let n = 0;
    for (let i = 0; i < this.slots.length - 1; i++) if (Atomics.load(this.slots, i) === SLOT_DONE) n++;
    return n;
  }

  /** True once no slot is left unclaimed (the worker has been through the whole block). */
  settled(): boolean {
    for (let i = 0; i < this.slots.length - 1; i++) {
      const s = Atomics.load(this.slots, i);
      if (s === SLOT_FREE || s === SLOT_WORKER) return false;
    }
    return true;
  }
}

class SlotHint implements SenderHint {
  constructor(
    private readonly pending: PendingRecovery,
    private readonly index: number,
  ) {}
  take(): Address | undefined {
    return this.pending.take(this.index);
  }
}

export class SenderRecovery {
  private static instance: SenderRecovery | null | undefined;
  private broken = false;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    // A dead worker only costs speed: slots it never claimed are recovered on the main thread.
    worker.on("error", () => {
      this.broken = true;
    });
    worker.on("exit", () => {
      this.broken = true;
    });
  }

  /** The process-wide recovery worker, or undefined where there is no second core to use. */
  static shared(): SenderRecovery | undefined {
    if (SenderRecovery.instance === undefined) {
      const wanted = process.env.CAIRN_RECOVERY_WORKER !== "0" && availableParallelism() > 1;
      SenderRecovery.instance = wanted ? new SenderRecovery(new Worker(new URL("./sender-worker.js", import.meta.url))) : null;
    }
    return SenderRecovery.instance ?? undefined;
  }

  /**
   * Starts recovering the senders of `transactions` (whose body encodes as `body`) and hints
   * each transaction with its slot. Returns undefined (and hints nothing) for small blocks.
   */
  prefetch(transactions: readonly Transaction[], body: Uint8Array, fork: Fork, chainId: bigint): PendingRecovery | undefined {
    const n = transactions.length;
    if (n < MIN_TXS || this.broken) return undefined;
    const job: RecoveryJob = {
      body,
      fork,
      chainId,
      slots: new SharedArrayBuffer(4 * (n + 1)),
      senders: new SharedArrayBuffer(20 * n),
    };
    const pending = new PendingRecovery(job);
    for (let i = 0; i < n; i++) hintSender(transactions[i]!, new SlotHint(pending, i));
    this.worker.postMessage(job);
    return pending;
  }
}
