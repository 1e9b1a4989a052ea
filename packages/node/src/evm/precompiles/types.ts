/**
 * evm/precompiles/types: the shape every precompiled contract has. Pricing is separate from
 * running so the frame loop can charge (or fail for lack of gas) before doing any work.
 */

export interface Precompile {
  /** Gas this input costs. bigint because some prices (MODEXP) exceed 2^64 for hostile input. */
  gas(input: Uint8Array): bigint;
  /** Runs the contract. `undefined` means failure: the call fails and consumes all its gas. */
  run(input: Uint8Array): Uint8Array | undefined;
}

/** Precompiles active in a fork, keyed by their address read as an integer (0x01 -> 1). */
export type PrecompileSet = ReadonlyMap<number, Precompile>;
