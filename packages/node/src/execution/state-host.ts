/**
 * execution/state-host: the EVM's Host port over the state. StateDb offers every operation the
 * port names (state does not know the EVM); this adapter maps one onto the other and adds the
 * block-hash history, which is not state.
 */
import type { Host } from "../evm/index.js";
import type { Address } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";

export class StateHost implements Host {
  constructor(
    readonly state: StateDb,
    private readonly blockHash: (number: bigint) => Uint8Array,
  ) {}

  accountExists(address: Address): boolean {
    return this.state.exists(address);
  }
  isEmpty(address: Address): boolean {
    return this.state.isEmpty(address);
  }
  getBalance(address: Address): bigint {
    return this.state.getBalance(address);
  }
  getNonce(address: Address): bigint {
    return this.state.getNonce(address);
  }
  getCode(address: Address): Uint8Array {
    return this.state.getCode(address);
  }
  getCodeHash(address: Address): Uint8Array {
    return this.state.getCodeHash(address);
  }
  getCodeSize(address: Address): number {
    return this.state.getCodeSize(address);
  }
  hasStorage(address: Address): boolean {
    return this.state.hasStorage(address);
  }

  getStorage(address: Address, key: bigint): bigint {
    return this.state.getStorage(address, key);
  }
  setStorage(address: Address, key: bigint, value: bigint): void {
    this.state.setStorage(address, key, value);
  }
  getOriginalStorage(address: Address, key: bigint): bigint {
    return this.state.getOriginalStorage(address, key);
  }
  getTransientStorage(address: Address, key: bigint): bigint {
    return this.state.getTransientStorage(address, key);
  }
  setTransientStorage(address: Address, key: bigint, value: bigint): void {
    this.state.setTransientStorage(address, key, value);
  }

  accessAddress(address: Address): boolean {
    return this.state.accessAddress(address);
  }
  accessStorage(address: Address, key: bigint): boolean {
    return this.state.accessStorage(address, key);
  }

  checkpoint(): number {
    return this.state.checkpoint();
  }
  revertToCheckpoint(id: number): void {
    this.state.revertToCheckpoint(id);
  }
  commitCheckpoint(id: number): void {
    this.state.commitCheckpoint(id);
  }

  emitLog(address: Address, topics: Uint8Array[], data: Uint8Array): void {
    this.state.emitLog(address, topics, data);
  }
  touchAccount(address: Address): void {
    this.state.touch(address);
  }
  transfer(from: Address, to: Address, value: bigint): void {
    this.state.transfer(from, to, value);
  }
  createAccount(address: Address): void {
    this.state.createAccount(address);
  }
  createContract(address: Address): void {
    this.state.createContract(address);
  }
  incrementNonce(address: Address): void {
    this.state.incrementNonce(address);
  }
  setCode(address: Address, code: Uint8Array): void {
    this.state.setCode(address, code);
  }
  createdInTransaction(address: Address): boolean {
    return this.state.createdInTransaction(address);
  }
  markSelfDestructed(address: Address): void {
    this.state.markSelfDestructed(address);
  }

  addRefund(amount: number): void {
    this.state.addRefund(amount);
  }
  subRefund(amount: number): void {
    this.state.subRefund(amount);
  }
  getRefund(): number {
    return this.state.getRefund();
  }

  getBlockHash(number: bigint): Uint8Array {
    return this.blockHash(number);
  }
}
