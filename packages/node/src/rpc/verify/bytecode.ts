/**
 * rpc/verify/bytecode: does compiled runtime code match the code deployed at an address?
 * Three parts of the deployed code legitimately differ from what solc prints:
 * - the CBOR metadata section solc appends (IPFS/Swarm hash of the metadata JSON, solc
 *   version), whose length is the last two bytes big-endian; a different file path or comment
 *   changes the hash but not the program, so it is stripped from both sides (as Sourcify's
 *   "partial match" does);
 * - immutables: solc leaves zeros at `immutableReferences` and the constructor writes the
 *   values there, so those ranges are masked on both sides;
 * - library link references: placeholders `__$<hash>$__` in the hex object, filled with the
 *   library address at deployment, masked too.
 */

export interface CodeRange {
  readonly start: number;
  readonly length: number;
}

export type MatchResult = { readonly match: true } | { readonly match: false; readonly reason: string };

/**
 * The length of a trailing CBOR metadata section including its 2-byte length, or 0 when the
 * tail does not look like one (the section is a CBOR map: major type 5, first byte 0xa0-0xb7).
 */
export function metadataLength(code: Uint8Array): number {
  if (code.length < 2) return 0;
  const len = (code[code.length - 2]! << 8) | code[code.length - 1]!;
  if (len === 0 || len + 2 > code.length) return 0;
  const first = code[code.length - 2 - len]!;
  return first >= 0xa0 && first <= 0xb7 ? len + 2 : 0;
}

export function stripMetadata(code: Uint8Array): Uint8Array {
  return code.subarray(0, code.length - metadataLength(code));
}

/** solc's `immutableReferences` ({ astId: [{start, length}] }) as a flat list of ranges. */
export function immutableRanges(refs: Record<string, readonly CodeRange[]> | undefined): CodeRange[] {
  return Object.values(refs ?? {}).flat();
}

/** solc's `linkReferences` ({ file: { lib: [{start, length}] } }) as a flat list of ranges. */
export function linkRanges(refs: Record<string, Record<string, readonly CodeRange[]>> | undefined): CodeRange[] {
  return Object.values(refs ?? {}).flatMap((libs) => Object.values(libs).flat());
}

/**
 * The bytes of solc's hex `object`, with unlinked library placeholders (40 hex characters
 * starting `__`) read as zeros so the object parses; their ranges are masked anyway.
 */
export function objectBytes(hex: string): Uint8Array {
  const clean = hex.replace(/^0x/, "").replace(/__\$[0-9a-fA-F]{34}\$__/g, "0".repeat(40));
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error("the compiled object is not hex");
  return Uint8Array.from(Buffer.from(clean, "hex"));
}

/** Compares compiled and deployed runtime code with metadata stripped and `masked` ranges ignored. */
export function compareRuntime(compiled: Uint8Array, deployed: Uint8Array, masked: readonly CodeRange[]): MatchResult {
  if (deployed.length === 0) return { match: false, reason: "there is no code at the address" };
  const a = stripMetadata(compiled);
  const b = stripMetadata(deployed);
  if (a.length === 0) return { match: false, reason: "the contract compiles to no runtime code (abstract contract or interface?)" };
  if (a.length !== b.length)
    return {
      match: false,
      reason: `the compiled runtime code is ${a.length} bytes and the deployed code ${b.length} bytes (metadata excluded)`,
    };
  const skip = new Uint8Array(a.length);
  for (const r of masked) skip.fill(1, Math.max(0, r.start), Math.min(a.length, r.start + r.length));
  for (let i = 0; i < a.length; i++) {
    if (skip[i] === 0 && a[i] !== b[i])
      return { match: false, reason: `the compiled runtime code differs from the deployed code at byte ${i} of ${a.length}` };
  }
  return { match: true };
}
