/**
 * Integration: the chain over a real LMDB database in a temp directory. Blocks of transfers
 * between funded accounts are built with the chain's BlockBuilder and imported; the database
 * is closed and reopened and everything is read back (headers, bodies, receipts, transaction
 * lookups, the address index, balances through a StateDb at the head's root). A longer side
 * chain takes over and the head is set back, with the canonical-only indexes following; an
 * invalid block leaves the database byte-for-byte unchanged; a head without state is refused.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Chain, ChainError, trieNodeKey } from "../../src/chain/index.js";
import { privateKeyToAddress } from "../../src/crypto/index.js";
import { BlockValidationError } from "../../src/execution/index.js";
import { LmdbKv } from "../../src/kv/index.js";
import { chainSpecAtFork, type Genesis, type GenesisAccount } from "../../src/params/index.js";
import { type Address, bytesToHex, type Hash32, hexToBytes } from "../../src/primitives/index.js";
import {
  type SealedBlock,
  type SealedHeader,
  sealHeader,
  signTransaction,
  type Transaction,
  transactionHash,
} from "../../src/types/index.js";

const root = mkdtempSync(join(tmpdir(), "cairn-chain-"));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(root, `db${dirs++}`);

const ETHER = 10n ** 18n;
const ALICE_KEY = new Uint8Array(32).fill(0x11);
const BOB_KEY = new Uint8Array(32).fill(0x22);
const ALICE = privateKeyToAddress(ALICE_KEY);
const BOB = privateKeyToAddress(BOB_KEY);
const CAROL = hexToBytes("0x000000000000000000000000000000000000ca01") as Address;
/** PUSH1 0xaa PUSH0 MSTORE PUSH1 32 PUSH0 LOG0 STOP: one log with data 0x..aa. */
const LOGGER = hexToBytes("0x00000000000000000000000000000000000010aa") as Address;
const COINBASE = hexToBytes("0x00000000000000000000000000000000000c0ffe") as Address;

function funded(address: Address, balance: bigint, code: Uint8Array = new Uint8Array(0)): GenesisAccount {
  return { address, balance, nonce: 0n, code, storage: new Map() };
}

const GENESIS: Genesis = {
  spec: chainSpecAtFork("Cancun"),
  gasLimit: 30_000_000n,
  timestamp: 1000n,
  alloc: [funded(ALICE, 100n * ETHER), funded(BOB, 100n * ETHER), funded(LOGGER, 0n, hexToBytes("0x60aa5f5260205fa000"))],
};

function transfer(key: Uint8Array, nonce: bigint, to: Address, value: bigint, gasLimit = 21_000n): Transaction {
  return signTransaction(
    {
      type: 2,
      chainId: 1n,
      nonce,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 2n,
      gasLimit,
      to,
      value,
      data: new Uint8Array(0),
      accessList: [],
    },
    key,
  );
}

/** Builds a child of `parent` with `txs` (all accepted); `branch` tells sibling blocks apart. */
function build(chain: Chain, parent: SealedHeader, txs: Transaction[], branch: number): SealedBlock {
  const builder = chain.builder(parent, {
    coinbase: COINBASE,
    timestamp: parent.header.timestamp + 12n,
    gasLimit: parent.header.gasLimit,
    extraData: Uint8Array.of(branch),
    prevRandao: new Uint8Array(32).fill(branch) as Hash32,
    withdrawals: [],
    parentBeaconBlockRoot: new Uint8Array(32).fill(9) as Hash32,
  });
  for (const tx of txs) assert.ok(builder.addTransaction(tx).ok);
  return builder.finish().block;
}

/** Block `i` (1-based) of a branch: Alice pays Carol `value`, Bob pays Alice `branch` wei (so branches share no transaction). */
function branchTxs(i: number, value: bigint, branch: number): Transaction[] {
  const nonce = BigInt(i - 1);
  return [transfer(ALICE_KEY, nonce, CAROL, value), transfer(BOB_KEY, nonce, ALICE, BigInt(branch))];
}

/** Imports `count` blocks on `from`, each of which must be accepted. */
function extend(chain: Chain, from: SealedHeader, count: number, value: bigint, branch: number): SealedBlock[] {
  const out: SealedBlock[] = [];
  let parent = from;
  for (let i = Number(from.header.number) + 1; out.length < count; i++) {
    const block = build(chain, parent, branchTxs(i, value, branch), branch);
    const r = chain.importBlock(block);
    assert.ok(r.ok, r.ok ? "" : r.error.message);
    out.push(block);
    parent = block.header;
  }
  return out;
}

function open(dir: string): { kv: LmdbKv; chain: Chain } {
  const kv = LmdbKv.open(dir);
  return { kv, chain: Chain.open(kv, GENESIS) };
}

/** Every entry of the database, as hex, for before/after comparisons. */
function dump(kv: LmdbKv): string[] {
  return [...kv.iterate()].map((e) => `${bytesToHex(e.key)}=${bytesToHex(e.value)}`);
}

const hashes = (blocks: SealedBlock[]): string[] => blocks.map((b) => bytesToHex(b.header.hash));

function canonicalHashes(chain: Chain, upTo: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let n = 1; n <= upTo; n++) {
    const h = chain.canonicalHash(BigInt(n));
    out.push(h === undefined ? undefined : bytesToHex(h));
  }
  return out;
}

function txHashesOf(blocks: SealedBlock[]): Hash32[] {
  return blocks.flatMap((b) => b.body.transactions.map(transactionHash));
}

describe("chain over LMDB", () => {
  test("genesis, import, close, reopen, read back", async () => {
    const dir = freshDir();
    let { kv, chain } = open(dir);
    const genesis = chain.genesis;
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(genesis.hash));
    assert.equal(chain.stateAt(genesis.header.stateRoot).getBalance(ALICE), 100n * ETHER);
    const blocks = extend(chain, genesis, 3, 5n * ETHER, 1);
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(blocks[2]!.header.hash));
    await kv.close();

    ({ kv, chain } = open(dir));
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(blocks[2]!.header.hash));
    assert.equal(bytesToHex(chain.genesis.hash), bytesToHex(genesis.hash));
    assert.deepEqual(canonicalHashes(chain, 4), [...hashes(blocks), undefined]);
    assert.equal(bytesToHex(chain.canonicalHash(0n)!), bytesToHex(genesis.hash));
    for (const b of blocks) {
      const n = b.header.header.number;
      assert.deepEqual(chain.getHeaderByNumber(n)!.header, b.header.header);
      const stored = chain.getBlock(b.header.hash)!;
      assert.deepEqual(stored.body.transactions.map(transactionHash), b.body.transactions.map(transactionHash));
      assert.deepEqual(stored.body.withdrawals, []);
      const receipts = chain.getReceiptsByNumber(n)!;
      assert.deepEqual(
        receipts.map((r) => [r.status, r.cumulativeGasUsed]),
        [
          [1, 21_000n],
          [1, 42_000n],
        ],
      );
      assert.deepEqual(chain.getLogIndex(b.header), []);
      assert.equal(chain.getTotalDifficulty(b.header.hash), 0n);
      b.body.transactions.forEach((tx, index) => {
        const lookup = chain.getTransactionLookup(transactionHash(tx))!;
        assert.equal(bytesToHex(lookup.blockHash), bytesToHex(b.header.hash));
        assert.equal(lookup.blockNumber, n);
        assert.equal(lookup.index, index);
        assert.equal(bytesToHex(transactionHash(chain.getTransaction(transactionHash(tx))!.tx)), bytesToHex(transactionHash(tx)));
      });
    }
    const state = chain.stateAt(chain.head.header.stateRoot);
    assert.equal(state.getBalance(CAROL), 15n * ETHER);
    assert.equal(state.getNonce(ALICE), 3n);
    assert.equal(state.getNonce(BOB), 3n);
    // Alice sent three and received three: six entries, in block order.
    const aliceTxs = [...chain.transactionsOf(ALICE)];
    assert.equal(aliceTxs.length, 6);
    assert.deepEqual(
      aliceTxs.map((t) => t.blockNumber),
      [1n, 1n, 2n, 2n, 3n, 3n],
    );
    assert.deepEqual(
      [...chain.transactionsOf(CAROL)].map((t) => bytesToHex(t.txHash)),
      blocks.map((b) => bytesToHex(transactionHash(b.body.transactions[0]!))),
    );

    // The reopened chain goes on where it stopped.
    const more = extend(chain, chain.head, 1, 1n, 1);
    assert.equal(chain.head.header.number, 4n);
    assert.equal(bytesToHex(chain.canonicalHash(4n)!), bytesToHex(more[0]!.header.hash));
    await kv.close();
  });

  test("a different genesis is refused", async () => {
    const dir = freshDir();
    let { kv } = open(dir);
    await kv.close();
    kv = LmdbKv.open(dir);
    const other: Genesis = { ...GENESIS, alloc: [funded(ALICE, 1n)] };
    assert.throws(() => Chain.open(kv, other), ChainError);
    await kv.close();
  });

  test("reorg to a longer side chain and back", async () => {
    const dir = freshDir();
    let { kv, chain } = open(dir);
    const a = extend(chain, chain.genesis, 3, 1n * ETHER, 1);

    // The first side block becomes the head though it is lower: everything above it leaves the index.
    const b: SealedBlock[] = extend(chain, chain.genesis, 1, 2n * ETHER, 2);
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(b[0]!.header.hash));
    assert.deepEqual(canonicalHashes(chain, 3), [bytesToHex(b[0]!.header.hash), undefined, undefined]);
    for (const h of txHashesOf(a)) assert.equal(chain.getTransactionLookup(h), undefined);

    b.push(...extend(chain, b[0]!.header, 3, 2n * ETHER, 2));
    assert.deepEqual(canonicalHashes(chain, 5), [...hashes(b), undefined]);
    for (const h of txHashesOf(a)) assert.equal(chain.getTransactionLookup(h), undefined);
    for (const h of txHashesOf(b)) assert.ok(chain.getTransactionLookup(h));
    assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(CAROL), 8n * ETHER);
    // The old branch's state is still there: undoing is switching roots.
    assert.equal(chain.stateAt(a[2]!.header.header.stateRoot).getBalance(CAROL), 3n * ETHER);
    assert.equal([...chain.transactionsOf(CAROL)].length, 4);
    await kv.close();

    ({ kv, chain } = open(dir));
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(b[3]!.header.hash));
    chain.setHead(a[2]!.header.hash);
    assert.deepEqual(canonicalHashes(chain, 5), [...hashes(a), undefined, undefined]);
    for (const h of txHashesOf(b)) assert.equal(chain.getTransactionLookup(h), undefined);
    for (const h of txHashesOf(a)) assert.equal(bytesToHex(chain.getTransactionLookup(h)!.blockHash).length, 66);
    assert.deepEqual(
      [...chain.transactionsOf(CAROL)].map((t) => bytesToHex(t.txHash)),
      a.map((blk) => bytesToHex(transactionHash(blk.body.transactions[0]!))),
    );
    await kv.close();

    // The switch was persisted; re-importing a known side block makes it the head again.
    ({ kv, chain } = open(dir));
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(a[2]!.header.hash));
    const again = chain.importBlock(b[3]!);
    assert.ok(again.ok);
    assert.deepEqual(canonicalHashes(chain, 5), [...hashes(b), undefined]);
    assert.throws(() => chain.setHead(new Uint8Array(32).fill(0xee)), ChainError);
    await kv.close();
  });

  test("rewinding to an ancestor, a transaction in both branches, and the log index", async () => {
    const dir = freshDir();
    const { kv, chain } = open(dir);
    const a = extend(chain, chain.genesis, 3, 1n, 1);
    chain.setHead(a[0]!.header.hash);
    assert.deepEqual(canonicalHashes(chain, 3), [bytesToHex(a[0]!.header.hash), undefined, undefined]);
    for (const h of txHashesOf(a.slice(1))) assert.equal(chain.getTransactionLookup(h), undefined);
    assert.equal([...chain.transactionsOf(CAROL)].length, 1);

    // A sibling of a[1] holding a[1]'s first transaction (same hash) and a call to the logger.
    const shared = a[1]!.body.transactions[0]!;
    const logCall = transfer(BOB_KEY, 1n, LOGGER, 0n, 100_000n);
    const side = build(chain, a[0]!.header, [shared, logCall], 2);
    assert.ok(chain.importBlock(side).ok);
    const lookup = chain.getTransactionLookup(transactionHash(shared))!;
    assert.equal(bytesToHex(lookup.blockHash), bytesToHex(side.header.hash));
    const logs = chain.getLogIndex(side.header)!;
    assert.equal(logs.length, 1);
    assert.deepEqual([logs[0]!.txIndex, logs[0]!.logIndex, bytesToHex(logs[0]!.address)], [1, 0, bytesToHex(LOGGER)]);
    assert.equal(chain.getReceipts(side.header.hash)![1]!.logs[0]!.data[31], 0xaa);

    // Back to a[2]: the shared transaction points at a[1] again.
    chain.setHead(a[2]!.header.hash);
    assert.equal(bytesToHex(chain.getTransactionLookup(transactionHash(shared))!.blockHash), bytesToHex(a[1]!.header.hash));
    assert.equal(chain.getTransactionLookup(transactionHash(logCall)), undefined);
    // The side block's log index stays, keyed by its hash; readers check the canonical index.
    assert.equal(chain.getLogIndex(side.header)!.length, 1);
    await kv.close();
  });

  test("an invalid block leaves the database unchanged", async () => {
    const dir = freshDir();
    let { kv, chain } = open(dir);
    const [a1] = extend(chain, chain.genesis, 1, 1n, 1);
    const valid = build(chain, a1!.header, branchTxs(2, 1n, 1), 1);
    const before = dump(kv);

    const cases: [string, SealedBlock][] = [
      [
        "INVALID_STATE_ROOT",
        { header: sealHeader({ ...valid.header.header, stateRoot: new Uint8Array(32).fill(1) as Hash32 }), body: valid.body },
      ],
      ["INVALID_GAS_USED", { header: sealHeader({ ...valid.header.header, gasUsed: 21_000n }), body: valid.body }],
      [
        "UNKNOWN_PARENT",
        { header: sealHeader({ ...valid.header.header, parentHash: new Uint8Array(32).fill(3) as Hash32 }), body: valid.body },
      ],
      // Alice's nonce 0 again: the transaction was already included in a1.
      ["INVALID_TRANSACTION", { header: valid.header, body: { ...valid.body, transactions: branchTxs(1, 1n, 1) } }],
    ];
    for (const [code, block] of cases) {
      const r = chain.importBlock(block);
      assert.equal(r.ok, false, code);
      if (!r.ok) {
        assert.ok(r.error instanceof BlockValidationError);
        assert.equal(r.error.code, code, r.error.message);
      }
      assert.equal(bytesToHex(chain.head.hash), bytesToHex(a1!.header.hash));
    }
    assert.deepEqual(dump(kv), before);
    await kv.close();

    ({ kv, chain } = open(dir));
    assert.equal(bytesToHex(chain.head.hash), bytesToHex(a1!.header.hash));
    assert.ok(chain.importBlock(valid).ok);
    assert.equal(chain.head.header.number, 2n);
    await kv.close();
  });

  test("a head whose state root is missing is refused on open", async () => {
    const dir = freshDir();
    let { kv, chain } = open(dir);
    extend(chain, chain.genesis, 1, 1n, 1);
    kv.write([{ type: "del", key: trieNodeKey(chain.head.header.stateRoot) }]);
    await kv.close();
    kv = LmdbKv.open(dir);
    assert.throws(() => Chain.open(kv, GENESIS), /state root/);
    await kv.close();
  });
});
