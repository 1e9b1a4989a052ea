/**
 * execution: the transaction-level rules around the EVM. Owns intrinsic gas and static
 * validity now; the transaction phases, system calls and BlockExecutor/BlockBuilder as they
 * are added. Does not own: opcode semantics (evm), persistence (state, chain).
 */
export * from "./intrinsic-gas.js";
export * from "./tx-validity.js";
