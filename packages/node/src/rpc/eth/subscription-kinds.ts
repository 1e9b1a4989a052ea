/**
 * rpc/eth/subscription-kinds: the eth_subscribe kinds of go-ethereum's eth/filters/api.go,
 * fed from chain events and the pool:
 *
 * - "newHeads": each header that joins the canonical chain, as geth's types.Header JSON.
 * - "logs" with a filter object (address, topics, optional numeric fromBlock/toBlock): one
 *   notification per matching log of each new block, and `removed: true` copies for logs of
 *   blocks that leave the chain.
 * - "newPendingTransactions": the hash of each transaction that becomes pending, or with
 *   `true` the whole transaction as geth's RPCTransaction of a pending transaction.
 * - "syncing": accepted as geth accepts it; a dev chain never syncs, so it stays silent.
 *
 * Arguments after the kind name are numbered from 1 in error messages, as geth parses them
 * together with the name.
 */
import type { Chain } from "../../chain/index.js";
import { bytesToHex } from "../../primitives/index.js";
import type { SealedHeader } from "../../types/index.js";
import { argBool } from "../params.js";
import type { SubscriptionManager } from "../subscriptions.js";
import type { HeadChange } from "./chain-events.js";
import { argFilterCriteria, checkQueryLimits, type FilterCriteria } from "./filter-criteria.js";
import type { PendingTxEvent } from "./filters.js";
import { formatHeader } from "./format.js";
import { blockLogs, checkLiveLogRange, type LogJson, withinFilterBounds } from "./logs.js";

interface LogSubscription {
  readonly criteria: FilterCriteria;
  readonly addresses: ReadonlySet<string>;
  readonly topics: readonly ReadonlySet<string>[];
}

interface LogPayload {
  readonly log: LogJson;
  readonly blockNumber: bigint;
}

function matchesJson(s: LogSubscription, p: LogPayload): boolean {
  if (!withinFilterBounds(s.criteria, p.blockNumber)) return false;
  if (s.addresses.size > 0 && !s.addresses.has(p.log.address as string)) return false;
  const topics = p.log.topics as string[];
  if (s.topics.length > topics.length) return false;
  return s.topics.every((set, i) => set.size === 0 || set.has(topics[i]!));
}

const ALL_LOGS: FilterCriteria = { addresses: [], topics: [] };

export interface SubscriptionFeeds {
  onHeadChange(change: HeadChange): void;
  onPending(txs: readonly PendingTxEvent[]): void;
}

/**
 * `catchUp` reports head changes not yet reported (a rewind between blocks) before a new
 * newHeads or logs subscription starts, so it never hears of blocks older than itself.
 */
export function registerSubscriptionKinds(
  subs: SubscriptionManager,
  chain: Chain,
  logQueryLimit?: number,
  catchUp: () => void = () => {},
): SubscriptionFeeds {
  subs.registerKind("newHeads", {
    parseParams: () => {
      catchUp();
      return undefined;
    },
    project: (_s, payload) => formatHeader(payload as SealedHeader),
  });
  subs.registerKind<LogSubscription>("logs", {
    parseParams: (params) => {
      const criteria = argFilterCriteria([null, ...params], 1);
      checkQueryLimits(criteria, logQueryLimit);
      const err = checkLiveLogRange(criteria);
      if (err !== undefined) throw err;
      catchUp();
      return {
        criteria,
        addresses: new Set(criteria.addresses.map((a) => bytesToHex(a))),
        topics: criteria.topics.map((p) => new Set(p.map((t) => bytesToHex(t)))),
      };
    },
    project: (s, payload) => (matchesJson(s, payload as LogPayload) ? (payload as LogPayload).log : undefined),
  });
  // geth serves "syncing" too; a dev chain never syncs, so it never notifies
  subs.registerKind("syncing", { parseParams: () => undefined });
  subs.registerKind<boolean>("newPendingTransactions", {
    parseParams: (params) => (params[0] === undefined || params[0] === null ? false : argBool([null, ...params], 1)),
    project: (full, payload) => {
      const tx = payload as PendingTxEvent;
      return full ? tx.json() : tx.hash;
    },
  });

  return {
    onHeadChange(change) {
      const wantLogs = subs.countKind("logs") > 0;
      if (wantLogs) {
        for (const h of change.removed) {
          for (const log of blockLogs(chain, h, ALL_LOGS, true)) subs.publish("logs", { log, blockNumber: h.header.number });
        }
      }
      for (const h of change.added) {
        subs.publish("newHeads", h);
        if (wantLogs) for (const log of blockLogs(chain, h, ALL_LOGS)) subs.publish("logs", { log, blockNumber: h.header.number });
      }
    },
    onPending(txs) {
      if (subs.countKind("newPendingTransactions") === 0) return;
      for (const tx of txs) subs.publish("newPendingTransactions", tx);
    },
  };
}
