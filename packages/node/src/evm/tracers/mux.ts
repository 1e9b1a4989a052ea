/**
 * evm/tracers/mux: go-ethereum's "muxTracer": several tracers over one execution, every hook
 * handed to each of them in turn. Only the hooks some child has are defined, so a mux of frame
 * tracers keeps the EVM on its untraced instruction loop.
 */
import type { Address } from "../../primitives/index.js";
import type { FrameEnter, FrameExit, Tracer, TraceStep } from "../tracer.js";

export class MuxTracer implements Tracer {
  readonly wantsMemory: boolean;
  readonly step?: (step: TraceStep) => void;
  readonly enter?: (frame: FrameEnter) => void;
  readonly exit?: (frame: FrameExit) => void;
  readonly log?: (address: Address, topics: readonly Uint8Array[], data: Uint8Array) => void;

  constructor(tracers: readonly Tracer[]) {
    this.wantsMemory = tracers.some((t) => t.wantsMemory === true);
    if (tracers.some((t) => t.step !== undefined))
      this.step = (s) => {
        for (const t of tracers) t.step?.(s);
      };
    if (tracers.some((t) => t.enter !== undefined))
      this.enter = (f) => {
        for (const t of tracers) t.enter?.(f);
      };
    if (tracers.some((t) => t.exit !== undefined))
      this.exit = (f) => {
        for (const t of tracers) t.exit?.(f);
      };
    if (tracers.some((t) => t.log !== undefined))
      this.log = (a, topics, data) => {
        for (const t of tracers) t.log?.(a, topics, data);
      };
  }
}
