/**
 * state/diff: what one transaction (or a block's pre/post changes) did to the state, as plain
 * data for persistence and indexes (DESIGN.md convention 5): the accounts whose fields changed,
 * the accounts deleted (self-destruct, EIP-161 empty-account removal; their storage goes with
 * them), the storage slots whose value changed, and the code added.
 */
import { type Address, equalBytes } from "../primitives/index.js";
import type { AccountObject } from "./account-object.js";

export interface AccountChange {
  readonly address: Address;
  /** The account after the transaction; undefined when it was deleted. */
  readonly account: { readonly nonce: bigint; readonly balance: bigint; readonly codeHash: Uint8Array } | undefined;
  /** True when the account's previous storage is gone (deleted, or deleted and created again). */
  readonly storageCleared: boolean;
  /** Slots whose value changed, with the new value (0n = slot removed). */
  readonly storage: ReadonlyMap<bigint, bigint>;
}

export interface StateDiff {
  readonly accounts: readonly AccountChange[];
  /** Code first set in this transaction, by code hash. */
  readonly codes: readonly { readonly hash: Uint8Array; readonly code: Uint8Array }[];
}

export const EMPTY_DIFF: StateDiff = Object.freeze({ accounts: [], codes: [] });

/**
 * The diff of one transaction from the accounts it changed: each carries the snapshot of its
 * fields and the original values of the slots it wrote, taken when the transaction first
 * changed it. Both are cleared here, ready for the next transaction.
 */
export function collectDiff(changed: readonly AccountObject[]): StateDiff {
  const accounts: AccountChange[] = [];
  const codes: { hash: Uint8Array; code: Uint8Array }[] = [];
  for (const o of changed) {
    const before = o.txSnapshot!;
    const original = o.txOriginal;
    o.txSnapshot = undefined;
    o.txOriginal = undefined;
    if (!o.exists) {
      if (before.exists) accounts.push({ address: o.address, account: undefined, storageCleared: true, storage: new Map() });
      continue;
    }
    const storage = new Map<bigint, bigint>();
    if (original !== undefined) {
      for (const [slot, value] of original) {
        const now = o.storage.get(slot) ?? 0n;
        if (now !== value) storage.set(slot, now);
      }
    }
    const codeChanged = o.codeHash !== before.codeHash && !equalBytes(o.codeHash, before.codeHash);
    if (codeChanged && o.code !== undefined && o.code.length > 0) codes.push({ hash: o.codeHash, code: o.code });
    if (!before.exists || o.nonce !== before.nonce || o.balance !== before.balance || codeChanged || storage.size > 0) {
      accounts.push({
        address: o.address,
        account: { nonce: o.nonce, balance: o.balance, codeHash: o.codeHash },
        storageCleared: false,
        storage,
      });
    }
  }
  return { accounts, codes };
}
