/**
 * Integration: `Chain.importBlocks` over LMDB. Blocks big enough for the sender-recovery
 * worker (24 transactions each, from 24 senders) are built on a producer chain in memory. One
 * chain imports them in one batch, another one block at a time: both databases end up
 * byte-for-byte the same. A batch with an invalid block in the middle stores exactly the
 * blocks before it, with the head on the last of them, also after reopening. A batch that
 * starts with known blocks makes them the head again without executing them.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Chain } from "../../src/chain/index.js";
import { keccak256, privateKeyToAddress } from "../../src/crypto/index.js";
import { LmdbKv, MemoryKv } from "../../src/kv/index.js";
import { chainSpecAtFork, type Genesis } from "../../src/params/index.js";
import { type Address, bytesToHex, type Hash32 } from "../../src/primitives/index.js";
import { type SealedBlock, sealHeader, signTransaction, transactionHash } from "../../src/types/index.js";

const root = mkdtempSync(join(tmpdir(), "cairn-chain-batch-"));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(root, `db${dirs++}`);

const SENDERS = Array.from({ length: 24 }, (_, i) => {
  const key = keccak256(Uint8Array.of(7, i));
  return { key, address: privateKeyToAddress(key) };
});
const COINBASE = new Uint8Array(20).fill(0xc0) as Address;

const GENESIS: Genesis = {
  spec: chainSpecAtFork("Cancun"),
  gasLimit: 30_000_000n,
  timestamp: 1000n,
  alloc: SENDERS.map((s) => ({ address: s.address, balance: 10n ** 20n, nonce: 0n, code: new Uint8Array(0), storage: new Map() })),
};

function recipient(block: number, i: number): Address {
  const a = new Uint8Array(20);
  a[0] = 0xbe;
  a[1] = block;
  a[2] = i;
  return a as Address;
}

/** `count` blocks on a producer chain, each with one transfer from every sender to a fresh recipient. */
function produce(count: number): SealedBlock[] {
  const chain = Chain.open(new MemoryKv(), GENESIS);
  const out: SealedBlock[] = [];
  for (let b = 0; b < count; b++) {
    const parent = chain.head;
    const builder = chain.builder(parent, {
      coinbase: COINBASE,
      timestamp: parent.header.timestamp + 12n,
      gasLimit: parent.header.gasLimit,
      prevRandao: keccak256(parent.hash) as Hash32,
      withdrawals: [],
      parentBeaconBlockRoot: parent.hash,
    });
    SENDERS.forEach((s, i) => {
      const tx = signTransaction(
        {
          type: 2,
          chainId: 1n,
          nonce: BigInt(b),
          maxFeePerGas: 10n ** 10n,
          maxPriorityFeePerGas: 1n,
          gasLimit: 21_000n,
          to: recipient(b, i),
          value: BigInt(1 + i),
          data: new Uint8Array(0),
          accessList: [],
        },
        s.key,
      );
      assert.ok(builder.addTransaction(tx).ok);
    });
    const { block } = builder.finish();
    assert.ok(chain.importBlock(block).ok);
    out.push(block);
  }
  return out;
}

const BLOCKS = produce(4);

function open(dir: string): { kv: LmdbKv; chain: Chain } {
  const kv = LmdbKv.open(dir);
  return { kv, chain: Chain.open(kv, GENESIS) };
}

function dump(kv: LmdbKv): string[] {
  return [...kv.iterate()].map((e) => `${bytesToHex(e.key)}=${bytesToHex(e.value)}`);
}

describe("importBlocks over LMDB", () => {
  test("one batch stores what block-by-block import stores", async () => {
    const a = open(freshDir());
    const r = a.chain.importBlocks(BLOCKS);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.imported, BLOCKS.length);
    assert.equal(bytesToHex(a.chain.head.hash), bytesToHex(BLOCKS.at(-1)!.header.hash));

    const b = open(freshDir());
    for (const block of BLOCKS) assert.ok(b.chain.importBlock(block).ok);
    assert.deepEqual(dump(a.kv), dump(b.kv));

    // The senders in the indexes are the signers, whichever thread recovered them.
    const tx = BLOCKS[2]!.body.transactions[5]!;
    const lookup = a.chain.getTransactionLookup(transactionHash(tx));
    assert.equal(lookup?.blockNumber, 3n);
    const listed = [...a.chain.transactionsOf(SENDERS[5]!.address)].map((t) => bytesToHex(t.txHash));
    assert.ok(listed.includes(bytesToHex(transactionHash(tx))));
    const state = a.chain.stateAt(a.chain.head.header.stateRoot);
    assert.equal(state.getBalance(recipient(3, 23)), 24n);
    assert.equal(state.getNonce(SENDERS[0]!.address), 4n);
    await a.kv.close();
    await b.kv.close();
  });

  test("an invalid block in a batch: the blocks before it are stored, the head is the last of them", async () => {
    const dir = freshDir();
    let { kv, chain } = open(dir);
    const bad = {
      header: sealHeader({ ...BLOCKS[2]!.header.header, stateRoot: new Uint8Array(32).fill(1) as Hash32 }),
      body: BLOCKS[2]!.body,
    };
    const r = chain.importBlocks([BLOCKS[0]!, BLOCKS[1]!, bad, BLOCKS[3]!]);
    assert.equal(r.imported, 2);
    assert.equal(r.error?.code, "INVALID_STATE_ROOT");
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(BLOCKS[1]!.header.hash));
    assert.equal(chain.getBlock(bad.header.hash), undefined);
    assert.equal(chain.getBlock(BLOCKS[3]!.header.hash), undefined);
    const reference = open(freshDir());
    assert.ok(reference.chain.importBlocks(BLOCKS.slice(0, 2)).error === undefined);
    assert.deepEqual(dump(kv), dump(reference.kv));
    await reference.kv.close();
    await kv.close();

    ({ kv, chain } = open(dir));
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(BLOCKS[1]!.header.hash));
    // The rest follows in a second batch that starts with a block already stored.
    const again = chain.importBlocks(BLOCKS.slice(1));
    assert.equal(again.error, undefined, again.error?.message);
    assert.equal(again.imported, 3);
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(BLOCKS[3]!.header.hash));
    await kv.close();
  });

  test("known blocks only: the head moves back to the last of them, nothing is executed", async () => {
    const { kv, chain } = open(freshDir());
    assert.equal(chain.importBlocks(BLOCKS).error, undefined);
    const r = chain.importBlocks(BLOCKS.slice(0, 2));
    assert.equal(r.error, undefined);
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(BLOCKS[1]!.header.hash));
    assert.equal(chain.canonicalHash(3n), undefined);
    await kv.close();
  });
});
