/**
 * node: the composition root. Builds the store, chain, pool, producer and JSON-RPC server of
 * a node and starts and stops them in order; the developer chain's genesis and accounts.
 * Does not own: any protocol logic (the layers below), argument parsing (cli).
 */
export * from "./dev-accounts.js";
export * from "./dev-genesis.js";
export * from "./dev-node.js";
export * from "./explorer-static.js";
