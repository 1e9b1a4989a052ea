/**
 * rpc/eth/chain-events: turns head changes into the chain events filters and subscriptions
 * consume, as go-ethereum's ChainEvent / RemovedLogsEvent feed its filter system.
 *
 * The tracker remembers the head it last reported. `sync()` compares it with the chain's head:
 * blocks that joined the canonical chain are reported oldest first (`added`), blocks that left
 * it in a reorg or a rewind (evm_revert, setHead) newest first (`removed`), whichever way the
 * head moved (a produced block, mining many blocks at once, a snapshot revert). The node calls
 * `sync()` after each produced block; the filter methods call it before answering, so a head
 * moved by other means is reported too.
 */
import type { Chain } from "../../chain/index.js";
import { equalBytes } from "../../primitives/index.js";
import type { SealedHeader } from "../../types/index.js";

export interface HeadChange {
  /** headers that left the canonical chain, newest first */
  readonly removed: readonly SealedHeader[];
  /** headers that joined it, oldest first */
  readonly added: readonly SealedHeader[];
}

export type ChainListener = (change: HeadChange) => void;

export class ChainEvents {
  private last: SealedHeader;
  private readonly listeners = new Set<ChainListener>();

  constructor(private readonly chain: Chain) {
    this.last = chain.head;
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: ChainListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reports the head change since the last call to every listener; returns it. */
  sync(): HeadChange {
    const head = this.chain.head;
    if (equalBytes(head.hash, this.last.hash)) return { removed: [], added: [] };
    const change = this.diff(this.last, head);
    this.last = head;
    if (change.added.length > 0 || change.removed.length > 0) for (const l of this.listeners) l(change);
    return change;
  }

  /** Walks both heads back to their common ancestor. */
  private diff(oldHead: SealedHeader, newHead: SealedHeader): HeadChange {
    const removed: SealedHeader[] = [];
    const added: SealedHeader[] = [];
    let a: SealedHeader | undefined = oldHead;
    let b: SealedHeader | undefined = newHead;
    while (a !== undefined && b !== undefined && a.header.number > b.header.number) {
      removed.push(a);
      a = this.chain.getHeader(a.header.parentHash);
    }
    while (a !== undefined && b !== undefined && b.header.number > a.header.number) {
      added.push(b);
      b = this.chain.getHeader(b.header.parentHash);
    }
    while (a !== undefined && b !== undefined && !equalBytes(a.hash, b.hash)) {
      removed.push(a);
      added.push(b);
      a = this.chain.getHeader(a.header.parentHash);
      b = this.chain.getHeader(b.header.parentHash);
    }
    added.reverse();
    return { removed, added };
  }
}
