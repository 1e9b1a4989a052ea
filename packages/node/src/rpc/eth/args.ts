/**
 * rpc/eth/args: decoding of the arguments the eth_ methods share: a TransactionArgs object
 * (eth_call, eth_estimateGas, eth_sendTransaction) and block selectors (number, tag or
 * {blockHash} / {blockNumber} per EIP-1898).
 */
import type { Chain } from "../../chain/index.js";
import { type Address, asAddress, asHash32, bytesToHex, type Hash32 } from "../../primitives/index.js";
import type { AccessList, Authorization, SealedHeader } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { argAddress, argBlockNumber, argBytes, argHash, argQuantity, argUint64, invalidArgument } from "../params.js";
import type { CallArgs } from "./call.js";

function field<T>(obj: Record<string, unknown>, name: string, parse: (p: unknown[], i: number) => T): T | undefined {
  const v = obj[name];
  return v === undefined || v === null ? undefined : parse([v], 0);
}

export function argCallArgs(params: unknown[], index: number): CallArgs {
  const v = params[index];
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type ethapi.TransactionArgs");
  const o = v as Record<string, unknown>;
  const data = field(o, "data", argBytes);
  const input = field(o, "input", argBytes);
  if (data !== undefined && input !== undefined && bytesToHex(data) !== bytesToHex(input))
    throw invalidArgument(index, 'both "data" and "input" are set and not equal. Please use "input" to pass transaction call data');
  const from = field(o, "from", argAddress);
  const to = field(o, "to", argAddress);
  return {
    from: from === undefined ? undefined : asAddress(from),
    to: to === undefined ? undefined : asAddress(to),
    gas: field(o, "gas", argUint64),
    gasPrice: field(o, "gasPrice", argQuantity),
    maxFeePerGas: field(o, "maxFeePerGas", argQuantity),
    maxPriorityFeePerGas: field(o, "maxPriorityFeePerGas", argQuantity),
    value: field(o, "value", argQuantity),
    data: input ?? data,
    nonce: field(o, "nonce", argUint64),
    accessList: accessListField(o.accessList, index),
    chainId: field(o, "chainId", argQuantity),
    maxFeePerBlobGas: field(o, "maxFeePerBlobGas", argQuantity),
    blobVersionedHashes: hashListField(o.blobVersionedHashes, index),
    authorizationList: authorizationListField(o.authorizationList, index),
  };
}

function hashListField(v: unknown, index: number): Hash32[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidArgument(index, "json: cannot unmarshal non-array into Go value of type []common.Hash");
  return v.map((h) => asHash32(argHash([h], 0)));
}

/** An EIP-7702 authorization list as JSON ({chainId, address, nonce, yParity (or v), r, s}). */
export function authorizationListField(v: unknown, index: number): Authorization[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v))
    throw invalidArgument(index, "json: cannot unmarshal non-array into Go value of type []types.SetCodeAuthorization");
  return v.map((e) => {
    if (typeof e !== "object" || e === null)
      throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type types.SetCodeAuthorization");
    const a = e as Record<string, unknown>;
    const parity = field(a, "yParity", argUint64) ?? field(a, "v", argUint64) ?? 0n;
    return {
      chainId: field(a, "chainId", argQuantity) ?? 0n,
      address: asAddress(argAddress([a.address], 0)),
      nonce: field(a, "nonce", argUint64) ?? 0n,
      yParity: Number(parity),
      r: field(a, "r", argQuantity) ?? 0n,
      s: field(a, "s", argQuantity) ?? 0n,
    };
  });
}

/** An EIP-2930 access list ([{address, storageKeys}]) as JSON. */
export function accessListField(v: unknown, index: number): AccessList | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidArgument(index, "json: cannot unmarshal non-array into Go value of type types.AccessList");
  return v.map((e) => {
    if (typeof e !== "object" || e === null)
      throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type types.AccessTuple");
    const t = e as Record<string, unknown>;
    const keys = t.storageKeys ?? [];
    if (!Array.isArray(keys))
      throw invalidArgument(index, "json: cannot unmarshal non-array into Go struct field AccessTuple.storageKeys of type []common.Hash");
    return { address: asAddress(argAddress([t.address], 0)), storageKeys: keys.map((k) => asHash32(argHash([k], 0))) };
  });
}

/** The header a block argument names; absent means "latest" (geth's default for calls and state reads). */
export function argBlockHeader(chain: Chain, params: unknown[], index: number): SealedHeader {
  const v = params[index];
  if (v === undefined || v === null) return chain.head;
  if (typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (o.blockHash !== undefined) {
      const h = chain.getHeader(argHash([o.blockHash], 0));
      if (h === undefined) throw new RpcError(SERVER_ERROR, `header for hash not found`);
      return h;
    }
    if (o.blockNumber !== undefined) return headerByTag(chain, argBlockNumber([o.blockNumber], 0));
    throw invalidArgument(index, "invalid block selector");
  }
  return headerByTag(chain, argBlockNumber(params, index));
}

function headerByTag(chain: Chain, tag: ReturnType<typeof argBlockNumber>): SealedHeader {
  if (typeof tag === "bigint") {
    const h = chain.getHeaderByNumber(tag);
    if (h === undefined) throw new RpcError(SERVER_ERROR, "header not found");
    return h;
  }
  if (tag === "earliest") return chain.getHeaderByNumber(0n) ?? chain.genesis;
  // No consensus layer on the dev chain: pending, safe and finalized are the head (as anvil).
  return chain.head;
}

/** Like argBlockHeader, but an unknown block is undefined (eth_getBlockByNumber answers null). */
export function lookupBlockNumber(chain: Chain, tag: ReturnType<typeof argBlockNumber>): SealedHeader | undefined {
  if (typeof tag === "bigint") return chain.getHeaderByNumber(tag);
  return headerByTag(chain, tag);
}

export function addressArg(params: unknown[], index: number): Address {
  return asAddress(argAddress(params, index));
}
