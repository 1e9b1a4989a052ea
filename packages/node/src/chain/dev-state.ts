/**
 * chain/dev-state: the developer chain's hand-made state (anvil_setBalance, setCode, setNonce,
 * setStorageAt, loadState), its impersonated senders, and the address book for anvil_dumpState.
 *
 * Head state override. Blocks keep the state root their execution produced; an edit must not
 * rewrite a header (its hash is already known to clients). Instead an edit opens the head's
 * state, applies the change, commits the new trie nodes and records in ONE atomic write
 * `D h` = RLP([head hash, edited root]): "the state of head H is this root". While the chain's
 * head is H, Chain.stateAt maps H's header root to the edited root (ChainDevHooks), so every
 * reader at "latest" (eth_getBalance, eth_call, the pool) and the builder of H's child see the
 * edit at once, and the next block is built and stored on the edited state: its own header
 * root then carries the edit forward like any other state change. Once the head moves on, the
 * override no longer applies (it names H), so historical reads of H show H as executed. The
 * record is in the database, so a restart on the same data dir finds the edited head state;
 * `Chain.open` already checked H's own root, and the edited root's nodes were written in the
 * same batch as the record. Caveat: the mapping is by root, so a block with exactly the head's
 * pre-edit state root (possible only before Cancun, where empty blocks change no state) is
 * read as edited too. A block built on an edited head records the root it was built on
 * (`D p`), so replaying it (tracing) starts from the same state: Chain.preStateRoot.
 *
 * Impersonated senders. A transaction from an impersonated account carries a placeholder
 * signature, which recovers to nobody; its sender is recorded under `D s ‖ tx hash` and the
 * chain asks for it before recovering (index rewrites on reorg; the RPC's `from`), written with
 * the block that includes the transaction.
 *
 * Address book. The state tries are keyed by hashes, so a dump needs the preimages: every
 * address (`D a ‖ address`) and storage slot (`D k ‖ address ‖ slot`) that genesis, an edit
 * or a produced block touched is recorded, the block's in the block's own write.
 *
 * | key after `D`            | value                          |
 * | ------------------------ | ------------------------------ |
 * | `h`                      | RLP [head hash, state root]    |
 * | `s` ‖ tx hash            | sender address                 |
 * | `a` ‖ address            | empty                          |
 * | `k` ‖ address ‖ slot(32) | empty                          |
 * | `p` ‖ block hash         | state root the block was built on, when its parent was an edited head |
 */
import { KvBatch, type KvReader } from "../kv/index.js";
import { type Address, bigintToFixedBytes, bytesToBigint, concatBytes, equalBytes, type Hash32 } from "../primitives/index.js";
import { decodeRlp, encodeRlp, expectFixedBytes, expectList } from "../rlp/index.js";
import type { StateDb, StateDiff } from "../state/index.js";
import type { Chain } from "./chain.js";
import { ChainError } from "./errors.js";
import { codeKey } from "./schema.js";
import { PrefixedNodeStore } from "./stores.js";

/** The schema prefix of developer-chain records (not written by a non-dev node). */
export const DEV_PREFIX = 0x44; // D

const ascii = (s: string): number => s.charCodeAt(0);
const devKey = (kind: string, ...parts: Uint8Array[]): Uint8Array => concatBytes(Uint8Array.of(DEV_PREFIX, ascii(kind)), ...parts);
export const DEV_HEAD_STATE_KEY: Uint8Array = devKey("h");
const senderKey = (txHash: Uint8Array): Uint8Array => devKey("s", txHash);
const addressKey = (a: Address): Uint8Array => devKey("a", a);
const slotKey = (a: Address, slot: bigint): Uint8Array => devKey("k", a, bigintToFixedBytes(slot, 32));
const preStateKey = (blockHash: Uint8Array): Uint8Array => devKey("p", blockHash);

function range(kind: string, ...parts: Uint8Array[]): { gte: Uint8Array; lt: Uint8Array } {
  const gte = devKey(kind, ...parts);
  const lt = gte.slice();
  let i = lt.length - 1;
  while (lt[i] === 0xff) lt[i--] = 0;
  lt[i]! += 1;
  return { gte, lt };
}

/** The edited state of one head block. */
export interface HeadStateOverride {
  readonly head: Hash32;
  readonly root: Uint8Array;
}

function readOverride(kv: KvReader): HeadStateOverride | undefined {
  const bytes = kv.get(DEV_HEAD_STATE_KEY);
  if (bytes === undefined) return undefined;
  try {
    const f = expectList(decodeRlp(bytes), "head state override");
    if (f.length !== 2) throw new ChainError(`head state override has ${f.length} fields`);
    return { head: expectFixedBytes(f[0]!, 32, "head").slice() as Hash32, root: expectFixedBytes(f[1]!, 32, "root").slice() };
  } catch (e) {
    throw new ChainError(`stored head state override does not decode: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Records the addresses and slots a block's (or an edit's) state changes touched. */
export function stageTouched(batch: KvBatch, diffs: readonly StateDiff[]): void {
  const empty = new Uint8Array(0);
  for (const d of diffs) {
    for (const a of d.accounts) {
      batch.put(addressKey(a.address), empty);
      for (const slot of a.storage.keys()) batch.put(slotKey(a.address, slot), empty);
    }
  }
}

export class DevChainState {
  private override: HeadStateOverride | undefined;

  /** Loads the stored override and installs the hooks into `chain`. */
  constructor(readonly chain: Chain) {
    this.override = readOverride(chain.kv);
    if (this.override !== undefined && !chain.hasState(this.override.root)) throw new ChainError("the edited head state is not stored");
    chain.setDevHooks({
      stateRoot: (root) => {
        const o = this.override;
        if (o === undefined) return undefined;
        const head = this.chain.head;
        return equalBytes(head.hash, o.head) && equalBytes(root, head.header.stateRoot) ? o.root : undefined;
      },
      sender: (txHash) => {
        const s = this.chain.kv.get(senderKey(txHash));
        return s === undefined ? undefined : (s.slice() as Address);
      },
      preState: (blockHash) => this.chain.kv.get(preStateKey(blockHash))?.slice(),
    });
  }

  /** The root the head's state is read at: the edited one, if the head was edited. */
  headStateRoot(): Uint8Array {
    const o = this.override;
    const head = this.chain.head;
    return o !== undefined && equalBytes(o.head, head.hash) ? o.root : head.header.stateRoot;
  }

  /** The current override, whether or not it applies to the head (snapshots keep it). */
  currentOverride(): HeadStateOverride | undefined {
    const o = this.override;
    return o !== undefined && equalBytes(o.head, this.chain.head.hash) ? o : undefined;
  }

  /**
   * Applies `change` to the head's state and makes the result the head's state, trie nodes,
   * code and record in one atomic write. Returns the edited root.
   */
  edit(change: (state: StateDb) => void): Uint8Array {
    const state = this.chain.stateAt(this.chain.head.header.stateRoot);
    state.beginTransaction();
    change(state);
    const diff = state.finalizeTransaction(false);
    const commit = state.commit();
    const batch = new KvBatch(this.chain.kv);
    new PrefixedNodeStore(batch).write(commit.nodes);
    for (const { hash, code } of commit.codes) batch.put(codeKey(hash), code);
    stageTouched(batch, [diff]);
    this.stageOverride(batch, { head: this.chain.head.hash, root: commit.root });
    batch.commit();
    return commit.root;
  }

  /** Sets (or clears, with undefined) the head's state override: revert, reset. */
  setOverride(o: HeadStateOverride | undefined): void {
    if (o !== undefined && !this.chain.hasState(o.root)) throw new ChainError("cannot set a head state that is not stored");
    const batch = new KvBatch(this.chain.kv);
    this.stageOverride(batch, o);
    batch.commit();
  }

  private stageOverride(batch: KvBatch, o: HeadStateOverride | undefined): void {
    if (o === undefined) batch.del(DEV_HEAD_STATE_KEY);
    else batch.put(DEV_HEAD_STATE_KEY, encodeRlp([o.head, o.root]));
    // the in-memory copy follows the batch; callers commit it before anything reads again
    this.override = o;
  }

  /**
   * Records, in the block's own write, that the block `blockHash` was built on `root` instead
   * of its parent's header state (its parent was an edited head), so a replay opens the same
   * state (Chain.preStateRoot).
   */
  stagePreState(batch: KvBatch, blockHash: Uint8Array, root: Uint8Array): void {
    batch.put(preStateKey(blockHash), root);
  }

  /** Records, in its block's write, the sender of an impersonated transaction (read after restarts too). */
  stageSender(batch: KvBatch, txHash: Uint8Array, sender: Address): void {
    batch.put(senderKey(txHash), sender);
  }

  /** Records addresses known from outside any block (genesis allocations). */
  recordAddresses(addresses: Iterable<Address>): void {
    const ops = [...addresses].map((a) => ({ type: "put" as const, key: addressKey(a), value: new Uint8Array(0) }));
    if (ops.length > 0) this.chain.kv.write(ops);
  }

  /** Every address recorded in the address book, in key order. */
  *knownAddresses(): Iterable<Address> {
    for (const { key } of this.chain.kv.iterate(range("a"))) yield key.slice(2) as Address;
  }

  /** The storage slots recorded for `address`. */
  *knownSlots(address: Address): Iterable<bigint> {
    for (const { key } of this.chain.kv.iterate(range("k", address))) yield bytesToBigint(key.subarray(2 + 20));
  }
}
