/**
 * evm/tracers/four-byte: go-ethereum's "4byteTracer" (counts of 4-byte selectors and call-data
 * sizes, keyed "0xselector-size", over every CALL, CALLCODE, DELEGATECALL and STATICCALL frame
 * with at least 4 bytes of input, the transaction's own call included, precompiles excluded) and
 * "noopTracer" (answers {}).
 */
import { type Address, bytesToHex } from "../../primitives/index.js";
import type { FrameEnter, Tracer } from "../tracer.js";

export class FourByteTracer implements Tracer {
  private readonly ids = new Map<string, number>();

  /** `isPrecompile` names the fork's precompile addresses, whose calls geth does not count. */
  constructor(private readonly isPrecompile: (address: Address) => boolean) {}

  enter(e: FrameEnter): void {
    if (e.input.length < 4) return;
    if (e.type !== "CALL" && e.type !== "CALLCODE" && e.type !== "DELEGATECALL" && e.type !== "STATICCALL") return;
    if (this.isPrecompile(e.to)) return;
    const key = `${bytesToHex(e.input.subarray(0, 4))}-${e.input.length - 4}`;
    this.ids.set(key, (this.ids.get(key) ?? 0) + 1);
  }

  result(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.ids.keys()].sort()) out[k] = this.ids.get(k)!;
    return out;
  }
}

/** geth's noopTracer: runs the transaction and reports nothing. */
export class NoopTracer implements Tracer {
  readonly wantsMemory = false;
  result(): Record<string, never> {
    return {};
  }
}
