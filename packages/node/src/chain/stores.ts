/**
 * chain/stores: the state's two storage ports over the chain's database. Trie nodes live under
 * the `s` prefix and code under `c` (schema.ts); these adapters add the prefix so a StateDb or
 * trie reads the shared KvStore (or a block's KvBatch, read-your-writes) without knowing the
 * layout. Writes of nodes go through `write` into whatever the adapter wraps: the KvBatch of
 * the block being imported, so they commit with the rest of it.
 */
import type { KvOp, KvReader } from "../kv/index.js";
import type { CodeStore } from "../state/index.js";
import type { TrieNodePut, TrieNodeStore } from "../trie/index.js";
import { codeKey, trieNodeKey } from "./schema.js";

export class PrefixedNodeStore implements TrieNodeStore {
  constructor(private readonly kv: KvReader & { write(ops: readonly KvOp[]): void }) {}

  get(hash: Uint8Array): Uint8Array | undefined {
    return this.kv.get(trieNodeKey(hash));
  }

  write(ops: readonly TrieNodePut[]): void {
    this.kv.write(ops.map((op) => ({ type: "put" as const, key: trieNodeKey(op.key), value: op.value })));
  }
}

export class PrefixedCodeStore implements CodeStore {
  constructor(private readonly kv: KvReader) {}

  getCode(hash: Uint8Array): Uint8Array | undefined {
    return this.kv.get(codeKey(hash));
  }
}
