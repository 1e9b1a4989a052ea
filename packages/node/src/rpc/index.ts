/**
 * rpc: the JSON-RPC server (HTTP and WebSocket transports, dispatch, method registry,
 * subscriptions, parameter helpers with geth's error wording). Method sets for chain, pool and
 * dev tooling are registered into a MethodRegistry by the layers that own their data.
 */
export * from "./builtin.js";
export * from "./debug/methods.js";
export * from "./debug/raw.js";
export * from "./debug/trace.js";
export * from "./debug/trace-config.js";
export * from "./dev/methods.js";
export * from "./dispatch.js";
export * from "./errors.js";
export * from "./eth/access-list.js";
export * from "./eth/args.js";
export * from "./eth/backend.js";
export * from "./eth/blocks.js";
export * from "./eth/call.js";
export * from "./eth/chain-events.js";
export * from "./eth/estimate.js";
export * from "./eth/events.js";
export * from "./eth/extra-methods.js";
export * from "./eth/fee-history.js";
export * from "./eth/filter-criteria.js";
export * from "./eth/filters.js";
export * from "./eth/format.js";
export * from "./eth/headers.js";
export * from "./eth/logs.js";
export * from "./eth/methods.js";
export * from "./eth/overrides.js";
export * from "./eth/proof.js";
export * from "./eth/sign.js";
export * from "./eth/simulate.js";
export * from "./eth/subscription-kinds.js";
export * from "./eth/typed-data.js";
export * from "./http.js";
export * from "./ots/methods.js";
export * from "./ots/tracers.js";
export * from "./params.js";
export * from "./registry.js";
export * from "./server.js";
export * from "./subscriptions.js";
export * from "./trace/index.js";
export * from "./txpool-methods.js";
export * from "./verify/bytecode.js";
export * from "./verify/compiler.js";
export * from "./verify/methods.js";
export * from "./verify/signatures.js";
export * from "./ws.js";
