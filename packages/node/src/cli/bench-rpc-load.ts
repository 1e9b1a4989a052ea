/**
 * cli/bench-rpc-load: the load driver of `cairn bench rpc`. N clients, each with its own
 * keep-alive connection, send one request at a time (the next as soon as the answer is in) for
 * a fixed duration or until their list of bodies runs out. Counted: answered requests, the ones
 * answered with a JSON-RPC error, requests/s over the wall time, and latency percentiles.
 */
import { readFileSync } from "node:fs";
import type { RpcClient } from "./bench-rpc-peers.js";

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The first error answer seen, to tell why a run is not comparable. */
  readonly firstError?: string;
  /**
   * CPU time the server process spent per request, in microseconds (Linux /proc; undefined
   * elsewhere). Unlike requests/s, it hardly depends on what else the machine is running.
   */
  readonly cpuUsPerRequest?: number;
}

export interface LoadOptions {
  readonly clients: number;
  /** Stop after this long (read methods); undefined: run until every client's bodies are sent. */
  readonly durationMs?: number;
  /** Body number `i` of client `c`, or undefined when that client is done. */
  readonly body: (c: number, i: number) => Buffer | undefined;
  /** The server's process id, for its CPU time. */
  readonly serverPid?: number | undefined;
}

/** User + system CPU time of a process in milliseconds, from /proc (clock ticks of 10 ms). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Percentile `p` (0..1) of sorted values, nearest rank. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

/** Cheap check for an error answer without parsing every response. */
function isErrorAnswer(text: string): boolean {
  return text.includes('"error":');
}

export async function runLoad(client: RpcClient, opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const cpuBefore = processCpuMs(opts.serverPid);
  const start = performance.now();
  const stopAt = opts.durationMs === undefined ? Number.POSITIVE_INFINITY : start + opts.durationMs;
  const loop = async (c: number): Promise<void> => {
    for (let i = 0; ; i++) {
      if (performance.now() >= stopAt) return;
      const body = opts.body(c, i);
      if (body === undefined) return;
      const t = performance.now();
      const text = await client.post(body);
      latencies.push(performance.now() - t);
      if (isErrorAnswer(text)) {
        errors++;
        firstError ??= text.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => loop(c)));
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = processCpuMs(opts.serverPid);
  const cpu =
    cpuBefore === undefined || cpuAfter === undefined || latencies.length === 0
      ? undefined
      : ((cpuAfter - cpuBefore) * 1000) / latencies.length;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    ...(firstError === undefined ? {} : { firstError }),
    ...(cpu === undefined ? {} : { cpuUsPerRequest: cpu }),
  };
}
