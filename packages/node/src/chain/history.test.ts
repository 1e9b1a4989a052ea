import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { privateKeyToAddress } from "../crypto/index.js";
import { createAddress } from "../evm/index.js";
import { MemoryKv } from "../kv/index.js";
import { chainSpecAtFork, type Genesis } from "../params/index.js";
import { type Address, bytesToHex, type Hash32 } from "../primitives/index.js";
import { type SealedBlock, type SealedHeader, signTransaction, type Transaction, transactionHash } from "../types/index.js";
import { Chain } from "./chain.js";
import { creationTxHash, creatorKey, historyKeys, searchHistory, senderNonceKey, txHashBySenderAndNonce } from "./history.js";
import { addressRange, PREFIX } from "./schema.js";

const KEY_A = new Uint8Array(32).fill(0x31);
const KEY_B = new Uint8Array(32).fill(0x32);
const A = privateKeyToAddress(KEY_A);
const B = privateKeyToAddress(KEY_B);
const CAROL = new Uint8Array(20).fill(0xca) as Address;
/** initcode returning empty code: PUSH0 PUSH0 RETURN */
const INITCODE = Uint8Array.of(0x5f, 0x5f, 0xf3);

const GENESIS: Genesis = {
  spec: chainSpecAtFork("Cancun", 1n),
  gasLimit: 30_000_000n,
  timestamp: 0n,
  alloc: [A, B].map((address) => ({ address, balance: 10n ** 21n, nonce: 0n, code: new Uint8Array(0), storage: new Map() })),
};

function tx(key: Uint8Array, nonce: bigint, to: Address | undefined, data = new Uint8Array(0)): Transaction {
  return signTransaction(
    {
      type: 2,
      chainId: 1n,
      nonce,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 100_000n,
      to,
      value: 1n,
      data,
      accessList: [],
    },
    key,
  );
}

function build(chain: Chain, parent: SealedHeader, txs: Transaction[], branch: number): SealedBlock {
  const b = chain.builder(parent, {
    coinbase: CAROL,
    timestamp: parent.header.timestamp + 12n,
    gasLimit: parent.header.gasLimit,
    extraData: Uint8Array.of(branch),
    prevRandao: new Uint8Array(32).fill(branch) as Hash32,
    withdrawals: [],
    parentBeaconBlockRoot: new Uint8Array(32) as Hash32,
  });
  for (const t of txs) assert.ok(b.addTransaction(t).ok);
  return b.finish().block;
}

const hex = (h: Uint8Array): string => bytesToHex(h);

describe("history index", () => {
  test("historyKeys: sender, recipient, sender+nonce; a creation lists the created address and its creator", () => {
    const call = tx(KEY_A, 3n, CAROL);
    const keys = historyKeys(call, A, 7n, 2).map(hex);
    assert.equal(keys.length, 3);
    assert.ok(keys.includes(hex(senderNonceKey(A, 3n))));
    const create = tx(KEY_A, 4n, undefined, INITCODE);
    const created = createAddress(A, 4n);
    const ckeys = historyKeys(create, A, 7n, 3).map(hex);
    assert.equal(ckeys.length, 4);
    assert.ok(ckeys.includes(hex(creatorKey(created))));
    assert.equal(creatorKey(created)[0], PREFIX.creator);
  });

  test("pages end at block boundaries, newest first backwards and oldest first forwards", () => {
    const chain = Chain.open(new MemoryKv(), GENESIS);
    // blocks 1..6: A sends 2 txs to Carol in each; B sends one to Carol in even blocks
    let nonceA = 0n;
    let nonceB = 0n;
    for (let i = 1; i <= 6; i++) {
      const txs = [tx(KEY_A, nonceA++, CAROL), tx(KEY_A, nonceA++, CAROL)];
      if (i % 2 === 0) txs.push(tx(KEY_B, nonceB++, CAROL));
      assert.ok(chain.importBlock(build(chain, chain.head, txs, 1)).ok);
    }
    const first = searchHistory(chain.kv, A, { before: 0n }, 3);
    // 3 entries reached inside block 5: the whole of block 5 is kept, then the page ends
    assert.deepEqual(
      first.entries.map((e) => [Number(e.blockNumber), e.index]),
      [
        [6, 1],
        [6, 0],
        [5, 1],
        [5, 0],
      ],
    );
    assert.equal(first.hasMore, true);
    const next = searchHistory(chain.kv, A, { before: 5n }, 3);
    assert.deepEqual(
      next.entries.map((e) => Number(e.blockNumber)),
      [4, 4, 3, 3],
    );
    const last = searchHistory(chain.kv, A, { before: 2n }, 3);
    assert.deepEqual(
      last.entries.map((e) => Number(e.blockNumber)),
      [1, 1],
    );
    assert.equal(last.hasMore, false);
    const fwd = searchHistory(chain.kv, B, { after: 0n }, 2);
    assert.deepEqual(
      fwd.entries.map((e) => Number(e.blockNumber)),
      [2, 4],
    );
    assert.equal(fwd.hasMore, true);
    assert.deepEqual(
      searchHistory(chain.kv, B, { after: 4n }, 2).entries.map((e) => Number(e.blockNumber)),
      [6],
    );
    // the whole history of Carol: 15 transactions
    assert.equal(searchHistory(chain.kv, CAROL, { before: 0n }, 100).entries.length, 15);
    const block3 = chain.getBlockByNumber(3n)!;
    assert.equal(hex(txHashBySenderAndNonce(chain.kv, A, 5n)!), hex(transactionHash(block3.body.transactions[1]!)));
    assert.equal(txHashBySenderAndNonce(chain.kv, A, 12n), undefined);
  });

  test("a reorg removes the entries of the blocks leaving the chain and writes those joining it", () => {
    const chain = Chain.open(new MemoryKv(), GENESIS);
    const genesis = chain.head;
    const create = tx(KEY_A, 0n, undefined, INITCODE);
    const created = createAddress(A, 0n);
    const a1 = build(chain, genesis, [create], 1);
    assert.ok(chain.importBlock(a1).ok);
    const a2 = build(chain, a1.header, [tx(KEY_A, 1n, CAROL)], 1);
    assert.ok(chain.importBlock(a2).ok);
    assert.equal(hex(creationTxHash(chain.kv, created)!), hex(transactionHash(create)));
    assert.equal(searchHistory(chain.kv, created, { before: 0n }, 10).entries.length, 1);
    assert.equal(searchHistory(chain.kv, A, { before: 0n }, 10).entries.length, 2);

    // a longer side branch from genesis in which B sends and A never does
    const b1 = build(chain, genesis, [tx(KEY_B, 0n, CAROL)], 2);
    assert.ok(chain.importBlock(b1).ok);
    const b2 = build(chain, b1.header, [tx(KEY_B, 1n, CAROL)], 2);
    assert.ok(chain.importBlock(b2).ok);
    const b3 = build(chain, b2.header, [], 2);
    assert.ok(chain.importBlock(b3).ok);
    assert.equal(hex(chain.head.hash), hex(b3.header.hash));
    assert.equal(creationTxHash(chain.kv, created), undefined);
    assert.equal(txHashBySenderAndNonce(chain.kv, A, 0n), undefined);
    assert.equal(txHashBySenderAndNonce(chain.kv, A, 1n), undefined);
    assert.deepEqual([...chain.kv.iterate(addressRange(A))], []);
    assert.deepEqual([...chain.kv.iterate(addressRange(created))], []);
    assert.equal(searchHistory(chain.kv, B, { before: 0n }, 10).entries.length, 2);
    assert.equal(searchHistory(chain.kv, CAROL, { before: 0n }, 10).entries.length, 2);

    // and back: the first branch's entries return, the side branch's go
    chain.setHead(a2.header.hash);
    assert.equal(hex(creationTxHash(chain.kv, created)!), hex(transactionHash(create)));
    assert.equal(searchHistory(chain.kv, A, { before: 0n }, 10).entries.length, 2);
    assert.equal(searchHistory(chain.kv, B, { before: 0n }, 10).entries.length, 0);
    assert.equal(txHashBySenderAndNonce(chain.kv, B, 0n), undefined);
    assert.equal([...chain.kv.iterate({ gte: Uint8Array.of(PREFIX.senderNonce), lt: Uint8Array.of(PREFIX.senderNonce + 1) })].length, 2);
  });
});
