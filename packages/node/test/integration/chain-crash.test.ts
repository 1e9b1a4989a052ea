/**
 * Integration: crash safety of the chain on LMDB. A child process (this same file, started
 * with CAIRN_CHAIN_CRASH_DIR set) opens the chain and imports blocks in a loop, now and then a
 * sibling of its head (a one-block reorg), printing each head number once its import has
 * returned. The parent kills it with SIGKILL at a random moment, 20 times, and after each kill
 * reopens the database and checks that it is a consistent prefix of what was accepted: the
 * head is at least the last reported one (a returned import is durable) and at most one
 * further, the canonical index is exactly 0..head and linked by parent hashes, every canonical
 * transaction has its lookup, and the head's state matches its number.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Chain, PREFIX, prefixRange } from "../../src/chain/index.js";
import { privateKeyToAddress } from "../../src/crypto/index.js";
import { LmdbKv } from "../../src/kv/index.js";
import { chainSpecAtFork, type Genesis } from "../../src/params/index.js";
import { type Address, equalBytes, type Hash32, hexToBytes } from "../../src/primitives/index.js";
import { type SealedHeader, signTransaction, transactionHash } from "../../src/types/index.js";

const ALICE_KEY = new Uint8Array(32).fill(0x11);
const ALICE = privateKeyToAddress(ALICE_KEY);
const CAROL = hexToBytes("0x000000000000000000000000000000000000ca01") as Address;
const VALUE = 10n ** 9n;
const ROUNDS = 20;

const GENESIS: Genesis = {
  spec: chainSpecAtFork("Cancun"),
  gasLimit: 30_000_000n,
  timestamp: 1000n,
  alloc: [{ address: ALICE, balance: 10n ** 24n, nonce: 0n, code: new Uint8Array(0), storage: new Map() }],
};

/** A child of `parent` paying Carol; Alice sends one transaction per block, so her nonce is the parent's number. */
function importChild(chain: Chain, parent: SealedHeader, tag: number): void {
  const builder = chain.builder(parent, {
    coinbase: CAROL,
    timestamp: parent.header.timestamp + 12n,
    gasLimit: parent.header.gasLimit,
    extraData: Uint8Array.of(tag),
    prevRandao: new Uint8Array(32).fill(tag) as Hash32,
    withdrawals: [],
    parentBeaconBlockRoot: new Uint8Array(32).fill(9) as Hash32,
  });
  const tx = signTransaction(
    {
      type: 2,
      chainId: 1n,
      nonce: parent.header.number,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 0n,
      gasLimit: 21_000n,
      to: CAROL,
      value: VALUE,
      data: new Uint8Array(0),
      accessList: [],
    },
    ALICE_KEY,
  );
  if (!builder.addTransaction(tx).ok) throw new Error("the transfer was rejected");
  const r = chain.importBlock(builder.finish().block);
  if (!r.ok) throw r.error;
}

/** The child: import forever; every fourth block replaces the head with a sibling. */
function runChild(dir: string): void {
  const kv = LmdbKv.open(dir);
  const chain = Chain.open(kv, GENESIS);
  process.stdout.write("ready\n");
  // A child whose parent never kills it (the parent died) must not run forever.
  const deadline = Date.now() + 60_000;
  for (let i = 0; Date.now() < deadline; i++) {
    const head = chain.head;
    const sibling = i % 4 === 3 && head.header.number > 0n;
    const parent = sibling ? chain.getHeader(head.header.parentHash)! : head;
    importChild(chain, parent, sibling ? 2 + (i % 200) : 1);
    process.stdout.write(`${chain.head.header.number}\n`);
  }
  process.exit(3);
}

interface Round {
  lastReported: bigint | undefined;
  ready: boolean;
}

function crashRound(dir: string, delayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, CAIRN_CHAIN_CRASH_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("latin1");
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString("latin1");
    });
    // The kill comes `delayMs` after the chain has opened (a busy machine can take long to
    // start a process, and a kill before the open tests nothing); a child that never opens is
    // killed after 60 s and the round fails below.
    let timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const armed = (): void => {
      if (!out.includes("ready\n")) return;
      child.stdout.off("data", armed);
      clearTimeout(timer);
      timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    };
    child.stdout.on("data", armed);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") {
        reject(new Error(`the child ended on its own (code ${code}): ${err}`));
        return;
      }
      // Only complete lines count: a line cut by the kill was never fully reported.
      const lines = out.split("\n").slice(0, -1);
      const numbers = lines.filter((l) => l !== "ready").map((l) => BigInt(l));
      resolve({ lastReported: numbers.at(-1), ready: lines.includes("ready") });
    });
  });
}

/** Reopens `dir` and checks that the database is a consistent chain; returns the head number. */
async function check(dir: string, atLeast: bigint): Promise<bigint> {
  const kv = LmdbKv.open(dir);
  try {
    const chain = Chain.open(kv, GENESIS);
    const head = chain.head.header.number;
    assert.ok(head >= atLeast, `head ${head} is behind the reported ${atLeast}`);
    let parent: SealedHeader | undefined;
    for (let n = 0n; n <= head; n++) {
      const block = chain.getBlockByNumber(n);
      assert.ok(block, `canonical block ${n} missing below head ${head}`);
      if (parent !== undefined) assert.ok(equalBytes(block.header.header.parentHash, parent.hash), `block ${n} does not link to ${n - 1n}`);
      assert.ok(chain.getReceipts(block.header.hash), `receipts of ${n} missing`);
      for (const [i, tx] of block.body.transactions.entries()) {
        const lookup = chain.getTransactionLookup(transactionHash(tx));
        assert.ok(lookup && equalBytes(lookup.blockHash, block.header.hash) && lookup.index === i, `tx lookup in block ${n}`);
      }
      parent = block.header;
    }
    assert.ok(equalBytes(parent!.hash, chain.head.hash));
    assert.equal([...kv.iterate(prefixRange(PREFIX.canonical))].length, Number(head) + 1, "canonical entries above the head");
    const state = chain.stateAt(chain.head.header.stateRoot);
    assert.equal(state.getNonce(ALICE), head);
    assert.equal(state.getBalance(CAROL), head * VALUE);
    return head;
  } finally {
    await kv.close();
  }
}

const childDir = process.env.CAIRN_CHAIN_CRASH_DIR;
if (childDir !== undefined) {
  runChild(childDir);
} else {
  const root = mkdtempSync(join(tmpdir(), "cairn-chain-crash-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  test(`chain survives SIGKILL at random moments (${ROUNDS} rounds)`, async () => {
    const dir = join(root, "db");
    let head = 0n;
    let killedBeforeReady = 0;
    let killedBeforeFirstBlock = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const delay = Math.floor(Math.random() * 400);
      const r = await crashRound(dir, delay);
      if (!r.ready) killedBeforeReady++;
      else if (r.lastReported === undefined) killedBeforeFirstBlock++;
      const reported = r.lastReported ?? head;
      const reopened = await check(dir, reported);
      assert.ok(reopened <= reported + 1n, `head ${reopened} is more than one block past the reported ${reported}`);
      head = reopened;
    }
    console.log(`crash rounds: ${ROUNDS}, final head: ${head}`);
    console.log(`killed before the chain opened: ${killedBeforeReady}, before the first block of a round: ${killedBeforeFirstBlock}`);
    assert.ok(head > 0n, "no block was ever imported");
    assert.equal(killedBeforeReady, 0, "every kill lands after the chain has opened");
  });
}
