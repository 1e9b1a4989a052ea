/**
 * rpc/eth/proof: eth_getProof (EIP-1186) as go-ethereum answers it: the account's Merkle proof
 * in the state trie of the given block, its fields, and one storage proof per requested key in
 * the account's storage trie. Keys are decoded as geth's decodeHash (0x optional, odd length
 * padded, at most 32 bytes) and echoed back as geth does: 32-byte keys as given in full, shorter
 * ones as quantities. An account without storage answers empty proofs with value 0.
 */
import type { Chain } from "../../chain/index.js";
import { type Address, asAddress, bigintToQuantity, bytesToHex, hexToBytes } from "../../primitives/index.js";
import { EMPTY_CODE_HASH, EMPTY_TRIE_ROOT } from "../../state/index.js";
import { SecureTrie } from "../../trie/index.js";
import type { SealedHeader } from "../../types/index.js";
import { INVALID_PARAMS, RpcError, SERVER_ERROR } from "../errors.js";
import { argAddress, invalidArgument } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { argBlockHeader } from "./args.js";

/** geth's maxGetProofKeys. */
export const MAX_PROOF_KEYS = 1024;

/** geth's decodeHash: the 32-byte key and how many bytes the input had. */
export function decodeProofKey(s: string): { key: Uint8Array; length: number } {
  let hex = s.startsWith("0x") || s.startsWith("0X") ? s.slice(2) : s;
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (hex.length > 64) throw new RpcError(SERVER_ERROR, "hex string too long, want at most 32 bytes");
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new RpcError(SERVER_ERROR, "hex string invalid");
  const b = hexToBytes(`0x${hex}`);
  const key = new Uint8Array(32);
  key.set(b, 32 - b.length);
  return { key, length: b.length };
}

export interface ProofResult {
  address: string;
  accountProof: string[];
  balance: string;
  codeHash: string;
  nonce: string;
  storageHash: string;
  storageProof: { key: string; value: string; proof: string[] }[];
}

export function getProof(chain: Chain, header: SealedHeader, address: Address, keys: readonly string[]): ProofResult {
  const decoded = keys.map(decodeProofKey);
  const state = chain.stateAt(header.header.stateRoot);
  // The root the state actually reads (the dev chain may map a header's root to an edited one).
  const root = state.computeRoot();
  const account = state.getAccount(address);
  const accountProof = new SecureTrie(state.nodes, root).createProof(address).map((n) => bytesToHex(n));
  const storageRoot = account?.storageRoot ?? EMPTY_TRIE_ROOT;
  const storageTrie = bytesToHex(storageRoot) === bytesToHex(EMPTY_TRIE_ROOT) ? undefined : new SecureTrie(state.nodes, storageRoot);
  const storageProof = decoded.map(({ key, length }) => {
    const outKey = length === 32 ? bytesToHex(key) : bigintToQuantity(BigInt(bytesToHex(key)));
    if (storageTrie === undefined) return { key: outKey, value: "0x0", proof: [] };
    const value = state.getStorage(address, BigInt(bytesToHex(key)));
    return { key: outKey, value: bigintToQuantity(value), proof: storageTrie.createProof(key).map((n) => bytesToHex(n)) };
  });
  return {
    address: bytesToHex(address),
    accountProof,
    balance: bigintToQuantity(account?.balance ?? 0n),
    codeHash: bytesToHex(account?.codeHash ?? EMPTY_CODE_HASH),
    nonce: bigintToQuantity(account?.nonce ?? 0n),
    storageHash: bytesToHex(storageRoot),
    storageProof,
  };
}

export function registerProofMethods(registry: MethodRegistry, chain: Chain): void {
  registry.register(
    "eth_getProof",
    (p) => {
      const address = asAddress(argAddress(p, 0));
      const keys = p[1];
      if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string"))
        throw invalidArgument(1, "json: cannot unmarshal non-string into Go value of type string");
      if (keys.length > MAX_PROOF_KEYS) throw new RpcError(INVALID_PARAMS, `too many keys, max ${MAX_PROOF_KEYS}`);
      return getProof(chain, argBlockHeader(chain, p, 2), address, keys as string[]);
    },
    { arity: [3, 3] },
  );
}
