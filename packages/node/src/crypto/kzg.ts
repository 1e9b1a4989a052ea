/**
 * crypto/kzg: the native c-kzg library (EIP-4844 and EIP-7594 KZG commitments), loaded with its
 * trusted setup on first use, not at import: reading the setup takes about two seconds, which a
 * process that never sees a blob or the point-evaluation precompile should not pay. One loader
 * serves the EVM's precompile and the pool's sidecar checks; the setup is process-wide.
 */
import { createRequire } from "node:module";

/** The c-kzg functions Cairn uses. */
export interface NativeKzg {
  loadTrustedSetup(precompute: number, filePath?: string): void;
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean;
  verifyBlobKzgProofBatch(blobs: Uint8Array[], commitments: Uint8Array[], proofs: Uint8Array[]): boolean;
  verifyCellKzgProofBatch(commitments: Uint8Array[], cellIndices: number[], cells: Uint8Array[], proofs: Uint8Array[]): boolean;
  computeCells(blob: Uint8Array): Uint8Array[];
  computeCellsAndKzgProofs(blob: Uint8Array): [Uint8Array[], Uint8Array[]];
}

/** undefined: not tried yet; null: unavailable. */
let loaded: NativeKzg | null | undefined;

/** c-kzg with the mainnet trusted setup loaded, or null when the native library is unavailable. */
export function nativeKzg(): NativeKzg | null {
  if (loaded !== undefined) return loaded;
  try {
    const kzg = createRequire(import.meta.url)("c-kzg") as NativeKzg;
    try {
      kzg.loadTrustedSetup(0);
    } catch (e) {
      // The setup is process-wide: a second load answers "already loaded".
      if (!/already loaded/i.test((e as Error).message)) throw e;
    }
    loaded = kzg;
  } catch {
    loaded = null;
  }
  return loaded;
}
