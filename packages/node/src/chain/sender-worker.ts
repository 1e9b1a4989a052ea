/**
 * chain/sender-worker: the worker thread of sender-recovery.ts. For each job it decodes the
 * block body and recovers the senders, last first, claiming each slot first so a transaction the
 * main thread already took is skipped, and stops when the main thread cancels the job. Any
 * failure (a body that does not decode, a signature that does not recover) only marks slots
 * failed: the main thread then recovers those itself and reports its own error.
 */
import { parentPort } from "node:worker_threads";
import { decodeRlp, expectList } from "../rlp/index.js";
import { decodeBodyItems, recoverSender, type Transaction } from "../types/index.js";
import { type RecoveryJob, SLOT_DONE, SLOT_FAILED, SLOT_FREE, SLOT_WORKER } from "./sender-recovery.js";

function decodeTransactions(body: Uint8Array): Transaction[] | undefined {
  try {
    const parts = expectList(decodeRlp(body), "body");
    return decodeBodyItems(parts[0]!, parts[1]!, parts[2]).transactions;
  } catch {
    return undefined;
  }
}

function run(job: RecoveryJob): void {
  const slots = new Int32Array(job.slots);
  const senders = new Uint8Array(job.senders);
  const cancel = slots.length - 1;
  const txs = decodeTransactions(job.body);
  const rules = { fork: job.fork, chainId: job.chainId };
  // From the last transaction back: the main thread executes from the first and recovers what
  // the worker has not reached, so the two meet in the middle instead of queueing on one slot.
  for (let i = cancel - 1; i >= 0; i--) {
    if (Atomics.load(slots, cancel) !== 0) return;
    if (Atomics.compareExchange(slots, i, SLOT_FREE, SLOT_WORKER) !== SLOT_FREE) continue;
    const tx = txs?.[i];
    const r = tx === undefined ? undefined : recoverSender(tx, rules);
    if (r?.ok) senders.set(r.value.sender, 20 * i);
    Atomics.store(slots, i, r?.ok ? SLOT_DONE : SLOT_FAILED);
    Atomics.notify(slots, i);
  }
}

parentPort?.on("message", (job: RecoveryJob) => run(job));
