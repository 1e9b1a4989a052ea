/**
 * state/diff: what one transaction (or a block's pre/post changes) did to the state, as plain
 * data for persistence and indexes (DESIGN.md convention 5): the accounts whose fields changed,
 * the accounts deleted (self-destruct, EIP-161 empty-account removal; their storage goes with
 * them), the storage slots whose value changed, and the code added.
 */
import type { Address } from "../primitives/index.js";

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
