/**
 * types/withdrawal: a beacon-chain withdrawal credited by the execution layer (EIP-4895,
 * Shanghai): `[index, validatorIndex, address, amount]`, every integer below 2^64, the amount
 * in gwei. The withdrawals root is the ordered trie of their encodings.
 */
import type { Address, Hash32 } from "../primitives/index.js";
import type { RlpInput, RlpItem } from "../rlp/index.js";
import { encodeRlp } from "../rlp/index.js";
import { orderedTrieRoot } from "../trie/index.js";
import { BlockError } from "./block-error.js";
import { fieldAddress, fieldList, fieldU64 } from "./rlp-fields.js";

export interface Withdrawal {
  index: bigint;
  validatorIndex: bigint;
  address: Address;
  /** gwei; the credited balance is amount * 10^9 wei */
  amount: bigint;
}

export const GWEI = 1_000_000_000n;

export function withdrawalFields(w: Withdrawal): RlpInput {
  return [w.index, w.validatorIndex, w.address, w.amount];
}

export function encodeWithdrawal(w: Withdrawal): Uint8Array {
  return encodeRlp(withdrawalFields(w));
}

export function decodeWithdrawalItem(item: RlpItem): Withdrawal {
  const f = fieldList(item, "withdrawal");
  if (f.length !== 4) throw new BlockError("RLP_STRUCTURES_ENCODING", `withdrawal has ${f.length} fields, expected 4`);
  return {
    index: fieldU64(f[0], "withdrawal index"),
    validatorIndex: fieldU64(f[1], "withdrawal validatorIndex"),
    address: fieldAddress(f[2], "withdrawal address"),
    amount: fieldU64(f[3], "withdrawal amount"),
  };
}

export function withdrawalsRoot(withdrawals: readonly Withdrawal[]): Hash32 {
  return orderedTrieRoot(withdrawals.map(encodeWithdrawal)) as Hash32;
}
