/**
 * rpc/registry: the method table. Methods are named `<namespace>_<name>` as in geth; a namespace
 * is served only when enabled (geth's --http.api: eth, net, web3 by default; the dev chain turns
 * on more). Aliases let one handler answer under several names (anvil_*, hardhat_*, evm_*).
 * A method may declare its arity (checked with geth's wording before the handler runs) and a
 * timeout after which the call is answered with an error (eth_call-like methods).
 */
import { type RpcError, RpcServerError } from "./errors.js";
import type { Connection, SubscriptionManager } from "./subscriptions.js";

/** Transport-level facts a handler may need. */
export interface CallContext {
  readonly transport: "http" | "ws" | "direct";
  /** The WebSocket connection, for methods that push notifications (eth_subscribe). */
  readonly connection?: Connection;
  readonly subscriptions?: SubscriptionManager;
  /**
   * Ids of subscriptions created by this message; the transport releases their notifications
   * once the answer carrying the ids has been written.
   */
  readonly newSubscriptions?: string[];
  /** Aborted when the method's timeout expires or the transport goes away. */
  readonly signal: AbortSignal;
}

export type Handler = (params: unknown[], ctx: CallContext) => unknown | Promise<unknown>;

export interface MethodOptions {
  /** [min, max] positional arguments; checked as geth's parsePositionalArguments does. */
  readonly arity?: readonly [number, number];
  /** Milliseconds before the call is answered with `timeoutError` (default: no timeout). */
  readonly timeoutMs?: number;
  /** The error answered on timeout; geth answers -32002 "request timed out" by default. */
  readonly timeoutError?: () => RpcError;
}

export interface MethodEntry extends MethodOptions {
  readonly name: string;
  readonly namespace: string;
  readonly handler: Handler;
}

/** Namespaces geth serves over HTTP and WebSocket unless told otherwise. */
export const DEFAULT_NAMESPACES: readonly string[] = ["eth", "net", "web3"];

/** geth serves its own "rpc" namespace (rpc_modules) on every server, whatever is enabled. */
const ALWAYS_ENABLED = "rpc";

/** The namespace of a method name: the text before the first underscore. */
export function namespaceOf(method: string): string {
  const i = method.indexOf("_");
  return i <= 0 ? "" : method.slice(0, i);
}

export class MethodRegistry {
  private readonly methods = new Map<string, MethodEntry>();
  private readonly enabled: Set<string>;

  constructor(enabledNamespaces: Iterable<string> = DEFAULT_NAMESPACES) {
    this.enabled = new Set(enabledNamespaces);
  }

  register(name: string, handler: Handler, options: MethodOptions = {}): void {
    const namespace = namespaceOf(name);
    if (namespace === "") throw new RpcServerError(`method name without namespace: ${name}`);
    if (this.methods.has(name)) throw new RpcServerError(`method registered twice: ${name}`);
    if (options.arity !== undefined) {
      const [min, max] = options.arity;
      if (min < 0 || max < min) throw new RpcServerError(`bad arity for ${name}: [${min}, ${max}]`);
    }
    this.methods.set(name, { ...options, name, namespace, handler });
  }

  /** Serves `alias` with the handler and options of the already registered `target`. */
  alias(alias: string, target: string): void {
    const entry = this.methods.get(target);
    if (entry === undefined) throw new RpcServerError(`alias ${alias} of unknown method ${target}`);
    this.register(alias, entry.handler, entry);
  }

  enableNamespace(namespace: string): void {
    this.enabled.add(namespace);
  }

  disableNamespace(namespace: string): void {
    this.enabled.delete(namespace);
  }

  isNamespaceEnabled(namespace: string): boolean {
    return this.enabled.has(namespace);
  }

  enabledNamespaces(): string[] {
    return [...this.enabled].sort();
  }

  /** The entry for `method` if it exists and its namespace is enabled; otherwise undefined. */
  lookup(method: string): MethodEntry | undefined {
    const entry = this.methods.get(method);
    if (entry === undefined) return undefined;
    if (entry.namespace !== ALWAYS_ENABLED && !this.enabled.has(entry.namespace)) return undefined;
    return entry;
  }

  /** Enabled namespaces that have at least one method (rpc_modules). */
  servedNamespaces(): string[] {
    const out = new Set<string>();
    for (const entry of this.methods.values()) {
      if (entry.namespace === ALWAYS_ENABLED || this.enabled.has(entry.namespace)) out.add(entry.namespace);
    }
    return [...out].sort();
  }

  /** Every registered name, enabled or not (rpc_modules and diagnostics). */
  names(): string[] {
    return [...this.methods.keys()].sort();
  }
}
