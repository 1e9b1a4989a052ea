/**
 * types/block: a block, `rlp([header, transactions, ommers, withdrawals?])`, with its strict
 * codec. The body has withdrawals exactly when the header commits to them (withdrawalsRoot,
 * Shanghai): a block is malformed otherwise, whatever the rest says. Decoding hashes the
 * header's own bytes, which strict decoding guarantees are its canonical encoding.
 */
import { keccak256 } from "../crypto/index.js";
import { concatBytes, type Hash32 } from "../primitives/index.js";
import { decodeRlp, encodeRlpListPayload, type RlpItem, rlpItemLength } from "../rlp/index.js";
import { BlockError, blockErrorFromRlp } from "./block-error.js";
import { type BlockBody, decodeBodyItems, encodeBodyFields } from "./body.js";
import { decodeHeaderItem, encodeHeader, type Header, type SealedHeader } from "./header.js";
import { fieldList } from "./rlp-fields.js";

export interface Block {
  readonly header: Header;
  readonly body: BlockBody;
}

export interface SealedBlock {
  readonly header: SealedHeader;
  readonly body: BlockBody;
}

export function encodeBlock(header: Header, body: BlockBody): Uint8Array {
  if ((header.withdrawalsRoot !== undefined) !== (body.withdrawals !== undefined))
    throw new BlockError("RLP_STRUCTURES_ENCODING", "a block carries withdrawals exactly when its header has a withdrawalsRoot");
  return encodeRlpListPayload(concatBytes(encodeHeader(header), ...encodeBodyFields(body)));
}

/** Offset of the first item inside the RLP list that starts at `bytes[0]`. */
function listPayloadOffset(bytes: Uint8Array): number {
  const first = bytes[0]!;
  return first <= 0xf7 ? 1 : 1 + (first - 0xf7);
}

/** Decodes an RLP-encoded block; no trailing bytes. Throws BlockError. */
export function decodeBlock(bytes: Uint8Array): SealedBlock {
  let item: RlpItem;
  try {
    item = decodeRlp(bytes);
  } catch (e) {
    throw blockErrorFromRlp(e, "block");
  }
  const parts = fieldList(item, "block");
  if (parts.length !== 3 && parts.length !== 4)
    throw new BlockError("RLP_STRUCTURES_ENCODING", `block has ${parts.length} fields, expected 3 or 4`);
  const header = decodeHeaderItem(parts[0]!);
  if (header.withdrawalsRoot !== undefined && parts.length === 3)
    throw new BlockError("RLP_WITHDRAWALS_NOT_READ", "the header has a withdrawalsRoot but the block has no withdrawals list");
  if (header.withdrawalsRoot === undefined && parts.length === 4)
    throw new BlockError("RLP_STRUCTURES_ENCODING", "the block has withdrawals but its header has no withdrawalsRoot");
  const body = decodeBodyItems(parts[1]!, parts[2]!, parts[3]);
  const start = listPayloadOffset(bytes);
  const headerBytes = bytes.subarray(start, start + rlpItemLength(bytes, start));
  return { header: { header, hash: keccak256(headerBytes) as Hash32 }, body };
}
