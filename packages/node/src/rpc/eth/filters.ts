/**
 * rpc/eth/filters: polling filters (eth_newFilter, eth_newBlockFilter,
 * eth_newPendingTransactionFilter, eth_getFilterChanges, eth_getFilterLogs,
 * eth_uninstallFilter) as go-ethereum's eth/filters/api.go keeps them.
 *
 * A filter collects what happened since it was last polled: block hashes, pending transaction
 * hashes (or whole transactions when created with `true`), or matching logs (with
 * `removed: true` copies when a reorg or rewind drops their block). eth_getFilterChanges hands
 * over what was collected and starts a new batch; eth_getFilterLogs runs the log filter's
 * criteria as eth_getLogs would. Ids are geth's rpc.NewID (128 random bits as a quantity).
 * Unknown ids answer -32000 "filter not found", except eth_uninstallFilter which answers
 * false. A filter not polled for `timeoutMs` (geth's 5 minutes) is removed by a sweep that runs
 * every `timeoutMs` (geth's timeoutLoop), so one lives between one and two timeouts unpolled.
 */
import type { Chain } from "../../chain/index.js";
import { bytesToHex } from "../../primitives/index.js";
import { argBool, argOptional, argString } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { newSubscriptionId } from "../subscriptions.js";
import type { ChainEvents, HeadChange } from "./chain-events.js";
import { argFilterCriteria, checkQueryLimits, errFilterNotFound, type FilterCriteria } from "./filter-criteria.js";
import { blockLogs, checkLiveLogRange, type LogJson, type LogQueryOptions, queryLogs, withinFilterBounds } from "./logs.js";

/** geth's filter timeout (eth/filters Config.Timeout default). */
export const DEFAULT_FILTER_TIMEOUT_MS = 5 * 60 * 1000;

type Filter =
  | { readonly kind: "logs"; readonly criteria: FilterCriteria; items: LogJson[]; lastPoll: number }
  | { readonly kind: "blocks"; items: string[]; lastPoll: number }
  | { readonly kind: "pendingTransactions"; readonly full: boolean; items: unknown[]; lastPoll: number };

export interface FilterManagerOptions {
  readonly timeoutMs?: number;
  /** milliseconds clock; injectable for tests */
  readonly now?: () => number;
  /** start the periodic sweep (default true); tests call `sweep()` themselves */
  readonly sweep?: boolean;
}

/** A pending transaction as a filter or subscription reports it: its hash and its JSON. */
export interface PendingTxEvent {
  readonly hash: string;
  readonly json: () => unknown;
}

export class FilterManager {
  private readonly filters = new Map<string, Filter>();
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly chain: Chain,
    opts: FilterManagerOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_FILTER_TIMEOUT_MS;
    this.now = opts.now ?? Date.now;
    if (opts.sweep !== false) {
      this.timer = setInterval(() => this.sweep(), this.timeoutMs);
      this.timer.unref();
    }
  }

  private add(filter: Filter): string {
    let id = newSubscriptionId();
    while (this.filters.has(id)) id = newSubscriptionId();
    this.filters.set(id, filter);
    return id;
  }

  newLogFilter(criteria: FilterCriteria): string {
    return this.add({ kind: "logs", criteria, items: [], lastPoll: this.now() });
  }

  newBlockFilter(): string {
    return this.add({ kind: "blocks", items: [], lastPoll: this.now() });
  }

  newPendingTransactionFilter(full: boolean): string {
    return this.add({ kind: "pendingTransactions", full, items: [], lastPoll: this.now() });
  }

  /** What the filter collected since the last poll; resets its timeout. */
  changes(id: string): unknown[] {
    const f = this.filters.get(id);
    if (f === undefined) throw errFilterNotFound();
    f.lastPoll = this.now();
    const items = f.items;
    f.items = [];
    return items;
  }

  /** The criteria of a log filter; other kinds are "filter not found" as in geth. */
  criteria(id: string): FilterCriteria {
    const f = this.filters.get(id);
    if (f === undefined || f.kind !== "logs") throw errFilterNotFound();
    return f.criteria;
  }

  uninstall(id: string): boolean {
    return this.filters.delete(id);
  }

  get size(): number {
    return this.filters.size;
  }

  /** Removes filters not polled within the timeout. */
  sweep(): number {
    const now = this.now();
    let removed = 0;
    for (const [id, f] of this.filters) {
      if (now - f.lastPoll >= this.timeoutMs) {
        this.filters.delete(id);
        removed++;
      }
    }
    return removed;
  }

  /** Feeds a head change to block and log filters. */
  onHeadChange(change: HeadChange): void {
    if (this.filters.size === 0) return;
    for (const f of this.filters.values()) {
      if (f.kind === "blocks") {
        for (const h of change.added) f.items.push(bytesToHex(h.hash));
      } else if (f.kind === "logs") {
        for (const h of change.removed) {
          if (withinFilterBounds(f.criteria, h.header.number)) f.items.push(...blockLogs(this.chain, h, f.criteria, true));
        }
        for (const h of change.added) {
          if (withinFilterBounds(f.criteria, h.header.number)) f.items.push(...blockLogs(this.chain, h, f.criteria));
        }
      }
    }
  }

  /** Feeds transactions that became pending to pending-transaction filters. */
  onPending(txs: readonly PendingTxEvent[]): void {
    for (const f of this.filters.values()) {
      if (f.kind !== "pendingTransactions") continue;
      for (const tx of txs) f.items.push(f.full ? tx.json() : tx.hash);
    }
  }

  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.filters.clear();
  }
}

export interface FilterMethodsOptions extends LogQueryOptions {
  /** geth's --rpc.logquerylimit (addresses, or topics per position); 0: none */
  readonly logQueryLimit?: number;
}

/** Registers eth_getLogs and the polling filter methods. */
export function registerFilterMethods(
  registry: MethodRegistry,
  chain: Chain,
  events: ChainEvents,
  filters: FilterManager,
  opts: FilterMethodsOptions = {},
): void {
  registry.register(
    "eth_getLogs",
    (p) => {
      const c = argFilterCriteria(p, 0);
      checkQueryLimits(c, opts.logQueryLimit);
      return queryLogs(chain, c, opts);
    },
    { arity: [1, 1] },
  );
  registry.register(
    "eth_newFilter",
    (p) => {
      const c = argFilterCriteria(p, 0);
      checkQueryLimits(c, opts.logQueryLimit);
      const err = checkLiveLogRange(c);
      if (err !== undefined) throw err;
      // the filter starts at the current head: what happened before is eth_getFilterLogs' job
      events.sync();
      return filters.newLogFilter(c);
    },
    { arity: [1, 1] },
  );
  registry.register(
    "eth_newBlockFilter",
    () => {
      events.sync();
      return filters.newBlockFilter();
    },
    { arity: [0, 0] },
  );
  registry.register("eth_newPendingTransactionFilter", (p) => filters.newPendingTransactionFilter(argOptional(p, 0, argBool) ?? false), {
    arity: [0, 1],
  });
  registry.register(
    "eth_getFilterChanges",
    (p) => {
      const id = argString(p, 0, "rpc.ID");
      events.sync();
      return filters.changes(id);
    },
    { arity: [1, 1] },
  );
  registry.register(
    "eth_getFilterLogs",
    (p) => {
      const c = filters.criteria(argString(p, 0, "rpc.ID"));
      return queryLogs(chain, c, opts);
    },
    { arity: [1, 1] },
  );
  registry.register("eth_uninstallFilter", (p) => filters.uninstall(argString(p, 0, "rpc.ID")), { arity: [1, 1] });
}
