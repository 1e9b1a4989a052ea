/**
 * types/tx/transaction: every transaction type Prague knows, behind one union, with the
 * envelope rules of EIP-2718: a typed transaction is `type || rlp(payload)` with a type byte in
 * [0x00, 0x7f]; a first byte of 0xc0 or more is a legacy RLP list. Decoding is strict (exact
 * field counts, canonical integers, no trailing bytes) and reports failures as TxError with a
 * fixture-compatible code. The hash of a transaction is keccak256 of its canonical encoding.
 */
import { keccak256, sign } from "../../crypto/index.js";
import { concatBytes, type Hash32 } from "../../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput, type RlpItem, rlpItemLength } from "../../rlp/index.js";
import {
  type AccessListTx,
  accessListTxFields,
  accessListTxUnsignedFields,
  decodeAccessListTx,
  type UnsignedAccessListTx,
} from "./access-list-tx.js";
import { type BlobTx, blobTxFields, blobTxUnsignedFields, decodeBlobTx, type UnsignedBlobTx } from "./blob-tx.js";
import { TxError, type TxErrorCode, type TxResult, txErrorFromRlp } from "./errors.js";
import {
  decodeFeeMarketTx,
  type FeeMarketTx,
  feeMarketTxFields,
  feeMarketTxUnsignedFields,
  type UnsignedFeeMarketTx,
} from "./fee-market-tx.js";
import { decodeLegacyTx, type LegacyTx, legacyFields, legacySigningPayload, legacyUnsigned, type UnsignedLegacyTx } from "./legacy.js";
import { decodeSetCodeTx, type SetCodeTx, setCodeTxFields, setCodeTxUnsignedFields, type UnsignedSetCodeTx } from "./set-code-tx.js";
import { legacyV } from "./signature.js";

export type Transaction = LegacyTx | AccessListTx | FeeMarketTx | BlobTx | SetCodeTx;
export type TxType = Transaction["type"];
export type UnsignedTransaction = UnsignedLegacyTx | UnsignedAccessListTx | UnsignedFeeMarketTx | UnsignedBlobTx | UnsignedSetCodeTx;

export const TX_TYPE_LEGACY = 0;
export const TX_TYPE_ACCESS_LIST = 1;
export const TX_TYPE_FEE_MARKET = 2;
export const TX_TYPE_BLOB = 3;
export const TX_TYPE_SET_CODE = 4;

/** Largest first byte of a typed envelope (EIP-2718); 0xc0 and up start a legacy RLP list. */
const MAX_TYPE_BYTE = 0x7f;

/**
 * For each field of a type's payload, the code for "a list where a byte string belongs"
 * (undefined for fields that are lists: access and authorization lists, blob hashes).
 */
const SCALAR_FIELD_CODES: Record<number, readonly (TxErrorCode | undefined)[]> = (() => {
  const n = "RLP_INVALID_NONCE";
  const p = "RLP_INVALID_GASPRICE";
  const g = "RLP_INVALID_GASLIMIT";
  const t = "RLP_INVALID_TO";
  const v = "RLP_INVALID_VALUE";
  const d = "RLP_INVALID_DATA";
  const c = "RLP_INVALID_CHAINID";
  const sig = ["RLP_INVALID_SIGNATURE_V", "RLP_INVALID_SIGNATURE_R", "RLP_INVALID_SIGNATURE_S"] as const;
  return {
    0: [n, p, g, t, v, d, ...sig],
    1: [c, n, p, g, t, v, d, undefined, ...sig],
    2: [c, n, p, p, g, t, v, d, undefined, ...sig],
    3: [c, n, p, p, g, t, v, d, undefined, p, undefined, ...sig],
    4: [c, n, p, p, g, t, v, d, undefined, undefined, ...sig],
  };
})();

/**
 * When a payload is not valid RLP, walks its top-level items to name the field at fault the
 * way a field-by-field decoder would: a list given for a scalar field is reported as that
 * field's error rather than as whatever broke inside the list. Undefined when no field is to
 * blame (a bad outer header, or an error inside a field's own encoding).
 */
function blameField(bytes: Uint8Array, type: number): TxError | undefined {
  const codes = SCALAR_FIELD_CODES[type];
  const first = bytes[0];
  if (!codes || first === undefined || first < 0xc0) return undefined;
  // Only a sound outer list can blame one of its fields.
  try {
    if (rlpItemLength(bytes, 0) !== bytes.length) return undefined;
  } catch {
    return undefined;
  }
  let pos = first <= 0xf7 ? 1 : 1 + (first - 0xf7);
  for (let i = 0; i < codes.length && pos < bytes.length; i++) {
    const code = codes[i];
    if (code !== undefined && bytes[pos]! >= 0xc0) return new TxError(code, `field ${i} must be a byte string, got a list`);
    try {
      pos += rlpItemLength(bytes, pos);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function decodePayloadList(bytes: Uint8Array, type: number, what: string): RlpItem[] {
  let item: RlpItem;
  try {
    item = decodeRlp(bytes);
  } catch (e) {
    throw blameField(bytes, type) ?? txErrorFromRlp(e, what);
  }
  if (!Array.isArray(item)) throw new TxError("RLP_INVALID_HEADER", `${what} payload must be an RLP list`);
  return item;
}

const TYPED_DECODERS: Record<number, (list: RlpItem[]) => Transaction> = {
  [TX_TYPE_ACCESS_LIST]: decodeAccessListTx,
  [TX_TYPE_FEE_MARKET]: decodeFeeMarketTx,
  [TX_TYPE_BLOB]: decodeBlobTx,
  [TX_TYPE_SET_CODE]: decodeSetCodeTx,
};

/**
 * Encodings by transaction object. Importing a block encodes each transaction for the
 * transactions root, the stored body and its hash; transactions are immutable values, so the
 * first encoding (or the decoded input itself) serves the others. Callers must not modify the returned bytes.
 */
const encodings = new WeakMap<Transaction, Uint8Array>();

/** Decodes the canonical encoding (as in blocks and transaction tries). Throws TxError. */
export function decodeTransaction(bytes: Uint8Array): Transaction {
  if (bytes.length === 0) throw new TxError("RLP_ERROR_EOF", "empty input is not a transaction");
  const first = bytes[0]!;
  if (first >= 0xc0) {
    const tx = decodeLegacyTx(decodePayloadList(bytes, 0, "legacy transaction"));
    encodings.set(tx, bytes);
    return tx;
  }
  if (first > MAX_TYPE_BYTE) {
    // An RLP byte string: neither a legacy list nor a typed envelope. Report a broken header
    // as such, anything else as an unsupported type.
    try {
      rlpItemLength(bytes);
    } catch (e) {
      throw txErrorFromRlp(e, "transaction");
    }
    throw new TxError("TYPE_NOT_SUPPORTED", `first byte 0x${first.toString(16)} is neither a transaction type nor an RLP list`);
  }
  const decoder = TYPED_DECODERS[first];
  if (!decoder) throw new TxError("TYPE_NOT_SUPPORTED", `unknown transaction type ${first}`);
  const tx = decoder(decodePayloadList(bytes.subarray(1), first, `type-${first} transaction`));
  // Strict decoding accepts only the canonical encoding, so the input is the encoding import
  // would otherwise rebuild (body, transactions root, hash). The fields are views into it already.
  encodings.set(tx, bytes);
  return tx;
}

/** decodeTransaction without throwing: malformed input is an ordinary outcome at a boundary. */
export function tryDecodeTransaction(bytes: Uint8Array): TxResult<Transaction> {
  try {
    return { ok: true, value: decodeTransaction(bytes) };
  } catch (e) {
    if (e instanceof TxError) return { ok: false, error: e };
    throw e;
  }
}

function signedFields(tx: Transaction): RlpInput[] {
  switch (tx.type) {
    case 0:
      return legacyFields(tx);
    case 1:
      return accessListTxFields(tx);
    case 2:
      return feeMarketTxFields(tx);
    case 3:
      return blobTxFields(tx);
    case 4:
      return setCodeTxFields(tx);
  }
}

function typed(type: number, fields: RlpInput[]): Uint8Array {
  return concatBytes(Uint8Array.of(type), encodeRlp(fields));
}

/** Canonical encoding: `rlp(fields)` for legacy, `type || rlp(fields)` otherwise. */
export function encodeTransaction(tx: Transaction): Uint8Array {
  let encoded = encodings.get(tx);
  if (encoded === undefined) {
    encoded = tx.type === 0 ? encodeRlp(legacyFields(tx)) : typed(tx.type, signedFields(tx));
    encodings.set(tx, encoded);
  }
  return encoded;
}

export function transactionHash(tx: Transaction): Hash32 {
  return keccak256(encodeTransaction(tx)) as Hash32;
}

/** The bytes a sender signs (their keccak256 is the signing hash). */
export function signingPayload(tx: UnsignedTransaction): Uint8Array {
  switch (tx.type) {
    case 0:
      return legacySigningPayload(tx);
    case 1:
      return typed(1, accessListTxUnsignedFields(tx));
    case 2:
      return typed(2, feeMarketTxUnsignedFields(tx));
    case 3:
      return typed(3, blobTxUnsignedFields(tx));
    case 4:
      return typed(4, setCodeTxUnsignedFields(tx));
  }
}

export function signingHash(tx: UnsignedTransaction): Hash32 {
  return keccak256(signingPayload(tx)) as Hash32;
}

/**
 * The hash a signed transaction's signature covers, or undefined for a legacy transaction whose
 * `v` is neither 27/28 nor an EIP-155 value (it commits to no payload).
 */
export function signedTxSigningHash(tx: Transaction): Hash32 | undefined {
  if (tx.type !== 0) return signingHash(tx);
  const unsigned = legacyUnsigned(tx);
  return unsigned && signingHash(unsigned);
}

/** Signs with a 32-byte private key (RFC 6979, low s). */
export function signTransaction(tx: UnsignedTransaction, privateKey: Uint8Array): Transaction {
  const sig = sign(signingHash(tx), privateKey);
  const yParity: 0 | 1 = sig.yParity === 0 ? 0 : 1;
  if (tx.type === 0) {
    const { nonce, gasPrice, gasLimit, to, value, data } = tx;
    return { type: 0, nonce, gasPrice, gasLimit, to, value, data, v: legacyV(yParity, tx.chainId), r: sig.r, s: sig.s };
  }
  return { ...tx, yParity, r: sig.r, s: sig.s } as Transaction;
}
