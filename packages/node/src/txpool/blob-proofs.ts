/**
 * txpool/blob-proofs: KZG verification of a blob transaction's sidecar as go-ethereum's pool
 * does it (core/txpool/validation.go): before Osaka, one blob proof per blob (EIP-4844
 * verify_blob_kzg_proof_batch); from Osaka, 128 cell proofs per blob (EIP-7594
 * verify_cell_kzg_proof_batch over the blob's cells). Also the conversion geth's
 * eth_sendRawTransaction applies to a version-0 sidecar once Osaka is active: the cell proofs
 * are computed from the blobs. The native c-kzg library is loaded on first use (as the point
 * evaluation precompile loads it): reading the trusted setup takes a moment that processes
 * which never see a blob should not pay.
 */
import { nativeKzg } from "../crypto/index.js";
import { type BlobSidecar, CELLS_PER_EXT_BLOB } from "../types/index.js";

/** Why the sidecar's proofs fail (geth's wording after "KZG verification error: "), or undefined when they verify. */
export function verifySidecarProofs(sidecar: BlobSidecar): string | undefined {
  const kzg = nativeKzg();
  if (kzg === null) return "no KZG library available to verify blob proofs";
  try {
    if (sidecar.version === 0) {
      // geth checks blob by blob and names the first failure; one batch call gives the same verdict.
      return kzg.verifyBlobKzgProofBatch(sidecar.blobs, sidecar.commitments, sidecar.proofs)
        ? undefined
        : "invalid blob proof: can't verify opening proof";
    }
    const commitments: Uint8Array[] = [];
    const indices: number[] = [];
    const cells: Uint8Array[] = [];
    for (const [i, blob] of sidecar.blobs.entries()) {
      const blobCells = kzg.computeCells(blob);
      for (let c = 0; c < CELLS_PER_EXT_BLOB; c++) {
        commitments.push(sidecar.commitments[i]!);
        indices.push(c);
        cells.push(blobCells[c]!);
      }
    }
    return kzg.verifyCellKzgProofBatch(commitments, indices, cells, sidecar.proofs) ? undefined : "invalid cell proof";
  } catch (e) {
    // c-kzg throws for malformed inputs (a blob element above the modulus, a point off the curve).
    return `invalid blob proof: ${(e as Error).message}`;
  }
}

/** geth's BlobTxSidecar.ToV1: the same blobs and commitments with cell proofs computed. */
export function sidecarToV1(sidecar: BlobSidecar): BlobSidecar | string {
  const kzg = nativeKzg();
  if (kzg === null) return "no KZG library available to compute cell proofs";
  const proofs: Uint8Array[] = [];
  try {
    for (const blob of sidecar.blobs) proofs.push(...kzg.computeCellsAndKzgProofs(blob)[1]);
  } catch (e) {
    return (e as Error).message;
  }
  return { version: 1, blobs: sidecar.blobs, commitments: sidecar.commitments, proofs };
}
