/**
 * txpool/best: the block builder's view of the pool, go-ethereum's miner ordering
 * (`transactionsByPriceAndNonce`): a max-heap over each sender's lowest-nonce pending
 * transaction keyed by effective tip, so transactions leave in price order across senders and
 * in nonce order within one. A sender whose head cannot pay the base fee (or blob base fee)
 * contributes nothing more, since its later nonces depend on that head.
 */
import type { Address, Hash32 } from "../primitives/index.js";
import type { Transaction } from "../types/index.js";
import { effectiveTip, feeCap } from "./pricing.js";

export interface PooledTx {
  readonly tx: Transaction;
  readonly sender: Address;
  readonly hash: Hash32;
  /** hash as 0x-hex, the pool's key */
  readonly hashHex: string;
  /** encoded size in bytes (canonical form) */
  readonly size: number;
  readonly local: boolean;
  /** arrival order in the pool, the tie-break between equal tips (geth orders by first-seen time) */
  readonly seq: number;
  /** the network-form bytes of a blob transaction, when the pool was given them */
  readonly networkForm?: Uint8Array | undefined;
}

interface Head {
  item: PooledTx;
  tip: bigint;
  rest: PooledTx[];
  index: number;
}

export class BestTransactions implements Iterable<PooledTx> {
  private readonly heap: Head[] = [];

  constructor(
    runs: PooledTx[][],
    private readonly baseFee: bigint | undefined,
    private readonly blobBaseFee: bigint | undefined,
  ) {
    for (const run of runs) this.pushFrom(run, 0);
  }

  private payable(tx: Transaction): boolean {
    if (this.baseFee !== undefined && feeCap(tx) < this.baseFee) return false;
    if (tx.type === 3 && this.blobBaseFee !== undefined && tx.maxFeePerBlobGas < this.blobBaseFee) return false;
    return true;
  }

  private pushFrom(run: PooledTx[], index: number): void {
    const item = run[index];
    if (!item || !this.payable(item.tx)) return;
    this.heap.push({ item, tip: effectiveTip(item.tx, this.baseFee), rest: run, index });
    this.up(this.heap.length - 1);
  }

  /** The best transaction not yet taken, or undefined. */
  peek(): PooledTx | undefined {
    return this.heap[0]?.item;
  }

  /** Takes the best transaction; its sender's next nonce becomes a candidate. */
  shift(): PooledTx | undefined {
    const top = this.removeTop();
    if (top) this.pushFrom(top.rest, top.index + 1);
    return top?.item;
  }

  /** Drops the best transaction and every later one of its sender (it failed to apply). */
  pop(): PooledTx | undefined {
    return this.removeTop()?.item;
  }

  *[Symbol.iterator](): Iterator<PooledTx> {
    for (let next = this.shift(); next; next = this.shift()) yield next;
  }

  private removeTop(): Head | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private better(a: Head, b: Head): boolean {
    if (a.tip !== b.tip) return a.tip > b.tip;
    return a.item.seq < b.item.seq;
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.better(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && this.better(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}
