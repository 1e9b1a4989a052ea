import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { KvBatch, MemoryKv } from "../kv/index.js";
import { chainSpecAtFork, type Genesis } from "../params/index.js";
import { type Address, type Hash32, ZERO_ADDRESS, ZERO_HASH } from "../primitives/index.js";
import { Chain } from "./chain.js";
import { DEV_HEAD_STATE_KEY, DevChainState } from "./dev-state.js";
import { ChainError } from "./errors.js";

const A = new Uint8Array(20).fill(0x11) as Address;
const B = new Uint8Array(20).fill(0x22) as Address;

function genesis(): Genesis {
  return {
    spec: chainSpecAtFork("Shanghai", 31337n),
    gasLimit: 30_000_000n,
    difficulty: 0n,
    timestamp: 0n,
    alloc: [{ address: A, balance: 1000n, nonce: 0n, code: new Uint8Array(0), storage: new Map() }],
  };
}

/** Builds and stores an empty child of the head, stamped `timestamp`. */
function mineEmpty(chain: Chain, timestamp: bigint): void {
  const b = chain.builder(chain.head, {
    coinbase: ZERO_ADDRESS,
    timestamp,
    gasLimit: chain.head.header.gasLimit,
    prevRandao: ZERO_HASH as Hash32,
    withdrawals: [],
  });
  chain.importBuilt(b.finish());
}

describe("DevChainState", () => {
  test("an edit is read at the head at once, and the next block is built on it", () => {
    const chain = Chain.open(new MemoryKv(), genesis());
    const dev = new DevChainState(chain);
    const genesisRoot = chain.head.header.stateRoot;
    dev.edit((s) => {
      s.setBalance(B, 77n);
      s.setNonce(A, 5n);
      s.setStorage(B, 3n, 9n);
      s.setCode(B, Uint8Array.of(0x60, 0x01));
    });
    const head = chain.stateAt(chain.head.header.stateRoot);
    assert.equal(head.getBalance(B), 77n);
    assert.equal(head.getNonce(A), 5n);
    assert.equal(head.getStorage(B, 3n), 9n);
    assert.deepEqual(head.getCode(B), Uint8Array.of(0x60, 0x01));
    assert.notDeepEqual(dev.headStateRoot(), genesisRoot);
    mineEmpty(chain, 12n);
    assert.equal(chain.head.header.number, 1n);
    // the block carries the edit in its own root; the override no longer applies
    assert.deepEqual(dev.currentOverride(), undefined);
    assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(B), 77n);
    // the genesis, no longer the head, reads as it was executed
    assert.equal(chain.stateAt(genesisRoot).getBalance(B), 0n);
  });

  test("the edited head state survives reopening the database", () => {
    const kv = new MemoryKv();
    const chain = Chain.open(kv, genesis());
    new DevChainState(chain).edit((s) => s.setBalance(A, 5n));
    const again = Chain.open(kv, genesis());
    assert.equal(again.stateAt(again.head.header.stateRoot).getBalance(A), 1000n, "without the dev hooks: the header's state");
    new DevChainState(again);
    assert.equal(again.stateAt(again.head.header.stateRoot).getBalance(A), 5n);
  });

  test("setOverride restores a snapshot's state and clears it; an unstored root is refused", () => {
    const chain = Chain.open(new MemoryKv(), genesis());
    const dev = new DevChainState(chain);
    dev.edit((s) => s.setBalance(A, 1n));
    const saved = dev.currentOverride();
    assert.notEqual(saved, undefined);
    dev.edit((s) => s.setBalance(A, 2n));
    dev.setOverride(saved);
    assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(A), 1n);
    dev.setOverride(undefined);
    assert.equal(chain.kv.get(DEV_HEAD_STATE_KEY), undefined);
    assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(A), 1000n);
    assert.throws(() => dev.setOverride({ head: chain.head.hash, root: new Uint8Array(32).fill(9) }), ChainError);
  });

  test("the address book lists genesis, edited and mined addresses and slots", () => {
    const chain = Chain.open(new MemoryKv(), genesis());
    const dev = new DevChainState(chain);
    dev.recordAddresses([A]);
    dev.edit((s) => s.setStorage(B, 7n, 1n));
    const hex = (a: Uint8Array): string => Buffer.from(a).toString("hex");
    assert.deepEqual([...dev.knownAddresses()].map(hex).sort(), [hex(A), hex(B)]);
    assert.deepEqual([...dev.knownSlots(B)], [7n]);
    assert.deepEqual([...dev.knownSlots(A)], []);
  });

  test("a recorded sender answers for its transaction hash", () => {
    const chain = Chain.open(new MemoryKv(), genesis());
    const dev = new DevChainState(chain);
    const hash = new Uint8Array(32).fill(3);
    const batch = new KvBatch(chain.kv);
    dev.stageSender(batch, hash, B);
    batch.commit();
    // the chain hook looks senders up by transaction hash; knownSender hashes the transaction
    assert.equal(chain.kv.get(Uint8Array.of(0x44, 0x73, ...hash))?.length, 20);
  });
});
