import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { privateKeyToAddress } from "../crypto/index.js";
import { BEACON_ROOTS_ADDRESS, BlockBuilder, type BuiltBlock, createEngine } from "../execution/index.js";
import { chainSpecAtFork } from "../params/index.js";
import { type Address, bytesToHex, type Hash32, hexToBytes } from "../primitives/index.js";
import { MemoryCodeStore, StateDb } from "../state/index.js";
import { MemoryNodeStore } from "../trie/index.js";
import { encodeBlock, genesisHeader, type SealedBlock, type SealedHeader, sealHeader, signTransaction } from "../types/index.js";

const MAIN = join(dirname(fileURLToPath(import.meta.url)), "main.js");
const dir = mkdtempSync(join(tmpdir(), "cairn-blocktest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  name: string;
  fork: string;
  pass: boolean;
  lastblockhash: string;
  error: string | null;
}

function write(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

/** Runs the command; files run inline (--timeout 0) unless `worker` is set. */
function run(args: string[], input?: string, worker = false): { status: number | null; lines: Entry[][]; stderr: string } {
  const all = worker ? args : ["--timeout", "0", ...args];
  const r = spawnSync(process.execPath, [MAIN, "blocktest", ...all], { input, encoding: "utf8", timeout: 60_000 });
  const lines = r.stdout
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Entry[]);
  return { status: r.status, lines, stderr: r.stderr };
}

type Fixture = Record<string, Record<string, unknown> & { blocks: Record<string, unknown>[] }>;

const KEY = new Uint8Array(32).fill(0x42);
const SENDER = privateKeyToAddress(KEY);
const RECIPIENT = hexToBytes("0x0000000000000000000000000000000000001234") as Address;
const COINBASE = hexToBytes("0x00000000000000000000000000000000000c0ffe") as Address;
/** PUSH0 CALLDATALOAD PUSH0 SSTORE STOP: a stand-in beacon roots contract (EIP-4788) keeping the root in slot 0. */
const STORE_CALLDATA = "0x5f355f5500";
const TEST = "sideChains_Cancun";

const quantity = (n: bigint): string => `0x${n.toString(16)}`;

function genesisJson(h: SealedHeader): Record<string, string> {
  const x = h.header;
  return {
    parentHash: bytesToHex(x.parentHash),
    coinbase: bytesToHex(x.coinbase),
    stateRoot: bytesToHex(x.stateRoot),
    difficulty: quantity(x.difficulty),
    number: quantity(x.number),
    gasLimit: quantity(x.gasLimit),
    gasUsed: quantity(x.gasUsed),
    timestamp: quantity(x.timestamp),
    extraData: bytesToHex(x.extraData),
    mixHash: bytesToHex(x.mixHash),
    nonce: bytesToHex(x.nonce),
    baseFeePerGas: quantity(x.baseFeePerGas!),
    blobGasUsed: quantity(x.blobGasUsed!),
    excessBlobGas: quantity(x.excessBlobGas!),
    parentBeaconBlockRoot: bytesToHex(x.parentBeaconBlockRoot!),
    hash: bytesToHex(h.hash),
  };
}

/**
 * A Cancun test built with the BlockBuilder: chain B (B1, B2) from genesis, then an invalid
 * block (A1 with a wrong state root), then A1 itself. Post-Merge the last valid block is the
 * head, so the head is A1 although chain B is longer.
 */
function generate(): Fixture {
  const spec = chainSpecAtFork("Cancun");
  const nodes = new MemoryNodeStore();
  const codes = new MemoryCodeStore();
  const pre = {
    [bytesToHex(SENDER)]: { balance: quantity(10n ** 18n), nonce: "0x00", code: "0x", storage: {} },
    [bytesToHex(BEACON_ROOTS_ADDRESS)]: { balance: "0x00", nonce: "0x01", code: STORE_CALLDATA, storage: {} },
  };
  const state = new StateDb({ nodes, codes });
  state.putAccount(SENDER, { balance: 10n ** 18n });
  state.putAccount(BEACON_ROOTS_ADDRESS, { nonce: 1n, code: hexToBytes(STORE_CALLDATA) });
  const genesis = sealHeader(genesisHeader({ spec, gasLimit: 30_000_000n, timestamp: 1000n, alloc: [] }, state.persist(codes) as Hash32));
  const engine = createEngine("Cancun");
  const build = (parent: SealedHeader, nonce: bigint, value: bigint): BuiltBlock => {
    const chain = { spec, parent, ancestorHash: () => parent.hash, engineFor: () => engine };
    const builder = new BlockBuilder(new StateDb({ nodes, codes, root: parent.header.stateRoot }), chain, {
      coinbase: COINBASE,
      timestamp: parent.header.timestamp + 12n,
      gasLimit: parent.header.gasLimit,
      prevRandao: new Uint8Array(32) as Hash32,
      withdrawals: [],
      parentBeaconBlockRoot: new Uint8Array(32).fill(9) as Hash32,
    });
    const fees = { chainId: 1n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 2n, accessList: [] };
    const tx = signTransaction({ type: 2, ...fees, nonce, gasLimit: 21_000n, to: RECIPIENT, value, data: new Uint8Array(0) }, KEY);
    assert.ok(builder.addTransaction(tx).ok);
    const built = builder.finish();
    nodes.write(built.commit.nodes);
    return built;
  };
  const rlp = (b: SealedBlock): string => bytesToHex(encodeBlock(b.header.header, b.body));
  const b1 = build(genesis, 0n, 2000n).block;
  const b2 = build(b1.header, 1n, 3000n).block;
  const a1 = build(genesis, 0n, 1000n).block;
  const bad = sealHeader({ ...a1.header.header, stateRoot: new Uint8Array(32) as Hash32 });

  const head = new StateDb({ nodes, codes, root: a1.header.header.stateRoot });
  const postState: Record<string, unknown> = {};
  for (const a of [SENDER, RECIPIENT, COINBASE, BEACON_ROOTS_ADDRESS]) {
    const slot0 = head.getStorage(a, 0n);
    postState[bytesToHex(a)] = {
      balance: quantity(head.getBalance(a)),
      nonce: quantity(head.getNonce(a)),
      code: bytesToHex(head.getCode(a)),
      storage: slot0 === 0n ? {} : { "0x00": quantity(slot0) },
    };
  }
  return {
    [TEST]: {
      network: "Cancun",
      pre,
      genesisBlockHeader: genesisJson(genesis),
      blocks: [
        { rlp: rlp(b1) },
        { rlp: rlp(b2) },
        { rlp: rlp({ header: bad, body: a1.body }), expectException: "BlockException.INVALID_STATE_ROOT" },
        { rlp: rlp(a1) },
      ],
      lastblockhash: bytesToHex(a1.header.hash),
      postState,
      sealEngine: "NoProof",
    },
  };
}

const GENERATED = JSON.stringify(generate());
const FIXTURE = write("generated.json", GENERATED);

function fixture(): Fixture {
  return JSON.parse(GENERATED) as Fixture;
}

describe("cairn blocktest", () => {
  test("a passing fixture: one line, one entry per test, exit 0", () => {
    const r = run([FIXTURE]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.lines.length, 1);
    const [e] = r.lines[0]!;
    assert.deepEqual(Object.keys(e!), ["name", "fork", "pass", "lastblockhash", "error"]);
    assert.equal(e!.name, "sideChains_Cancun");
    assert.equal(e!.fork, "Cancun");
    assert.equal(e!.pass, true);
    assert.equal(e!.error, null);
    assert.equal(e!.lastblockhash, fixture()[TEST]!.lastblockhash);
  });

  test("in a worker thread (the default), and paths from stdin", () => {
    const r = run([], `${FIXTURE}\n\n${FIXTURE}\n`, true);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.lines.length, 2);
    assert.ok(r.lines.every((l) => l[0]!.pass));
  });

  test("an invalid block accepted or a valid one refused, a wrong head or post state: failed entries, exit 1", () => {
    const mustImport = fixture();
    delete mustImport[TEST]!.blocks[2]!.expectException;
    const mustReject = fixture();
    mustReject[TEST]!.blocks[1]!.expectException = "BlockException.INVALID_STATE_ROOT";
    const wrongHead = fixture();
    wrongHead[TEST]!.lastblockhash = (wrongHead[TEST]!.genesisBlockHeader as Record<string, string>).hash;
    const wrongPost = fixture();
    const post = wrongPost[TEST]!.postState as Record<string, Record<string, string>>;
    post[bytesToHex(SENDER)]!.nonce = "0x77";
    const extraAccount = fixture();
    delete (extraAccount[TEST]!.postState as Record<string, unknown>)[bytesToHex(COINBASE)];

    const r = run([mustImport, mustReject, wrongHead, wrongPost, extraAccount].map((f, i) => write(`bad${i}.json`, f)));
    assert.equal(r.status, 1);
    const errors = r.lines.map((l) => l[0]!.error ?? "");
    assert.match(errors[0]!, /block 2 rejected: INVALID_STATE_ROOT/);
    assert.match(errors[1]!, /block 1: expected BlockException.INVALID_STATE_ROOT, but it was imported/);
    assert.match(errors[2]!, /last block hash/);
    assert.match(errors[3]!, /nonce 1, expected 119/);
    assert.match(errors[4]!, /accounts or slots beyond those listed/);
    assert.ok(r.lines.every((l) => !l[0]!.pass));
  });

  test("a block whose rlp is not even hex is rejected like any undecodable block", () => {
    const f = fixture();
    f[TEST]!.blocks.push({ rlp: "not hex", expectException: "BlockException.RLP_STRUCTURES_ENCODING" });
    const r = run([write("e.json", f)]);
    assert.equal(r.status, 0, JSON.stringify(r.lines));
  });
});

describe("cairn blocktest on bad input", () => {
  test("unreadable files, malformed JSON and broken tests are failed entries, never a crash", () => {
    const r = run([
      join(dir, "absent.json"),
      write("malformed.json", "{ not json"),
      write("array.json", []),
      write("broken.json", { t1: { network: "Cancun" }, t2: { network: "NoSuchFork" }, t3: 7 }),
    ]);
    assert.equal(r.status, 1);
    assert.equal(r.lines.length, 4);
    assert.match(r.lines[0]![0]!.error!, /cannot read fixture/);
    assert.match(r.lines[1]![0]!.error!, /cannot read fixture/);
    assert.match(r.lines[2]![0]!.error!, /JSON object of tests/);
    const broken = r.lines[3]!;
    assert.deepEqual(
      broken.map((e) => [e.name, e.fork, e.pass]),
      [
        ["t1", "Cancun", false],
        ["t2", "NoSuchFork", false],
        ["t3", "", false],
      ],
    );
    assert.match(broken[0]!.error!, /^bad fixture: /);
    assert.match(broken[1]!.error!, /unsupported network/);
  });

  test("usage errors exit 2", () => {
    const r = spawnSync(process.execPath, [MAIN, "blocktest", "--bogus"], { encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage: cairn blocktest/);
  });
});
