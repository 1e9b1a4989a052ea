/**
 * producer: block production for the developer chain: automine on each accepted transaction
 * and interval mining, from the pool's best transactions onto the chain's head.
 * Does not own: execution (execution's BlockBuilder), storage and head (chain), admission (txpool).
 */

export * from "./dev-clock.js";
export * from "./dev-controls.js";
export * from "./producer.js";
