/**
 * rpc/eth/events: wires the event-driven eth_ methods of one node: log queries, polling
 * filters, eth_subscribe kinds, fee history and the block-level reads. The node calls
 * `onBlock()` after each produced block (or any head change) and `close()` when it stops; the
 * pool's "became pending" hook feeds pending-transaction filters and subscriptions.
 */
import { bytesToHex } from "../../primitives/index.js";
import type { MethodRegistry } from "../registry.js";
import type { SubscriptionManager } from "../subscriptions.js";
import { type BlockReadsBackend, registerBlockReads } from "./blocks.js";
import { ChainEvents } from "./chain-events.js";
import { registerFeeHistory } from "./fee-history.js";
import { FilterManager, type FilterMethodsOptions, type PendingTxEvent, registerFilterMethods } from "./filters.js";
import { formatTransaction } from "./format.js";
import { registerSubscriptionKinds } from "./subscription-kinds.js";

export interface EthEventsBackend extends BlockReadsBackend, FilterMethodsOptions {
  /** the manager the RPC server serves eth_subscribe with */
  readonly subscriptions: SubscriptionManager;
  /** filter timeout in milliseconds (geth's 5 minutes by default) */
  readonly filterTimeoutMs?: number;
}

export interface EthEvents {
  readonly chainEvents: ChainEvents;
  readonly filters: FilterManager;
  /** Reports head changes since the last call to filters and subscriptions. */
  onBlock(): void;
  /** Stops the filter sweep and the pool hook. */
  close(): void;
}

export function registerEthEventMethods(registry: MethodRegistry, backend: EthEventsBackend): EthEvents {
  const { chain, pool } = backend;
  const chainEvents = new ChainEvents(chain);
  const filters = new FilterManager(chain, { timeoutMs: backend.filterTimeoutMs });
  const feeds = registerSubscriptionKinds(backend.subscriptions, chain, backend.logQueryLimit, () => chainEvents.sync());
  const unsubscribeChain = chainEvents.subscribe((change) => {
    filters.onHeadChange(change);
    feeds.onHeadChange(change);
  });
  const unsubscribePool = pool.onNewPending((hashes) => {
    const events: PendingTxEvent[] = [];
    for (const hash of hashes) {
      // the pool entry is read now: with automine the transaction leaves the pool moments later
      const pooled = pool.get(hash);
      if (pooled === undefined) continue;
      let json: unknown;
      events.push({
        hash: bytesToHex(hash),
        json: () => {
          json ??= formatTransaction(pooled.tx, pooled.sender, undefined);
          return json;
        },
      });
    }
    if (events.length === 0) return;
    filters.onPending(events);
    feeds.onPending(events);
  });

  registerFilterMethods(registry, chain, chainEvents, filters, backend);
  registerFeeHistory(registry, chain);
  registerBlockReads(registry, backend);

  return {
    chainEvents,
    filters,
    onBlock: () => {
      chainEvents.sync();
    },
    close: () => {
      unsubscribeChain();
      unsubscribePool();
      filters.close();
    },
  };
}
