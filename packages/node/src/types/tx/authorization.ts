/**
 * types/tx/authorization: EIP-7702 authorization tuples `[chainId, address, nonce, yParity, r, s]`.
 *
 * The authority (the account that delegates its code) signs
 * keccak256(0x05 || rlp([chainId, address, nonce])). Field bounds are decoding rules (a tuple
 * out of bounds makes the whole transaction invalid): chainId < 2^256, nonce < 2^64,
 * yParity < 2^8, r and s < 2^256. Everything else about a tuple (signature validity, chain id,
 * nonce, the account's code) is checked when the transaction runs, where an invalid tuple is
 * skipped rather than failing the transaction; `recoverAuthority` reflects that by returning
 * undefined instead of throwing.
 */
import { keccak256, sign } from "../../crypto/index.js";
import { type Address, concatBytes, type Hash32 } from "../../primitives/index.js";
import { encodeRlp, type RlpInput, type RlpItem } from "../../rlp/index.js";
import { TxError } from "./errors.js";
import { decodeAddressField, decodeU64, decodeU256, type UintCodes } from "./fields.js";
import { checkSignatureValues, recoverSigner } from "./signature.js";

/** Domain byte of the authorization signing payload (EIP-7702 MAGIC). */
export const AUTHORIZATION_MAGIC = 0x05;

export interface Authorization {
  chainId: bigint;
  address: Address;
  nonce: bigint;
  /** 0..255 as decoded; only 0 and 1 can recover an authority */
  yParity: number;
  r: bigint;
  s: bigint;
}

export type UnsignedAuthorization = Pick<Authorization, "chainId" | "address" | "nonce">;

function authCodes(name: string): UintCodes {
  return {
    name,
    list: "RLP_INVALID_AUTHORIZATION_FIELD",
    leadingZeros: "RLP_INVALID_AUTHORIZATION_FIELD",
    overflow: "RLP_INVALID_AUTHORIZATION_FIELD",
  };
}

const AUTH_CHAIN_ID = authCodes("authorization chainId");
const AUTH_NONCE = authCodes("authorization nonce");
const AUTH_Y_PARITY = authCodes("authorization yParity");
const AUTH_R = authCodes("authorization r");
const AUTH_S = authCodes("authorization s");

export function decodeAuthorizationList(item: RlpItem): Authorization[] {
  if (!Array.isArray(item)) throw new TxError("RLP_INVALID_AUTHORIZATION_LIST", "authorization list must be a list");
  return item.map((tuple) => {
    if (!Array.isArray(tuple)) throw new TxError("RLP_INVALID_AUTHORIZATION_LIST", "authorization must be a list");
    if (tuple.length !== 6) throw new TxError("RLP_INVALID_AUTHORIZATION_LIST", `authorization has ${tuple.length} fields, expected 6`);
    const yParity = decodeU256(tuple[3], AUTH_Y_PARITY);
    if (yParity > 255n) throw new TxError("RLP_INVALID_AUTHORIZATION_FIELD", "authorization yParity must be below 2^8");
    return {
      chainId: decodeU256(tuple[0], AUTH_CHAIN_ID),
      address: decodeAddressField(
        tuple[1],
        "RLP_INVALID_AUTHORIZATION_ADDRESS",
        "RLP_INVALID_AUTHORIZATION_ADDRESS",
        "RLP_INVALID_AUTHORIZATION_ADDRESS",
        "authorization address",
      ),
      nonce: decodeU64(tuple[2], AUTH_NONCE),
      yParity: Number(yParity),
      r: decodeU256(tuple[4], AUTH_R),
      s: decodeU256(tuple[5], AUTH_S),
    };
  });
}

export function encodeAuthorizationList(list: readonly Authorization[]): RlpInput {
  return list.map((a) => [a.chainId, a.address, a.nonce, a.yParity, a.r, a.s]);
}

/** keccak256(0x05 || rlp([chainId, address, nonce])): the hash the authority signs. */
export function authorizationSigningHash(auth: UnsignedAuthorization): Hash32 {
  const payload = encodeRlp([auth.chainId, auth.address, auth.nonce]);
  return keccak256(concatBytes(Uint8Array.of(AUTHORIZATION_MAGIC), payload)) as Hash32;
}

export function signAuthorization(auth: UnsignedAuthorization, privateKey: Uint8Array): Authorization {
  const sig = sign(authorizationSigningHash(auth), privateKey);
  return { chainId: auth.chainId, address: auth.address, nonce: auth.nonce, yParity: sig.yParity, r: sig.r, s: sig.s };
}

/**
 * The authority that signed `auth`, or undefined when the signature is not acceptable:
 * y-parity other than 0/1, r or s out of range, s above n/2 (EIP-7702 requires low s), or no
 * key recovers. Chain id, nonce and code checks depend on state and belong to execution.
 */
export function recoverAuthority(auth: Authorization): Address | undefined {
  if (auth.yParity !== 0 && auth.yParity !== 1) return undefined;
  if (checkSignatureValues(auth.r, auth.s, false) !== undefined) return undefined;
  return recoverSigner(authorizationSigningHash(auth), auth.r, auth.s, auth.yParity);
}
