/**
 * execution/evm-factory: the EVM and precompile set of a fork, as the transaction phases use
 * them (pre-execution warms every precompile address, EIP-2929).
 */
import { Evm, precompilesFor, type Tracer } from "../evm/index.js";
import type { Fork } from "../params/index.js";
import type { ExecutionEngine } from "./apply-transaction.js";

export function createEngine(fork: Fork, tracer?: Tracer): ExecutionEngine {
  const precompiles = precompilesFor(fork);
  const evm = tracer === undefined ? new Evm({ fork, precompiles }) : new Evm({ fork, precompiles, tracer });
  return { evm, precompiles };
}
