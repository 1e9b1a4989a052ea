/**
 * cli/bench-evm-engine: the interface every engine of `cairn bench evm` implements (Cairn,
 * @ethereumjs/evm, anvil), so the driver deploys and times the same bytes on each the same way.
 */

/** What one execution of a workload's call produced. */
export interface RunResult {
  /** Wall time of the execution alone, in milliseconds. */
  readonly ms: number;
  readonly output: Uint8Array;
  /** Whether the call succeeded (a revert or halt makes the measurement meaningless). */
  readonly ok: boolean;
  /** Why it did not succeed, if it did not. */
  readonly error?: string;
}

/** A workload deployed on an engine. Each run starts from the same post-deployment state. */
export interface PreparedWorkload {
  run(calldata: Uint8Array): Promise<RunResult>;
  /**
   * Execution gas of the call (after intrinsic gas, before refunds) and the refund counter at
   * its end, measured once, outside the timed runs.
   */
  gas(calldata: Uint8Array): Promise<{ gasUsed: bigint; refund: bigint }>;
}

export interface Engine {
  /** Short name used by `--engines` and in JSON output. */
  readonly name: string;
  /** Column title. */
  readonly title: string;
  /** What exactly is timed, printed under the table. */
  readonly path: string;
  prepare(deployData: Uint8Array): Promise<PreparedWorkload>;
  close(): Promise<void>;
}

/** Raised when an engine cannot be used on this machine (missing package or binary). */
export class EngineUnavailable extends Error {
  override name = "EngineUnavailable";
}

/** Gas limit given to every measured call and deployment: far above any workload's use. */
export const BENCH_GAS_LIMIT = 1_000_000_000n;

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
