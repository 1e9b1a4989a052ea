import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Chain } from "../chain/index.js";
import { privateKeyToAddress } from "../crypto/index.js";
import { MemoryKv } from "../kv/index.js";
import { chainSpecAtFork, type Genesis } from "../params/index.js";
import { type Address, ZERO_ADDRESS } from "../primitives/index.js";
import { TxPool } from "../txpool/index.js";
import { calcBaseFee, signTransaction, type Transaction } from "../types/index.js";
import { BlockProducer, type MiningMode, type ProducedBlock } from "./producer.js";

const KEY = new Uint8Array(32).fill(7);
const SENDER = privateKeyToAddress(KEY);
const TO = new Uint8Array(20).fill(0x22) as Address;
const CHAIN_ID = 31337n;

// Shanghai: withdrawals but no beacon root or system contracts, so the genesis needs no code.
function setup(mode: MiningMode, now?: () => bigint): { chain: Chain; pool: TxPool; producer: BlockProducer; blocks: ProducedBlock[] } {
  const genesis: Genesis = {
    spec: chainSpecAtFork("Shanghai", CHAIN_ID),
    gasLimit: 30_000_000n,
    difficulty: 0n,
    timestamp: 0n,
    alloc: [{ address: SENDER, balance: 10n ** 21n, nonce: 0n, code: new Uint8Array(0), storage: new Map() }],
  };
  const chain = Chain.open(new MemoryKv(), genesis);
  const state = chain.stateAt(chain.head.header.stateRoot);
  const pool = new TxPool(
    { chainId: CHAIN_ID, fork: "Shanghai", blockGasLimit: 30_000_000n },
    { nonce: (a) => state.getNonce(a), balance: (a) => state.getBalance(a) },
    calcBaseFee(chain.head.header),
  );
  const blocks: ProducedBlock[] = [];
  const producer = new BlockProducer(chain, pool, { coinbase: ZERO_ADDRESS, mode, now, onBlock: (b) => blocks.push(b) });
  return { chain, pool, producer, blocks };
}

function transfer(nonce: bigint, value = 1000n): Transaction {
  return signTransaction(
    {
      type: 2,
      chainId: CHAIN_ID,
      nonce,
      maxPriorityFeePerGas: 10n ** 9n,
      maxFeePerGas: 10n ** 10n,
      gasLimit: 21_000n,
      to: TO,
      value,
      data: new Uint8Array(0),
      accessList: [],
    },
    KEY,
  );
}

describe("BlockProducer", () => {
  test("automine builds a block for each pending transaction and resets the pool", () => {
    const { chain, pool, producer, blocks } = setup({ kind: "auto" }, () => 1000n);
    const r = producer.submit(transfer(0n));
    assert.equal(r.ok, true);
    assert.equal(chain.head.header.number, 1n);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.block.body.transactions.length, 1);
    assert.deepEqual(blocks[0]!.block.body.withdrawals, []);
    assert.equal(blocks[0]!.receipts[0]!.status, 1);
    assert.deepEqual(blocks[0]!.senders[0], SENDER);
    assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(TO), 1000n);
    assert.equal(pool.status().pending, 0);
    assert.equal(pool.pendingNonce(SENDER), 1n);
    assert.equal(chain.head.header.timestamp, 1000n);
    // The clock standing still does not stop the chain: timestamps still increase.
    producer.submit(transfer(1n));
    assert.equal(chain.head.header.number, 2n);
    assert.equal(chain.head.header.timestamp, 1001n);
  });

  test("automine waits for a nonce gap to fill, then mines both", () => {
    const { chain, producer } = setup({ kind: "auto" });
    assert.equal(producer.submit(transfer(1n)).ok, true);
    assert.equal(chain.head.header.number, 0n);
    producer.submit(transfer(0n));
    assert.equal(chain.head.header.number, 1n);
    assert.equal(chain.getBlockByNumber(1n)!.body.transactions.length, 2);
  });

  test("interval mode mines only on its timer, empty blocks included", async () => {
    const { chain, pool, producer, blocks } = setup({ kind: "interval", blockTimeMs: 20 });
    producer.submit(transfer(0n));
    assert.equal(chain.head.header.number, 0n);
    assert.equal(pool.status().pending, 1);
    producer.start();
    try {
      const deadline = Date.now() + 5000;
      while (blocks.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    } finally {
      producer.stop();
    }
    assert.ok(blocks.length >= 2);
    assert.equal(blocks[0]!.block.body.transactions.length, 1);
    assert.equal(blocks[1]!.block.body.transactions.length, 0);
    const n = chain.head.header.number;
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(chain.head.header.number, n, "no blocks after stop");
  });
});
