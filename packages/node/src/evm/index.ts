/**
 * evm: the Ethereum Virtual Machine.
 * Owns: opcodes, per-fork jump tables, the interpreter and frame loop, gas rules of execution,
 * the Host port (and its in-memory implementation), precompiles, tracing.
 * Does not own: persistence (state), transaction-level rules such as intrinsic gas, validation,
 * fees and the refund cap (execution).
 */
export { create2Address, createAddress, precompileAddresses } from "./address.js";
export type { BlockContext, ExecutionResult, ExecutionStatus, Message, TxContext } from "./context.js";
export { DELEGATION_DESIGNATOR_LENGTH, delegationDesignator, delegationTarget } from "./delegation.js";
export type { ForkRules } from "./env.js";
export { EvmError } from "./errors.js";
export { Evm, type EvmConfig } from "./evm.js";
export {
  cancunJumpTable,
  enableEip1153,
  enableEip3855,
  enableEip3860,
  enableEip4844,
  enableEip5656,
  enableEip6780,
  enableEip7516,
  enableEip7702,
  enableEip7939,
  jumpTableFor,
  osakaJumpTable,
  parisJumpTable,
  pragueJumpTable,
  shanghaiJumpTable,
  supportedForks,
} from "./forks.js";
export * as gas from "./gas.js";
export type { Host } from "./host.js";
export { type CompiledJumpTable, compileJumpTable, type JumpTable, type OpDef, validateJumpTable } from "./jump-table.js";
export { type AccountInit, type Log, MemoryHost } from "./memory-host.js";
export { precompilesFor } from "./precompiles/index.js";
export type { Precompile, PrecompileSet } from "./precompiles/types.js";
export { CollectingTracer, eip3155Line, type FrameEnter, type FrameExit, type FrameType, type Tracer, type TraceStep } from "./tracer.js";
export { type CallFrameJson, type CallLogJson, CallTracer, type CallTracerConfig, unpackRevert } from "./tracers/call-tracer.js";
export {
  type FlatCallAction,
  type FlatCallFrameJson,
  type FlatCallResult,
  FlatCallTracer,
  type FlatCallTracerConfig,
  type FlatTraceContext,
  parityError,
} from "./tracers/flat-call-tracer.js";
export { FourByteTracer, NoopTracer } from "./tracers/four-byte.js";
export { MuxTracer } from "./tracers/mux.js";
export {
  type AccountReader,
  type PrestateAccountJson,
  type PrestateJson,
  PrestateTracer,
  type PrestateTracerConfig,
} from "./tracers/prestate-tracer.js";
export {
  type StorageReader,
  type StructLogEntry,
  StructLogger,
  type StructLoggerConfig,
  type StructLoggerResult,
} from "./tracers/struct-logger.js";
