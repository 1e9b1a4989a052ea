import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Chain, DevChainState } from "../chain/index.js";
import { privateKeyToAddress } from "../crypto/index.js";
import { executeBlock } from "../execution/index.js";
import { MemoryKv } from "../kv/index.js";
import { chainSpecAtFork, type Genesis } from "../params/index.js";
import { type Address, bytesToHex, ZERO_ADDRESS } from "../primitives/index.js";
import { TxPool } from "../txpool/index.js";
import { calcBaseFee, signTransaction, type Transaction, transactionHash } from "../types/index.js";
import { DevControlError, DevControls } from "./dev-controls.js";
import { BlockProducer, type MiningMode } from "./producer.js";

const KEY = new Uint8Array(32).fill(7);
const SENDER = privateKeyToAddress(KEY);
const OTHER = new Uint8Array(20).fill(0x33) as Address;
const TO = new Uint8Array(20).fill(0x22) as Address;
const CHAIN_ID = 31337n;

const GENESIS: Genesis = {
  spec: chainSpecAtFork("Shanghai", CHAIN_ID),
  gasLimit: 30_000_000n,
  difficulty: 0n,
  timestamp: 0n,
  alloc: [{ address: SENDER, balance: 10n ** 21n, nonce: 0n, code: new Uint8Array(0), storage: new Map() }],
};

function setup(mode: MiningMode = { kind: "auto" }) {
  const chain = Chain.open(new MemoryKv(), GENESIS);
  const devState = new DevChainState(chain);
  devState.recordAddresses([SENDER]);
  const state = chain.stateAt(chain.head.header.stateRoot);
  const pool = new TxPool(
    { chainId: CHAIN_ID, fork: "Shanghai", blockGasLimit: 30_000_000n },
    { nonce: (a) => state.getNonce(a), balance: (a) => state.getBalance(a) },
    calcBaseFee(chain.head.header),
  );
  let wall = 1000n;
  const producer = new BlockProducer(chain, pool, { coinbase: ZERO_ADDRESS, mode, now: () => wall, devState });
  const controls = new DevControls(chain, pool, producer, devState);
  const head = () => chain.stateAt(chain.head.header.stateRoot);
  return { chain, pool, producer, controls, head, tick: (s: bigint) => (wall += s) };
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

describe("DevControls", () => {
  test("edits are visible at the head and the pool admits against them", () => {
    const { controls, producer, head, chain } = setup();
    controls.setNonce(SENDER, 3n);
    assert.equal(head().getNonce(SENDER), 3n);
    const r = producer.submit(transfer(3n));
    assert.equal(r.ok, true, r.ok ? "" : r.error.message);
    assert.equal(chain.head.header.number, 1n);
    assert.equal(head().getNonce(SENDER), 4n);
    assert.equal(head().getBalance(TO), 1000n);
  });

  test("revert moves the head and the edited state back; the id is used once and later ids are gone", () => {
    const { controls, producer, head, chain } = setup();
    controls.setBalance(OTHER, 5n);
    const s0 = controls.snapshot();
    producer.mineMany(2);
    controls.setBalance(OTHER, 9n);
    const s1 = controls.snapshot();
    producer.mine();
    assert.equal(chain.head.header.number, 3n);
    assert.equal(controls.revert(s0), "reverted");
    assert.equal(chain.head.header.number, 0n);
    assert.equal(head().getBalance(OTHER), 5n);
    assert.equal(controls.revert(s0), "unknown");
    assert.equal(controls.revert(s1), "gone");
    assert.equal(controls.snapshot(), 2n, "ids are not reused");
    // time restarts from the restored head: the next block follows it by a second
    producer.clock.increase(100_000n);
    assert.equal(controls.revert(2n), "reverted");
    producer.mine();
    assert.equal(chain.head.header.timestamp, 1n);
  });

  test("reset goes back to genesis and empties the pool", () => {
    const { controls, producer, pool, head, chain } = setup({ kind: "manual" });
    producer.submit(transfer(0n));
    producer.mine();
    producer.submit(transfer(1n));
    controls.setBalance(OTHER, 1n);
    controls.reset();
    assert.equal(chain.head.header.number, 0n);
    assert.equal(head().getBalance(OTHER), 0n);
    assert.equal(head().getNonce(SENDER), 0n);
    assert.equal(pool.status().pending, 0);
  });

  test("an impersonated transaction is admitted unsigned and mined as its sender", () => {
    const { controls, producer, chain, head } = setup();
    controls.setBalance(OTHER, 10n ** 18n);
    controls.impersonate(OTHER);
    assert.equal(controls.isImpersonated(OTHER), true);
    // a transaction signed by KEY but claimed as OTHER's: the given sender wins, as for a placeholder signature
    const tx = transfer(0n, 7n);
    const r = producer.submit(tx, { local: true, sender: OTHER });
    assert.equal(r.ok, true, r.ok ? "" : r.error.message);
    assert.equal(head().getNonce(OTHER), 1n);
    assert.equal(head().getNonce(SENDER), 0n);
    assert.equal(bytesToHex(chain.knownSender(tx)!), bytesToHex(OTHER));
    const lookup = chain.getTransactionLookup(transactionHash(tx));
    assert.equal(lookup?.blockNumber, 1n);
    // an impersonated account with code sends too (anvil does not apply EIP-3607), and a signed one does not
    controls.setCode(OTHER, Uint8Array.of(0x60, 0x01));
    const second = transfer(1n, 7n);
    assert.equal(producer.submit(second, { local: true, sender: OTHER }).ok, true);
    assert.equal(head().getNonce(OTHER), 2n);
    controls.setCode(SENDER, Uint8Array.of(0x60, 0x01));
    producer.submit(transfer(0n));
    assert.equal(head().getNonce(SENDER), 0n, "a signed transaction from an account with code is refused (EIP-3607)");
    controls.stopImpersonating(OTHER);
    assert.equal(controls.isImpersonated(OTHER), false);
    controls.autoImpersonate = true;
    assert.equal(controls.isImpersonated(TO), true);
  });

  test("mining with an interval stamps each block that long after its parent", () => {
    const { producer, chain } = setup({ kind: "manual" });
    producer.mineMany(3, 16n);
    const ts = [1n, 2n, 3n].map((n) => chain.getHeaderByNumber(n)!.header.timestamp);
    // the clock reads 1000: the first block is stamped 1000 + 16, each next one 16 later
    assert.deepEqual(ts, [1016n, 1032n, 1048n]);
    // time goes on from the last block: the clock is aligned at it
    assert.equal(producer.clock.now(), 1048n);
  });

  test("coinbase, next base fee and block gas limit apply to the next blocks", () => {
    const { producer, chain } = setup({ kind: "manual" });
    producer.coinbase = OTHER;
    producer.nextBaseFee = 7n;
    producer.gasLimit = 31_000_000n;
    producer.mine();
    const h = chain.head.header;
    assert.equal(bytesToHex(h.coinbase), bytesToHex(OTHER));
    assert.equal(h.baseFeePerGas, 7n);
    assert.equal(h.gasLimit, 31_000_000n);
    producer.mine();
    assert.equal(chain.head.header.baseFeePerGas, calcBaseFee(h), "the base fee was set for one block");
  });

  test("dumpState lists the known accounts and loadState writes them back", () => {
    const { controls, head } = setup();
    controls.setStorage(OTHER, 1n, 6n);
    controls.setCode(OTHER, Uint8Array.of(0x60, 0x01));
    const dump = controls.dumpState();
    const other = dump.accounts[bytesToHex(OTHER)]!;
    assert.equal(other.code, "0x6001");
    assert.deepEqual(other.storage, { [`0x${"1".padStart(64, "0")}`]: `0x${"6".padStart(64, "0")}` });
    assert.equal(dump.accounts[bytesToHex(SENDER)]!.balance, `0x${(10n ** 21n).toString(16)}`);
    controls.reset();
    assert.equal(head().getStorage(OTHER, 1n), 0n);
    controls.loadState(new Map([[OTHER, { nonce: 2n, balance: 3n, code: Uint8Array.of(0x60, 0x02), storage: new Map([[1n, 6n]]) }]]));
    assert.equal(head().getStorage(OTHER, 1n), 6n);
    assert.equal(head().getNonce(OTHER), 2n);
    assert.equal(head().getBalance(OTHER), 3n);
  });

  test("interval mining can be switched on and off at run time", async () => {
    const { producer, chain } = setup({ kind: "manual" });
    producer.setMode({ kind: "interval", blockTimeMs: 5 });
    try {
      for (let i = 0; i < 400 && chain.head.header.number < 2n; i++) await new Promise((r) => setTimeout(r, 5));
      assert.ok(chain.head.header.number >= 2n, "the timer mined blocks");
    } finally {
      producer.setMode({ kind: "auto" });
    }
    const n = chain.head.header.number;
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(chain.head.header.number, n, "the timer stopped");
    assert.equal(producer.mode.kind, "auto");
  });

  test("a block built on an edited head replays from the state it was built on", () => {
    const { controls, producer, chain } = setup({ kind: "manual" });
    producer.mine();
    const plain = chain.head;
    assert.deepEqual(chain.preStateRoot(plain), chain.genesis.header.stateRoot);
    controls.setBalance(OTHER, 10n ** 18n);
    producer.submit(transfer(0n));
    const edited = producer.mine().block;
    const pre = chain.preStateRoot(edited.header)!;
    assert.notDeepEqual(pre, plain.header.stateRoot);
    // re-executing the block on that state gives the block's own header (state root included)
    const replay = executeBlock(chain.stateAt(pre), chain.contextFor(plain), edited);
    assert.deepEqual(replay.block.header.hash, edited.header.hash);
    assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(OTHER), 10n ** 18n);
  });

  test("mining many blocks stores them in chunks, each block on the one before, pool transactions first", () => {
    const { producer, chain, head } = setup({ kind: "manual" });
    producer.submit(transfer(0n));
    producer.submit(transfer(1n));
    const seen: bigint[] = [];
    const blocks = producer.mineMany(300);
    for (const b of blocks) seen.push(b.block.header.header.number);
    assert.deepEqual(
      seen,
      Array.from({ length: 300 }, (_, i) => BigInt(i + 1)),
    );
    assert.equal(chain.head.header.number, 300n);
    assert.equal(blocks[0]!.block.body.transactions.length, 2);
    for (let n = 1n; n <= 300n; n++) {
      const h = chain.getHeaderByNumber(n)!;
      assert.deepEqual(h.header.parentHash, chain.canonicalHash(n - 1n));
    }
    assert.equal(head().getNonce(SENDER), 2n);
    const reopened = Chain.open(chain.kv, { ...GENESIS });
    assert.equal(reopened.head.header.number, 300n);
  });

  test("a block built again after a revert is the stored one, and becomes the head again", () => {
    const { controls, producer, chain } = setup({ kind: "manual" });
    const id = controls.snapshot();
    producer.clock.setNext(5000n);
    const first = producer.mine().block.header;
    assert.equal(controls.revert(id), "reverted");
    assert.equal(chain.canonicalHash(1n), undefined);
    producer.clock.setNext(5000n);
    const again = producer.mine().block.header;
    assert.deepEqual(again.hash, first.hash);
    assert.deepEqual(chain.head.hash, first.hash);
    assert.deepEqual(chain.canonicalHash(1n), first.hash);
  });

  test("rollback moves the head back by a depth; addBalance adds", () => {
    const { controls, producer, chain, head } = setup({ kind: "manual" });
    producer.mineMany(3);
    controls.addBalance(OTHER, 5n);
    controls.addBalance(OTHER, 5n);
    assert.equal(head().getBalance(OTHER), 10n);
    controls.rollback(2n);
    assert.equal(chain.head.header.number, 1n);
    assert.equal(head().getBalance(OTHER), 0n, "the edit of the old head went with it");
    assert.throws(() => controls.rollback(5n), DevControlError);
    controls.rollback(0n);
    assert.equal(chain.head.header.number, 1n);
  });
});
