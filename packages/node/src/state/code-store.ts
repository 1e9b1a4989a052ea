/**
 * state/code-store: contract code by hash, the one thing the state needs besides trie nodes.
 * The port is what the state reads through; the layer that owns the database implements it
 * (code is written from each transaction's diff). `MemoryCodeStore` serves tests and tools.
 */
import { bytesToUnprefixedHex } from "../primitives/index.js";

export interface CodeStore {
  getCode(hash: Uint8Array): Uint8Array | undefined;
}

export class MemoryCodeStore implements CodeStore {
  private readonly codes = new Map<string, Uint8Array>();

  get size(): number {
    return this.codes.size;
  }

  getCode(hash: Uint8Array): Uint8Array | undefined {
    return this.codes.get(bytesToUnprefixedHex(hash));
  }

  putCode(hash: Uint8Array, code: Uint8Array): void {
    this.codes.set(bytesToUnprefixedHex(hash), code);
  }
}
