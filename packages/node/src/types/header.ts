/**
 * types/header: the block header through Prague, its strict RLP codec and its hash.
 *
 * Fields are in wire order. Forks appended optional fields: baseFeePerGas (London, EIP-1559),
 * withdrawalsRoot (Shanghai, EIP-4895), blobGasUsed + excessBlobGas (Cancun, EIP-4844),
 * parentBeaconBlockRoot (Cancun, EIP-4788), requestsHash (Prague, EIP-7685). The field count
 * decides which are present, so only the counts some fork produces are valid: 15, 16, 17, 20,
 * 21. extraData has no length limit here: its 32-byte cap is a validation rule, not a decoding
 * rule. A `SealedHeader` carries the hash computed once (DESIGN convention 6).
 */
import { keccak256 } from "../crypto/index.js";
import { type Address, bigintToFixedBytes, type Hash32 } from "../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput, type RlpItem } from "../rlp/index.js";
import { BlockError, blockErrorFromRlp } from "./block-error.js";
import type { Bloom } from "./bloom.js";
import { BLOOM_BYTES } from "./bloom.js";
import { fieldAddress, fieldBytes, fieldFixed, fieldHash, fieldList, fieldU64, fieldU256 } from "./rlp-fields.js";

export interface Header {
  parentHash: Hash32;
  ommersHash: Hash32;
  /** beneficiary */
  coinbase: Address;
  stateRoot: Hash32;
  transactionsRoot: Hash32;
  receiptsRoot: Hash32;
  logsBloom: Bloom;
  /** zero after the Merge (EIP-3675) */
  difficulty: bigint;
  number: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  extraData: Uint8Array;
  /** proof-of-work mix hash; after the Merge the beacon chain's prevRandao (EIP-4399) */
  mixHash: Hash32;
  /** 8 bytes; zero after the Merge */
  nonce: Uint8Array;
  /** London (EIP-1559) */
  baseFeePerGas?: bigint | undefined;
  /** Shanghai (EIP-4895) */
  withdrawalsRoot?: Hash32 | undefined;
  /** Cancun (EIP-4844) */
  blobGasUsed?: bigint | undefined;
  /** Cancun (EIP-4844) */
  excessBlobGas?: bigint | undefined;
  /** Cancun (EIP-4788) */
  parentBeaconBlockRoot?: Hash32 | undefined;
  /** Prague (EIP-7685) */
  requestsHash?: Hash32 | undefined;
}

/** A header together with its hash, computed once when it was decoded or built. */
export interface SealedHeader {
  readonly header: Header;
  readonly hash: Hash32;
}

export const HEADER_NONCE_BYTES = 8;

/** Field counts some fork produces: before London, London, Shanghai, Cancun, Prague. */
const VALID_FIELD_COUNTS: ReadonlySet<number> = new Set([15, 16, 17, 20, 21]);

/** The header nonce of a 64-bit integer (genesis files write it as a number). */
export function headerNonce(value: bigint): Uint8Array {
  return bigintToFixedBytes(value, HEADER_NONCE_BYTES);
}

/**
 * The header's RLP fields in wire order. An optional field may only be present when every
 * earlier one is (else the header has no encoding), and the Cancun fields come together.
 */
export function headerFields(h: Header): RlpInput[] {
  const fields: RlpInput[] = [
    h.parentHash,
    h.ommersHash,
    h.coinbase,
    h.stateRoot,
    h.transactionsRoot,
    h.receiptsRoot,
    h.logsBloom,
    h.difficulty,
    h.number,
    h.gasLimit,
    h.gasUsed,
    h.timestamp,
    h.extraData,
    h.mixHash,
    h.nonce,
  ];
  const optional: [string, RlpInput | undefined][] = [
    ["baseFeePerGas", h.baseFeePerGas],
    ["withdrawalsRoot", h.withdrawalsRoot],
    ["blobGasUsed", h.blobGasUsed],
    ["excessBlobGas", h.excessBlobGas],
    ["parentBeaconBlockRoot", h.parentBeaconBlockRoot],
    ["requestsHash", h.requestsHash],
  ];
  let absent: string | undefined;
  for (const [name, value] of optional) {
    if (value === undefined) {
      absent ??= name;
      continue;
    }
    if (absent) throw new BlockError("INCONSISTENT_HEADER_FIELDS", `${name} is set but the earlier field ${absent} is not`);
    fields.push(value);
  }
  if (!VALID_FIELD_COUNTS.has(fields.length))
    throw new BlockError("INCONSISTENT_HEADER_FIELDS", "blobGasUsed, excessBlobGas and parentBeaconBlockRoot come together (Cancun)");
  return fields;
}

export function encodeHeader(h: Header): Uint8Array {
  return encodeRlp(headerFields(h));
}

export function headerHash(h: Header): Hash32 {
  return keccak256(encodeHeader(h)) as Hash32;
}

export function sealHeader(header: Header): SealedHeader {
  return { header, hash: headerHash(header) };
}

/** Decodes a header already parsed as RLP (a block's header or one of its ommers). */
export function decodeHeaderItem(item: RlpItem): Header {
  const f = fieldList(item, "header");
  if (!VALID_FIELD_COUNTS.has(f.length))
    throw new BlockError("RLP_STRUCTURES_ENCODING", `header has ${f.length} fields; a header has 15, 16, 17, 20 or 21`);
  const header: Header = {
    parentHash: fieldHash(f[0], "parentHash"),
    ommersHash: fieldHash(f[1], "ommersHash"),
    coinbase: fieldAddress(f[2], "coinbase"),
    stateRoot: fieldHash(f[3], "stateRoot"),
    transactionsRoot: fieldHash(f[4], "transactionsRoot"),
    receiptsRoot: fieldHash(f[5], "receiptsRoot"),
    logsBloom: fieldFixed(f[6], BLOOM_BYTES, "logsBloom"),
    difficulty: fieldU256(f[7], "difficulty"),
    number: fieldU64(f[8], "number"),
    gasLimit: fieldU64(f[9], "gasLimit"),
    gasUsed: fieldU64(f[10], "gasUsed"),
    timestamp: fieldU64(f[11], "timestamp"),
    extraData: fieldBytes(f[12], "extraData").slice(),
    mixHash: fieldHash(f[13], "mixHash"),
    nonce: fieldFixed(f[14], HEADER_NONCE_BYTES, "nonce"),
  };
  if (f.length >= 16) header.baseFeePerGas = fieldU256(f[15], "baseFeePerGas");
  if (f.length >= 17) header.withdrawalsRoot = fieldHash(f[16], "withdrawalsRoot");
  if (f.length >= 20) {
    header.blobGasUsed = fieldU64(f[17], "blobGasUsed");
    header.excessBlobGas = fieldU64(f[18], "excessBlobGas");
    header.parentBeaconBlockRoot = fieldHash(f[19], "parentBeaconBlockRoot");
  }
  if (f.length >= 21) header.requestsHash = fieldHash(f[20], "requestsHash");
  return header;
}

/** Decodes one RLP-encoded header; no trailing bytes. Throws BlockError. */
export function decodeHeader(bytes: Uint8Array): Header {
  let item: RlpItem;
  try {
    item = decodeRlp(bytes);
  } catch (e) {
    throw blockErrorFromRlp(e, "header");
  }
  return decodeHeaderItem(item);
}

/** Decodes a header and hashes the input itself: strict decoding makes it the canonical encoding. */
export function decodeSealedHeader(bytes: Uint8Array): SealedHeader {
  const header = decodeHeader(bytes);
  return { header, hash: keccak256(bytes) as Hash32 };
}
