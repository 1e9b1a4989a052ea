/**
 * execution: the transaction-level rules around the EVM. Owns intrinsic gas and static
 * validity, the Host adapter over state, and the transaction phases (validate ->
 * pre-execution -> execute -> post-execution); system calls and BlockExecutor/BlockBuilder as
 * they are added. Does not own: opcode semantics (evm), persistence (state, chain).
 */
export * from "./apply-transaction.js";
export * from "./authorizations.js";
export * from "./block-env.js";
export * from "./evm-factory.js";
export * from "./intrinsic-gas.js";
export * from "./post-execution.js";
export * from "./pre-execution.js";
export * from "./rejection.js";
export * from "./state-host.js";
export * from "./tx-validity.js";
export * from "./validate.js";
