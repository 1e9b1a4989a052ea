/**
 * rpc/trace/filter: trace_filter's request ({fromBlock, toBlock, fromAddress, toAddress, mode,
 * after, count}) decoded as anvil decodes it, and the match of one trace against it.
 *
 * As anvil (revm-inspectors' TraceFilter): blocks are hex strings or numbers (no tags); fromBlock
 * defaults to 0 and toBlock to the head; addresses are arrays; a trace's "from" is its caller
 * (a suicide's: the destroyed contract) and its "to" the callee, the created contract or the
 * refund address; with both lists given a trace matches either ("union", the default mode) or
 * both ("intersection"); `after` skips that many matches and `count` caps the answer; unknown
 * members are refused, and so is a range of more than 300 blocks (anvil's cap).
 */
import type { FlatCallFrameJson } from "../../evm/index.js";
import { invalidArgument } from "../params.js";

/** anvil's cap on a trace_filter range (toBlock - fromBlock). */
export const MAX_TRACE_FILTER_BLOCKS = 300n;

const KEYS = ["fromBlock", "toBlock", "fromAddress", "toAddress", "mode", "after", "count"];

export interface TraceFilter {
  readonly fromBlock: bigint | undefined;
  readonly toBlock: bigint | undefined;
  readonly fromAddress: ReadonlySet<string> | undefined;
  readonly toAddress: ReadonlySet<string> | undefined;
  readonly intersection: boolean;
  readonly after: number;
  readonly count: number | undefined;
}

function blockNumber(v: unknown, index: number): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^0x[0-9a-fA-F]{1,16}$/.test(v)) return BigInt(v);
  throw invalidArgument(index, `invalid value: ${JSON.stringify(v)}, expected a 8 byte hex string`);
}

function addresses(v: unknown, index: number): ReadonlySet<string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidArgument(index, `invalid type: ${JSON.stringify(v)}, expected a sequence`);
  const out = new Set<string>();
  for (const a of v) {
    if (typeof a !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(a)) throw invalidArgument(index, `invalid address ${JSON.stringify(a)}`);
    out.add(a.toLowerCase());
  }
  return out;
}

function uint(v: unknown, name: string, index: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
    throw invalidArgument(index, `invalid ${name}: expected a non-negative integer`);
  return v;
}

export function argTraceFilter(params: unknown[], index: number): TraceFilter {
  const v = params[index];
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalidArgument(index, "expected a trace filter object");
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!KEYS.includes(k))
      throw invalidArgument(index, `unknown field \`${k}\`, expected one of ${KEYS.map((x) => `\`${x}\``).join(", ")}`);
  let intersection = false;
  if (o.mode !== undefined && o.mode !== null) {
    if (o.mode !== "union" && o.mode !== "intersection")
      throw invalidArgument(index, `unknown variant ${JSON.stringify(o.mode)}, expected \`union\` or \`intersection\``);
    intersection = o.mode === "intersection";
  }
  return {
    fromBlock: blockNumber(o.fromBlock, index),
    toBlock: blockNumber(o.toBlock, index),
    fromAddress: addresses(o.fromAddress, index),
    toAddress: addresses(o.toAddress, index),
    intersection,
    after: uint(o.after, "after", index) ?? 0,
    count: uint(o.count, "count", index),
  };
}

/** The trace's "from" and "to" as trace_filter reads them. */
function endpoints(t: FlatCallFrameJson): [string | undefined, string | undefined] {
  switch (t.type) {
    case "suicide":
      return [t.action.address, t.action.refundAddress];
    case "create":
      return [t.action.from, t.result?.address];
    default:
      return [t.action.from, t.action.to];
  }
}

export function traceMatches(f: TraceFilter, t: FlatCallFrameJson): boolean {
  const [from, to] = endpoints(t);
  if (f.fromAddress === undefined && f.toAddress === undefined) return true;
  const fromHit = from !== undefined && f.fromAddress?.has(from) === true;
  const toHit = to !== undefined && f.toAddress?.has(to) === true;
  if (f.fromAddress === undefined) return toHit;
  if (f.toAddress === undefined) return fromHit;
  return f.intersection ? fromHit && toHit : fromHit || toHit;
}
