/**
 * rpc/eth/sign: signing with the node's dev accounts: eth_sign and personal_sign (EIP-191
 * "\x19Ethereum Signed Message:\n" + length + message), eth_signTypedData_v4 (EIP-712,
 * typed-data.ts) and eth_signTransaction (geth's {raw, tx} answer; the transaction is not sent).
 * Signatures are r || s || v with v = 27 + recovery id, as geth's and wallets' eth_sign return;
 * personal_ecRecover inverts personal_sign.
 * An address the node holds no key for is go-ethereum's "unknown account".
 */
import { CryptoError, keccak256, publicKeyToAddress, recoverPublicKey, sign } from "../../crypto/index.js";
import {
  type Address,
  asAddress,
  bigintToFixedBytes,
  bigintToQuantity,
  bytesToBigint,
  bytesToHex,
  concatBytes,
  utf8ToBytes,
} from "../../primitives/index.js";
import { encodeTransaction, signTransaction, type Transaction, transactionHash, type UnsignedTransaction } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { argAddress, argBytes, invalidArgument } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { argCallArgs } from "./args.js";
import { parseTypedData, TypedDataError, typedDataDigest } from "./typed-data.js";

/** EIP-191 version 0x45: the hash eth_sign and personal_sign sign (accounts.TextHash). */
export function personalMessageHash(message: Uint8Array): Uint8Array {
  const prefix = utf8ToBytes(`\x19Ethereum Signed Message:\n${message.length}`);
  return keccak256(concatBytes(prefix, message));
}

/** 65-byte r || s || v signature of a 32-byte digest, v in {27, 28}. */
export function signDigest(digest: Uint8Array, key: Uint8Array): Uint8Array {
  const sig = sign(digest, key);
  return concatBytes(bigintToFixedBytes(sig.r, 32), bigintToFixedBytes(sig.s, 32), new Uint8Array([27 + sig.yParity]));
}

/** go-ethereum's types.Transaction JSON (txJSON), as eth_signTransaction's `tx` member. */
export function formatSignedTx(tx: Transaction): Record<string, unknown> {
  const q = bigintToQuantity;
  const out: Record<string, unknown> = { type: q(BigInt(tx.type)) };
  if (tx.type === 0) {
    if (tx.v >= 35n) out.chainId = q((tx.v - 35n) / 2n);
  } else out.chainId = q(tx.chainId);
  out.nonce = q(tx.nonce);
  out.to = tx.to === undefined ? null : bytesToHex(tx.to);
  out.gas = q(tx.gasLimit);
  if (tx.type === 0 || tx.type === 1) out.gasPrice = q(tx.gasPrice);
  else {
    out.maxPriorityFeePerGas = q(tx.maxPriorityFeePerGas);
    out.maxFeePerGas = q(tx.maxFeePerGas);
  }
  out.value = q(tx.value);
  out.input = bytesToHex(tx.data);
  if (tx.type !== 0)
    out.accessList = tx.accessList.map((e) => ({ address: bytesToHex(e.address), storageKeys: e.storageKeys.map((k) => bytesToHex(k)) }));
  if (tx.type === 0) out.v = q(tx.v);
  else out.v = q(BigInt(tx.yParity));
  out.r = q(tx.r);
  out.s = q(tx.s);
  if (tx.type !== 0) out.yParity = q(BigInt(tx.yParity));
  out.hash = bytesToHex(transactionHash(tx));
  return out;
}

/** What the signing methods need: the chain id and the dev accounts' keys. */
export interface SignBackend {
  readonly chainId: bigint;
  signingKey(address: Address): Uint8Array | undefined;
}

export function registerSignMethods(registry: MethodRegistry, backend: SignBackend): void {
  const chainId = backend.chainId;
  function keyOf(address: Address): Uint8Array {
    const key = backend.signingKey(address);
    if (key === undefined) throw new RpcError(SERVER_ERROR, "unknown account");
    return key;
  }

  registry.register(
    "eth_sign",
    (p) => {
      const key = keyOf(asAddress(argAddress(p, 0)));
      return bytesToHex(signDigest(personalMessageHash(argBytes(p, 1)), key));
    },
    { arity: [2, 2] },
  );
  registry.register(
    "personal_sign",
    (p) => {
      const message = argBytes(p, 0);
      const key = keyOf(asAddress(argAddress(p, 1)));
      return bytesToHex(signDigest(personalMessageHash(message), key));
    },
    { arity: [2, 3] },
  );
  registry.register(
    "eth_signTypedData_v4",
    (p) => {
      const key = keyOf(asAddress(argAddress(p, 0)));
      let digest: Uint8Array;
      try {
        digest = typedDataDigest(parseTypedData(p[1]));
      } catch (e) {
        if (e instanceof TypedDataError || e instanceof SyntaxError) throw invalidArgument(1, e.message);
        throw e;
      }
      return bytesToHex(signDigest(digest, key));
    },
    { arity: [2, 2] },
  );
  // MetaMask's v3 differs from v4 only in refusing arrays, which hash the same way when present.
  registry.alias("eth_signTypedData_v3", "eth_signTypedData_v4");
  registry.register(
    "personal_ecRecover",
    (p) => {
      const message = argBytes(p, 0);
      const sig = argBytes(p, 1);
      if (sig.length !== 65) throw new RpcError(SERVER_ERROR, "signature must be 65 bytes long");
      const v = sig[64]!;
      if (v !== 27 && v !== 28) throw new RpcError(SERVER_ERROR, "invalid Ethereum signature (V is not 27 or 28)");
      try {
        const pub = recoverPublicKey(
          personalMessageHash(message),
          bytesToBigint(sig.subarray(0, 32)),
          bytesToBigint(sig.subarray(32, 64)),
          v - 27,
        );
        return bytesToHex(publicKeyToAddress(pub));
      } catch (e) {
        if (e instanceof CryptoError) throw new RpcError(SERVER_ERROR, e.message);
        throw e;
      }
    },
    { arity: [2, 2] },
  );
  registry.register(
    "eth_signTransaction",
    (p) => {
      const args = argCallArgs(p, 0);
      // geth's SignTransaction requires the caller to fix gas, price and nonce.
      if (args.gas === undefined) throw new RpcError(SERVER_ERROR, "gas not specified");
      if (args.gasPrice === undefined && (args.maxPriorityFeePerGas === undefined || args.maxFeePerGas === undefined))
        throw new RpcError(SERVER_ERROR, "missing gasPrice or maxFeePerGas/maxPriorityFeePerGas");
      if (args.nonce === undefined) throw new RpcError(SERVER_ERROR, "nonce not specified");
      if (args.from === undefined) throw new RpcError(SERVER_ERROR, "from not specified");
      if (args.gasPrice !== undefined && args.maxFeePerGas !== undefined)
        throw new RpcError(SERVER_ERROR, "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
      const key = keyOf(args.from);
      const common = {
        nonce: args.nonce,
        gasLimit: args.gas,
        to: args.to,
        value: args.value ?? 0n,
        data: args.data ?? new Uint8Array(0),
      };
      let unsigned: UnsignedTransaction;
      if (args.maxFeePerGas !== undefined)
        unsigned = {
          type: 2,
          chainId,
          maxFeePerGas: args.maxFeePerGas,
          maxPriorityFeePerGas: args.maxPriorityFeePerGas!,
          accessList: args.accessList ?? [],
          ...common,
        };
      else if (args.accessList !== undefined)
        unsigned = { type: 1, chainId, gasPrice: args.gasPrice!, accessList: args.accessList, ...common };
      else unsigned = { type: 0, chainId, gasPrice: args.gasPrice!, ...common };
      const tx = signTransaction(unsigned, key);
      return { raw: bytesToHex(encodeTransaction(tx)), tx: formatSignedTx(tx) };
    },
    { arity: [1, 1] },
  );
}
