/**
 * rpc/trace: the trace_ namespace (Parity-style transaction traces, as anvil serves them).
 */
export { argTraceFilter, MAX_TRACE_FILTER_BLOCKS, type TraceFilter, traceMatches } from "./filter.js";
export { registerTraceMethods, type TraceBackend } from "./methods.js";
export { blockParityTraces, replayEntry, type TxParityTraces } from "./parity-traces.js";
