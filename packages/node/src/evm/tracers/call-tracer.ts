/**
 * evm/tracers/call-tracer: go-ethereum's native "callTracer": the tree of call frames of a
 * transaction, each as {type, from, gas, gasUsed, to, input, output, error, revertReason, calls,
 * logs, value} with hex quantities, keys in geth's order and empty fields omitted.
 *
 * geth's rules kept here: the top frame's gas is the transaction's gas limit and its gasUsed the
 * receipt's (set by `result`); a failed CREATE loses its `to`; the output of a failed frame is
 * kept only for a revert, which also gets its decoded Error(string) as revertReason; STATICCALL
 * frames have no value (DELEGATECALL carries its parent's); with `withLog`, each frame lists the
 * logs it emitted with their position among its subcalls, and the logs of failed frames (and of
 * everything under them) are dropped; with `onlyTopCall`, subcalls and their logs are skipped.
 */
import { type Address, bytesToHex } from "../../primitives/index.js";
import type { FrameEnter, FrameExit, FrameType, Tracer } from "../tracer.js";

export interface CallTracerConfig {
  readonly onlyTopCall?: boolean;
  readonly withLog?: boolean;
}

export interface CallLogJson {
  address: string;
  topics: string[];
  data: string;
  position: string;
}

export interface CallFrameJson {
  type: FrameType;
  from: string;
  gas: string;
  gasUsed: string;
  to?: string;
  input: string;
  output?: string;
  error?: string;
  revertReason?: string;
  calls?: CallFrameJson[];
  logs?: CallLogJson[];
  value?: string;
}

interface OpenFrame {
  readonly json: CallFrameJson;
  readonly calls: CallFrameJson[];
  readonly logs: CallLogJson[];
  failed: boolean;
}

const q = (v: bigint): string => `0x${v.toString(16)}`;

/** geth's abi.UnpackRevert: the string of an Error(string) payload, else undefined. */
export function unpackRevert(output: Uint8Array): string | undefined {
  if (output.length < 4 + 64) return undefined;
  if (output[0] !== 0x08 || output[1] !== 0xc3 || output[2] !== 0x79 || output[3] !== 0xa0) return undefined;
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  for (let i = 4; i < 4 + 28; i++) if (output[i] !== 0) return undefined;
  const offset = view.getUint32(4 + 28);
  const start = 4 + offset;
  if (start + 32 > output.length) return undefined;
  for (let i = start; i < start + 28; i++) if (output[i] !== 0) return undefined;
  const length = view.getUint32(start + 28);
  if (start + 32 + length > output.length) return undefined;
  return new TextDecoder().decode(output.subarray(start + 32, start + 32 + length));
}

export class CallTracer implements Tracer {
  private readonly stack: OpenFrame[] = [];
  private root: OpenFrame | undefined;
  /** Depth of the frame currently running (geth's t.depth), for onlyTopCall's log filter. */
  private depth = 0;

  constructor(private readonly config: CallTracerConfig = {}) {}

  enter(e: FrameEnter): void {
    this.depth = e.depth;
    if (this.config.onlyTopCall === true && e.depth > 0) return;
    const json: CallFrameJson = {
      type: e.type,
      from: bytesToHex(e.from),
      gas: q(e.gas),
      gasUsed: "0x0",
      to: bytesToHex(e.to),
      input: bytesToHex(e.input),
    };
    if (e.value !== undefined) json.value = q(e.value);
    const frame: OpenFrame = { json, calls: [], logs: [], failed: false };
    this.stack.push(frame);
    if (e.depth === 0) this.root = frame;
  }

  exit(e: FrameExit): void {
    if (e.depth > 0) this.depth = e.depth - 1;
    if (this.config.onlyTopCall === true && e.depth > 0) return;
    const frame = this.stack.pop();
    if (frame === undefined) return;
    const json = frame.json;
    json.gasUsed = q(e.gasUsed);
    if (e.error === undefined) {
      // geth's `output,omitempty`: an empty output is not printed.
      if (e.output.length > 0) json.output = bytesToHex(e.output);
    } else {
      frame.failed = true;
      json.error = e.error;
      if (json.type === "CREATE" || json.type === "CREATE2") delete json.to;
      if (e.error === "execution reverted" && e.output.length > 0) {
        json.output = bytesToHex(e.output);
        const reason = unpackRevert(e.output);
        if (reason !== undefined) json.revertReason = reason;
      }
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) parent.calls.push(this.finishFrame(frame));
  }

  log(address: Address, topics: readonly Uint8Array[], data: Uint8Array): void {
    if (this.config.withLog !== true) return;
    if (this.config.onlyTopCall === true && this.depth > 0) return;
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return;
    frame.logs.push({
      address: bytesToHex(address),
      topics: topics.map((t) => bytesToHex(t)),
      data: bytesToHex(data),
      position: q(BigInt(frame.calls.length)),
    });
  }

  /** Orders the frame's keys as geth prints them (value last) and attaches calls and logs. */
  private finishFrame(frame: OpenFrame): CallFrameJson {
    const { value, ...rest } = frame.json;
    const out: CallFrameJson = rest;
    if (frame.calls.length > 0) out.calls = frame.calls;
    if (frame.logs.length > 0) out.logs = frame.logs;
    if (value !== undefined) out.value = value;
    return out;
  }

  /** The call tree; the top frame takes the transaction's gas limit and its receipt gas used. */
  result(gasLimit: bigint, gasUsed: bigint): CallFrameJson {
    const root = this.root;
    if (root === undefined) throw new Error("callTracer: no transaction frame was traced");
    root.json.gas = q(gasLimit);
    root.json.gasUsed = q(gasUsed);
    const out = this.finishFrame(root);
    if (this.config.withLog === true) clearFailedLogs(out, root.failed);
    return out;
  }
}

/** geth's clearFailedLogs: a failed frame's logs, and those of every frame under it, were reverted. */
function clearFailedLogs(frame: CallFrameJson, failed: boolean): void {
  const f = failed || frame.error !== undefined;
  if (f) delete frame.logs;
  for (const c of frame.calls ?? []) clearFailedLogs(c, f);
}
