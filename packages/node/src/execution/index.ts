/**
 * execution: the transaction-level rules around the EVM. Owns intrinsic gas and static
 * validity, the Host adapter over state, and the transaction phases (validate ->
 * pre-execution -> execute -> post-execution); for blocks: header rules, system calls,
 * requests, and the BlockBuilder that produces blocks and, through the executor, imports
 * them. Does not own: opcode semantics (evm), persistence (state, chain), the canonical head
 * (chain).
 */
export * from "./apply-transaction.js";
export * from "./authorizations.js";
export * from "./block-builder.js";
export * from "./block-env.js";
export * from "./block-error.js";
export * from "./block-executor.js";
export * from "./block-header.js";
export * from "./block-replay.js";
export * from "./block-requests.js";
export * from "./block-system-calls.js";
export * from "./evm-factory.js";
export * from "./intrinsic-gas.js";
export * from "./post-execution.js";
export * from "./pre-execution.js";
export * from "./rejection.js";
export * from "./state-host.js";
export * from "./tx-validity.js";
export * from "./validate.js";
