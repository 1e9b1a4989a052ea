/**
 * rpc/builtin: the methods the rpc layer answers by itself: web3_clientVersion, web3_sha3,
 * net_version, net_listening, net_peerCount (values from config, as geth's node/api.go and
 * internal/ethapi/api.go serve them) and eth_subscribe / eth_unsubscribe over a
 * SubscriptionManager. Chain and pool methods are registered by the layers that own the data.
 */
import { keccak256 } from "../crypto/index.js";
import { bigintToQuantity, bytesToHex } from "../primitives/index.js";
import { METHOD_NOT_FOUND, RpcError } from "./errors.js";
import { argBytes, argString } from "./params.js";
import type { CallContext, MethodRegistry } from "./registry.js";
import type { Connection, SubscriptionManager } from "./subscriptions.js";

export interface NodeInfoConfig {
  /** e.g. "Cairn/v0.1.0/linux-x64/nodejs20.11.0" */
  readonly clientVersion: string;
  /** The network id answered by net_version (decimal string, as geth prints it). */
  readonly networkId: bigint;
  /** Whether the node accepts peer connections (net_listening). */
  readonly listening: () => boolean;
  readonly peerCount: () => number;
}

/** geth's client version shape: Name/vVersion/os-arch/runtime. */
export function clientVersionString(name: string, version: string): string {
  return `${name}/v${version}/${process.platform}-${process.arch}/nodejs${process.versions.node}`;
}

export function registerWeb3Net(registry: MethodRegistry, cfg: NodeInfoConfig): void {
  registry.register("web3_clientVersion", () => cfg.clientVersion, { arity: [0, 0] });
  registry.register("web3_sha3", (params) => bytesToHex(keccak256(argBytes(params, 0))), {
    arity: [1, 1],
  });
  registry.register("net_version", () => cfg.networkId.toString(10), { arity: [0, 0] });
  registry.register("net_listening", () => cfg.listening(), { arity: [0, 0] });
  registry.register("net_peerCount", () => bigintToQuantity(cfg.peerCount()), { arity: [0, 0] });
}

/** rpc_modules: every served namespace with geth's version string "1.0". */
export function registerRpcModules(registry: MethodRegistry): void {
  registry.register(
    "rpc_modules",
    () => {
      const out: Record<string, string> = {};
      for (const ns of registry.servedNamespaces()) out[ns] = "1.0";
      return out;
    },
    { arity: [0, 0] },
  );
}

/** geth's ErrNotificationsUnsupported, answered when subscribing over plain HTTP. */
function notificationsUnsupported(): RpcError {
  return new RpcError(METHOD_NOT_FOUND, "notifications not supported");
}

/**
 * eth_subscribe / eth_unsubscribe over the SubscriptionManager of the transport that carries the
 * call (the server's), so the sockets it cleans up on close are the ones holding subscriptions.
 */
export function registerSubscriptionMethods(registry: MethodRegistry): void {
  registry.register("eth_subscribe", (params, ctx) => {
    const { subs, conn } = pushTarget(ctx);
    const id = subs.subscribe(conn, params);
    ctx.newSubscriptions?.push(id);
    return id;
  });
  registry.register(
    "eth_unsubscribe",
    (params, ctx) => {
      const { subs, conn } = pushTarget(ctx);
      return subs.unsubscribe(conn, argString(params, 0, "rpc.ID"));
    },
    { arity: [1, 1] },
  );
}

function pushTarget(ctx: CallContext): { subs: SubscriptionManager; conn: Connection } {
  if (ctx.connection === undefined || ctx.subscriptions === undefined) throw notificationsUnsupported();
  return { subs: ctx.subscriptions, conn: ctx.connection };
}
