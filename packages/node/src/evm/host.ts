/**
 * evm/host: the Host port, the interpreter's only view of the world (DESIGN.md convention 1).
 *
 * Synchronous by design: the interpreter never awaits. The port says what an account and its
 * storage look like during one transaction and nothing about how they persist; `MemoryHost`
 * implements it in memory for tests and the state layer implements it over the trie. Block and
 * transaction context (coinbase, timestamp, origin, gas price, ...) are plain data passed with
 * the message (see context.ts), not host calls.
 *
 * Every mutation below is journaled by the host so that `revertToCheckpoint` undoes it: balance,
 * nonce, code, storage, transient storage, warm sets (EIP-2929), the refund counter, logs,
 * touches (EIP-161), account creation and self-destruct marks.
 */
import type { Address } from "../primitives/index.js";

export interface Host {
  // ---- accounts -------------------------------------------------------------------------------
  /** Whether the account is present in the state (possibly empty). */
  accountExists(address: Address): boolean;
  /** EIP-161 emptiness: absent, or nonce 0, balance 0 and no code. */
  isEmpty(address: Address): boolean;
  getBalance(address: Address): bigint;
  getNonce(address: Address): bigint;
  /** The account's code; a delegation designator (EIP-7702) is returned as stored. */
  getCode(address: Address): Uint8Array;
  /** keccak256 of the code (of the empty string for an account without code). */
  getCodeHash(address: Address): Uint8Array;
  getCodeSize(address: Address): number;
  /** Whether the account has any non-zero storage slot (CREATE collision rule, EIP-7610). */
  hasStorage(address: Address): boolean;

  // ---- storage --------------------------------------------------------------------------------
  getStorage(address: Address, key: bigint): bigint;
  setStorage(address: Address, key: bigint, value: bigint): void;
  /** The value the slot had when the transaction started (EIP-2200 net gas metering). */
  getOriginalStorage(address: Address, key: bigint): bigint;
  /** EIP-1153: transaction-scoped storage, cleared at the end of the transaction. */
  getTransientStorage(address: Address, key: bigint): bigint;
  setTransientStorage(address: Address, key: bigint, value: bigint): void;

  // ---- EIP-2929 access sets -------------------------------------------------------------------
  /** Marks the address warm; returns true if it was cold. */
  accessAddress(address: Address): boolean;
  /** Marks the slot warm; returns true if it was cold. */
  accessStorage(address: Address, key: bigint): boolean;

  // ---- journal --------------------------------------------------------------------------------
  /** Opens a checkpoint (one per call frame) and returns its id. */
  checkpoint(): number;
  /** Undoes everything done since the checkpoint was opened, and closes it. */
  revertToCheckpoint(id: number): void;
  /** Keeps everything done since the checkpoint (it may still be undone by an outer revert). */
  commitCheckpoint(id: number): void;

  // ---- effects --------------------------------------------------------------------------------
  emitLog(address: Address, topics: Uint8Array[], data: Uint8Array): void;
  /** EIP-161 touch: an empty touched account is deleted at the end of the transaction. */
  touchAccount(address: Address): void;
  /**
   * Moves `value` wei (the caller has checked the balance). Creates `to` if absent and touches
   * it even for a zero value, as a plain value transfer does.
   */
  transfer(from: Address, to: Address, value: bigint): void;
  /** Creates an empty account (a CALL carrying value to an absent address). */
  createAccount(address: Address): void;
  /**
   * Makes the address a contract created in this transaction: creates it if absent (keeping any
   * balance it already has), sets its nonce to 1 (EIP-161), and remembers it for EIP-6780.
   */
  createContract(address: Address): void;
  incrementNonce(address: Address): void;
  setCode(address: Address, code: Uint8Array): void;
  /** EIP-6780: whether `createContract` was called for the address in this transaction. */
  createdInTransaction(address: Address): boolean;
  /** Schedules the account for deletion at the end of the transaction and zeroes its balance. */
  markSelfDestructed(address: Address): void;

  // ---- refunds (EIP-3529) ---------------------------------------------------------------------
  addRefund(amount: number): void;
  subRefund(amount: number): void;
  getRefund(): number;

  // ---- history --------------------------------------------------------------------------------
  /** Hash of a past block; the interpreter only asks for the 256 most recent (BLOCKHASH). */
  getBlockHash(number: bigint): Uint8Array;
}
