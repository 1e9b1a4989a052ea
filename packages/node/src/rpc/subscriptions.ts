/**
 * rpc/subscriptions: eth_subscribe / eth_unsubscribe over WebSocket, as geth's rpc/subscription.go.
 *
 * Producers of events (chain head, logs, pool) call `publish(kind, payload)`; every live
 * subscription of that kind gets `{"jsonrpc":"2.0","method":"eth_subscription","params":
 * {"subscription":id,"result":...}}`. A kind may project the payload per subscription (a logs
 * filter) and drop it by returning undefined. Subscriptions belong to one connection and end
 * when it closes. Ids are geth's: 16 random bytes as a quantity ("0x" + hex, no leading zeros).
 * Notifications for a new subscription are held until the subscribe response has been written,
 * so a client never sees an event for an id it has not been told about.
 */
import { randomBytes } from "node:crypto";
import { invalidParams, METHOD_NOT_FOUND, RpcError, RpcServerError, SERVER_ERROR } from "./errors.js";

/** One client connection able to receive pushed messages (a WebSocket). */
export interface Connection {
  readonly id: number;
  send(text: string): void;
}

export interface SubscriptionKind<S = unknown> {
  /** Validates the parameters after the kind name; throw an RpcError (-32602) to reject. */
  parseParams?(params: unknown[]): S;
  /** The `result` to send for `payload`, or undefined to skip this subscriber. */
  project?(state: S, payload: unknown): unknown;
}

interface Subscription {
  readonly id: string;
  readonly kind: string;
  readonly conn: Connection;
  readonly state: unknown;
  /** Undefined once the subscribe response has gone out; until then, held notifications. */
  pending: string[] | undefined;
}

/** geth's encodeID: random 128 bits as a quantity. */
export function newSubscriptionId(): string {
  const hex = randomBytes(16).toString("hex").replace(/^0+/, "");
  return `0x${hex === "" ? "0" : hex}`;
}

export class SubscriptionManager {
  private readonly kinds = new Map<string, SubscriptionKind<unknown>>();
  private readonly byId = new Map<string, Subscription>();
  private readonly byConn = new Map<Connection, Set<string>>();

  /** Registers an event kind clients may subscribe to ("newHeads", "logs", ...). */
  registerKind<S>(kind: string, spec: SubscriptionKind<S> = {}): void {
    if (this.kinds.has(kind)) throw new RpcServerError(`subscription kind registered twice: ${kind}`);
    this.kinds.set(kind, spec as SubscriptionKind<unknown>);
  }

  hasKind(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /** eth_subscribe: params[0] is the kind name, the rest go to the kind's parser. */
  subscribe(conn: Connection, params: unknown[]): string {
    if (params.length === 0 || typeof params[0] !== "string") {
      throw invalidParams("expected subscription name as first argument");
    }
    const kindName = params[0];
    const kind = this.kinds.get(kindName);
    if (kind === undefined) {
      throw new RpcError(METHOD_NOT_FOUND, `no "${kindName}" subscription in eth namespace`);
    }
    const state = kind.parseParams ? kind.parseParams(params.slice(1)) : undefined;
    let id = newSubscriptionId();
    while (this.byId.has(id)) id = newSubscriptionId();
    this.byId.set(id, { id, kind: kindName, conn, state, pending: [] });
    let set = this.byConn.get(conn);
    if (set === undefined) {
      set = new Set();
      this.byConn.set(conn, set);
    }
    set.add(id);
    return id;
  }

  /**
   * Releases notifications held for new subscriptions of `conn` once the answer naming them was
   * written: the given ids, or all of the connection's when `ids` is omitted.
   */
  activate(conn: Connection, ids?: Iterable<string>): void {
    const owned = this.byConn.get(conn);
    if (owned === undefined) return;
    for (const id of ids ?? [...owned]) {
      const sub = this.byId.get(id);
      if (sub === undefined || sub.conn !== conn || sub.pending === undefined) continue;
      const held = sub.pending;
      sub.pending = undefined;
      for (const text of held) conn.send(text);
    }
  }

  /** eth_unsubscribe: only the owning connection may cancel; geth answers true. */
  unsubscribe(conn: Connection, id: string): boolean {
    const sub = this.byId.get(id);
    if (sub === undefined || sub.conn !== conn) {
      throw new RpcError(SERVER_ERROR, "subscription not found");
    }
    this.remove(sub);
    return true;
  }

  /** Drops every subscription of a closed connection. */
  closeConnection(conn: Connection): void {
    const ids = this.byConn.get(conn);
    if (ids === undefined) return;
    for (const id of ids) this.byId.delete(id);
    this.byConn.delete(conn);
  }

  /** Sends `payload` to every subscriber of `kind`; returns how many were notified. */
  publish(kind: string, payload: unknown): number {
    const spec = this.kinds.get(kind);
    if (spec === undefined) return 0;
    let sent = 0;
    for (const sub of this.byId.values()) {
      if (sub.kind !== kind) continue;
      const result = spec.project ? spec.project(sub.state, payload) : payload;
      if (result === undefined) continue;
      const text = JSON.stringify({
        jsonrpc: "2.0",
        method: "eth_subscription",
        params: { subscription: sub.id, result },
      });
      if (sub.pending !== undefined) sub.pending.push(text);
      else sub.conn.send(text);
      sent++;
    }
    return sent;
  }

  /** Live subscriptions of one kind (lets a producer skip building payloads nobody wants). */
  countKind(kind: string): number {
    let n = 0;
    for (const sub of this.byId.values()) if (sub.kind === kind) n++;
    return n;
  }

  /** Live subscriptions, in all or for one connection. */
  count(conn?: Connection): number {
    if (conn === undefined) return this.byId.size;
    return this.byConn.get(conn)?.size ?? 0;
  }

  private remove(sub: Subscription): void {
    this.byId.delete(sub.id);
    const set = this.byConn.get(sub.conn);
    if (set === undefined) return;
    set.delete(sub.id);
    if (set.size === 0) this.byConn.delete(sub.conn);
  }
}
