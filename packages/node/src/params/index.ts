/**
 * params: protocol constants as data. Owns the fork list and order, and (as later issues add
 * them) gas schedules, chain specs and genesis. Does not own: any logic that applies them.
 */

export * from "./blob-schedule.js";
export * from "./chain-spec.js";
export * from "./errors.js";
export * from "./fee-market.js";
export * from "./forks.js";
export * from "./gas.js";
export * from "./genesis.js";
export * from "./genesis-json.js";
export * from "./refunds.js";
