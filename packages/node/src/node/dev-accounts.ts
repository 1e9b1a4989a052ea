/**
 * node/dev-accounts: the developer chain's funded accounts, derived as anvil and hardhat do:
 * BIP-39 seed from the mnemonic (PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic"), then BIP-32
 * private derivation along BIP-44's m/44'/60'/0'/0/i. These keys are public test keys.
 */
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hmac } from "@noble/hashes/hmac.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { privateKeyToAddress, SECP256K1_N } from "../crypto/index.js";
import { type Address, bigintToFixedBytes, bytesToBigint, concatBytes, utf8ToBytes } from "../primitives/index.js";

export const DEFAULT_DEV_MNEMONIC = "test test test test test test test test test test test junk";

export interface DevAccount {
  readonly address: Address;
  readonly privateKey: Uint8Array;
}

export class DevAccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DevAccountError";
  }
}

const HARDENED = 0x80000000;

/** BIP-39 seed; the mnemonic is NFKD-normalised and the wordlist is not checked (as anvil). */
export function mnemonicToSeed(mnemonic: string, passphrase = ""): Uint8Array {
  const words = mnemonic.normalize("NFKD").trim().split(/\s+/).join(" ");
  return pbkdf2(sha512, utf8ToBytes(words), utf8ToBytes(`mnemonic${passphrase}`.normalize("NFKD")), { c: 2048, dkLen: 64 });
}

interface ExtendedKey {
  readonly key: Uint8Array;
  readonly chainCode: Uint8Array;
}

function masterKey(seed: Uint8Array): ExtendedKey {
  const i = hmac(sha512, utf8ToBytes("Bitcoin seed"), seed);
  return { key: i.slice(0, 32), chainCode: i.slice(32) };
}

/** BIP-32 CKDpriv. An out-of-range child (probability below 2^-127) is an error, not skipped. */
function childKey(parent: ExtendedKey, index: number): ExtendedKey {
  const indexBytes = new Uint8Array(4);
  new DataView(indexBytes.buffer).setUint32(0, index >>> 0);
  const data =
    index >= HARDENED
      ? concatBytes(Uint8Array.of(0), parent.key, indexBytes)
      : concatBytes(secp256k1.getPublicKey(parent.key, true), indexBytes);
  const i = hmac(sha512, parent.chainCode, data);
  const il = bytesToBigint(i.slice(0, 32));
  const k = (il + bytesToBigint(parent.key)) % SECP256K1_N;
  if (il >= SECP256K1_N || k === 0n) throw new DevAccountError(`BIP-32 child ${index} is invalid`);
  return { key: bigintToFixedBytes(k, 32), chainCode: i.slice(32) };
}

/** Parses a path such as m/44'/60'/0'/0/3 into child indices. */
export function parseDerivationPath(path: string): number[] {
  const parts = path.trim().split("/");
  if (parts[0] !== "m") throw new DevAccountError(`derivation path must start with m: ${path}`);
  return parts.slice(1).map((p) => {
    const hardened = p.endsWith("'") || p.endsWith("h");
    const n = Number(hardened ? p.slice(0, -1) : p);
    if (!Number.isInteger(n) || n < 0 || n >= HARDENED) throw new DevAccountError(`bad path component ${p} in ${path}`);
    return hardened ? n + HARDENED : n;
  });
}

export function derivePrivateKey(seed: Uint8Array, path: string): Uint8Array {
  let k = masterKey(seed);
  for (const index of parseDerivationPath(path)) k = childKey(k, index);
  return k.key;
}

/** The first `count` accounts of m/44'/60'/0'/0/i. */
export function devAccounts(mnemonic: string, count: number): DevAccount[] {
  const seed = mnemonicToSeed(mnemonic);
  const account = childKey(childKey(childKey(masterKey(seed), 44 + HARDENED), 60 + HARDENED), HARDENED);
  const external = childKey(account, 0);
  const out: DevAccount[] = [];
  for (let i = 0; i < count; i++) {
    const privateKey = childKey(external, i).key;
    out.push({ address: privateKeyToAddress(privateKey), privateKey });
  }
  return out;
}
