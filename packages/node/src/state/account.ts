/**
 * state/account: an account as the state trie stores it (yellow paper 4.1):
 * rlp([nonce, balance, storageRoot, codeHash]), keyed by keccak256(address). EIP-161 emptiness
 * is nonce 0, balance 0 and no code; an empty account is still present until deleted.
 */
import { keccak256 } from "../crypto/index.js";
import { decodeRlp, decodeUint, encodeRlp, expectFixedBytes, expectLength, expectList } from "../rlp/index.js";
import { EMPTY_TRIE_ROOT } from "../trie/index.js";
import { StateError } from "./errors.js";

/** keccak256 of the empty string: the code hash of an account without code. */
export const EMPTY_CODE_HASH: Uint8Array = keccak256(new Uint8Array(0));
export { EMPTY_TRIE_ROOT };

export interface AccountData {
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly storageRoot: Uint8Array;
  readonly codeHash: Uint8Array;
}

export function encodeAccount(a: AccountData): Uint8Array {
  return encodeRlp([a.nonce, a.balance, a.storageRoot, a.codeHash]);
}

/** Decodes a stored account; a malformed one means a corrupt database, hence a throw. */
export function decodeAccount(bytes: Uint8Array): AccountData {
  try {
    const list = expectList(decodeRlp(bytes), "account");
    expectLength(list, 4, "account");
    return {
      nonce: decodeUint(list[0]!, "account nonce", 8),
      balance: decodeUint(list[1]!, "account balance"),
      storageRoot: expectFixedBytes(list[2]!, 32, "account storage root"),
      codeHash: expectFixedBytes(list[3]!, 32, "account code hash"),
    };
  } catch (e) {
    throw new StateError(`stored account is malformed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
