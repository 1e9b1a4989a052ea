/**
 * Conformance: block decoding over the BlockchainTests of ethereum/tests (ValidBlocks and
 * InvalidBlocks). For the genesis block and every block the fixture describes with a
 * `blockHeader`, our decoder must accept the RLP, every header field must equal the fixture's,
 * the header hash must equal the fixture's `hash`, re-encoding must give the same bytes, and
 * the transactions root, ommers hash and withdrawals root computed from the body must equal
 * the header's. The genesis header is also rebuilt from the chain spec of the test's network
 * and the fixture's genesis fields (with the fixture's state root, which execution computes)
 * and must hash the same.
 *
 * A second runner rebuilds the genesis headers of GenesisTests from their genesis fields and the
 * state root of the expected block.
 *
 * Blocks with `expectException` are counted, not asserted: most are invalid for execution
 * reasons and decode fine. Receipts roots and blooms need execution in general; the one case
 * that does not is checked: a block with one transaction and an empty bloom has one receipt
 * without logs whose cumulative gas is the header's gasUsed, so its receipts root must be that
 * receipt's (with status 1 or 0).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { chainSpecForNetwork, type Genesis, genesisFromJson } from "../../src/params/index.js";
import { type Address, bytesToHex, type Hash32, hexToBytes, hexToBytesLoose, parseBigint } from "../../src/primitives/index.js";
import {
  BlockError,
  decodeBlock,
  encodeBlock,
  encodeHeader,
  genesisHeader,
  type Header,
  headerHash,
  ommersHash,
  receiptsRoot,
  type SealedBlock,
  transactionsRoot,
  withdrawalsRoot,
} from "../../src/types/index.js";
import { fixturePath, listJsonFiles } from "../fixtures.js";

type JsonHeader = Record<string, string>;

interface JsonBlock {
  rlp: string;
  blockHeader?: JsonHeader;
  expectException?: string;
  withdrawals?: { index: string; validatorIndex: string; address: string; amount: string }[];
  transactions?: unknown[];
  uncleHeaders?: unknown[];
}

interface BlockchainTest {
  network: string;
  genesisBlockHeader: JsonHeader;
  genesisRLP: string;
  blocks: JsonBlock[];
}

/** Fixture header keys and our field names (only the names that differ are listed). */
const FIELD_NAMES: Record<string, keyof Header> = {
  bloom: "logsBloom",
  receiptTrie: "receiptsRoot",
  transactionsTrie: "transactionsRoot",
  uncleHash: "ommersHash",
};

const INTEGER_FIELDS = new Set<keyof Header>([
  "difficulty",
  "number",
  "gasLimit",
  "gasUsed",
  "timestamp",
  "baseFeePerGas",
  "blobGasUsed",
  "excessBlobGas",
]);

function show(v: unknown): string {
  if (v instanceof Uint8Array) return bytesToHex(v);
  return String(v);
}

/** Every fixture field against the decoded header; returns the mismatches. */
function compareHeader(h: Header, json: JsonHeader): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (key === "hash") continue;
    const name = FIELD_NAMES[key] ?? (key as keyof Header);
    if (!(name in h)) {
      out.push(`${key}: missing from the decoded header`);
      continue;
    }
    const ours = h[name];
    const same = INTEGER_FIELDS.has(name) ? ours === parseBigint(value) : bytesToHex(ours as Uint8Array) === value.toLowerCase();
    if (!same) out.push(`${key}: ours ${show(ours)}, fixture ${value}`);
  }
  return out;
}

const receiptChecks = { matched: 0, notApplicable: 0 };

/** The receipts root of a one-transaction block without logs, when the block is one. */
function checkSingleReceipt(block: SealedBlock): string | undefined {
  const h = block.header.header;
  const tx = block.body.transactions[0];
  if (block.body.transactions.length !== 1 || !tx || h.logsBloom.some((b) => b !== 0)) {
    receiptChecks.notApplicable++;
    return undefined;
  }
  const want = bytesToHex(h.receiptsRoot);
  for (const status of [1, 0] as const) {
    const root = receiptsRoot([{ type: tx.type, status, cumulativeGasUsed: h.gasUsed, logsBloom: h.logsBloom, logs: [] }]);
    if (bytesToHex(root) === want) {
      receiptChecks.matched++;
      return undefined;
    }
  }
  return "receipts root of the single receipt differs";
}

/** The checks on a block the fixture describes as valid. */
function checkValidBlock(rlpHex: string, json: JsonHeader, extra?: JsonBlock): string[] {
  const bytes = hexToBytes(rlpHex);
  let block: SealedBlock;
  try {
    block = decodeBlock(bytes);
  } catch (e) {
    return [`decoding failed: ${(e as Error).message}`];
  }
  const h = block.header.header;
  const problems = compareHeader(h, json);
  if (bytesToHex(block.header.hash) !== json.hash) problems.push(`hash ${bytesToHex(block.header.hash)}, fixture ${json.hash}`);
  if (bytesToHex(headerHash(h)) !== json.hash) problems.push("hash of the re-encoded header differs");
  if (bytesToHex(encodeBlock(h, block.body)) !== rlpHex.toLowerCase()) problems.push("re-encoding differs from the input");
  const txRoot = transactionsRoot(block.body.transactions);
  if (bytesToHex(txRoot) !== bytesToHex(h.transactionsRoot)) problems.push(`transactions root ${bytesToHex(txRoot)}`);
  const oHash = ommersHash(block.body.ommers);
  if (bytesToHex(oHash) !== bytesToHex(h.ommersHash)) problems.push(`ommers hash ${bytesToHex(oHash)}`);
  if (h.withdrawalsRoot) {
    const wRoot = withdrawalsRoot(block.body.withdrawals ?? []);
    if (bytesToHex(wRoot) !== bytesToHex(h.withdrawalsRoot)) problems.push(`withdrawals root ${bytesToHex(wRoot)}`);
  }
  const receiptProblem = checkSingleReceipt(block);
  if (receiptProblem) problems.push(receiptProblem);
  if (extra?.transactions && extra.transactions.length !== block.body.transactions.length) problems.push("transaction count differs");
  if (extra?.uncleHeaders && extra.uncleHeaders.length !== block.body.ommers.length) problems.push("ommer count differs");
  if (extra?.withdrawals) {
    const ours = (block.body.withdrawals ?? []).map((w) => [w.index, w.validatorIndex, bytesToHex(w.address), w.amount].join());
    const theirs = extra.withdrawals.map((w) =>
      [parseBigint(w.index), parseBigint(w.validatorIndex), w.address.toLowerCase(), parseBigint(w.amount)].join(),
    );
    if (ours.join(";") !== theirs.join(";")) problems.push("withdrawals differ");
  }
  return problems;
}

/** The genesis header rebuilt from the network's chain spec and the fixture's genesis fields. */
function rebuiltGenesisHash(t: BlockchainTest): string | undefined {
  const spec = chainSpecForNetwork(t.network);
  if (!spec) return undefined;
  const g = t.genesisBlockHeader;
  const genesis: Genesis = {
    spec,
    nonce: parseBigint(g.nonce!),
    timestamp: parseBigint(g.timestamp!),
    extraData: hexToBytesLoose(g.extraData!),
    gasLimit: parseBigint(g.gasLimit!),
    difficulty: parseBigint(g.difficulty!),
    mixHash: hexToBytes(g.mixHash!) as Hash32,
    coinbase: hexToBytes(g.coinbase!) as Address,
    baseFeePerGas: g.baseFeePerGas === undefined ? undefined : parseBigint(g.baseFeePerGas),
    excessBlobGas: g.excessBlobGas === undefined ? undefined : parseBigint(g.excessBlobGas),
    blobGasUsed: g.blobGasUsed === undefined ? undefined : parseBigint(g.blobGasUsed),
    parentBeaconBlockRoot: g.parentBeaconBlockRoot === undefined ? undefined : (hexToBytes(g.parentBeaconBlockRoot) as Hash32),
    alloc: [],
  };
  return bytesToHex(headerHash(genesisHeader(genesis, hexToBytes(g.stateRoot!) as Hash32)));
}

test("BlockchainTests block decoding", () => {
  const dir = fixturePath("BlockchainTests");
  if (!dir) return;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let invalidRejected = 0;
  let rlpInvalid = 0;
  let rlpInvalidRejected = 0;
  let sameCode = 0;
  let genesisRebuilt = 0;
  let genesisNotRebuilt = 0;
  const rejectedCodes = new Map<string, number>();
  const failures: string[] = [];
  for (const file of listJsonFiles(dir)) {
    const tests = JSON.parse(readFileSync(file, "utf8")) as Record<string, BlockchainTest>;
    for (const [name, t] of Object.entries(tests)) {
      const label = `${file.slice(dir.length + 1)}:${name}`;
      const genesisProblems = checkValidBlock(t.genesisRLP, t.genesisBlockHeader);
      const rebuilt = rebuiltGenesisHash(t);
      if (rebuilt === undefined) genesisNotRebuilt++;
      else if (rebuilt !== t.genesisBlockHeader.hash) genesisProblems.push(`genesis rebuilt from the chain spec hashes to ${rebuilt}`);
      else genesisRebuilt++;
      if (genesisProblems.length === 0) passed++;
      else {
        failed++;
        failures.push(`${label} genesis: ${genesisProblems.join("; ")}`);
      }
      t.blocks.forEach((b, i) => {
        if (b.blockHeader) {
          const problems = checkValidBlock(b.rlp, b.blockHeader, b);
          if (problems.length === 0) passed++;
          else {
            failed++;
            failures.push(`${label} block ${i}: ${problems.join("; ")}`);
          }
          return;
        }
        // Invalid blocks: count what the decoder alone rejects.
        skipped++;
        const isRlp = (b.expectException ?? "").includes("RLP_");
        if (isRlp) rlpInvalid++;
        try {
          decodeBlock(hexToBytesLoose(b.rlp));
        } catch (e) {
          if (!(e instanceof BlockError)) throw e;
          invalidRejected++;
          if (isRlp) rlpInvalidRejected++;
          if ((b.expectException ?? "").split("|").includes(`BlockException.${e.code}`)) sameCode++;
          rejectedCodes.set(e.code, (rejectedCodes.get(e.code) ?? 0) + 1);
        }
      });
    }
  }
  console.log(`Block decoding: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  console.log(`skipped: ${skipped} blocks with expectException (invalid blocks; most are invalid only for execution reasons)`);
  console.log(`invalid blocks rejected by the decoder: ${invalidRejected} of ${skipped}`);
  console.log(`invalid blocks whose expected exception is an RLP one: ${rlpInvalidRejected} of ${rlpInvalid} rejected by the decoder`);
  console.log(`rejections whose code is one of the fixture's expected exceptions: ${sameCode} of ${invalidRejected}`);
  console.log(`decoder rejection codes: ${[...rejectedCodes].map(([c, n]) => `${c} ${n}`).join(", ") || "none"}`);
  console.log(`genesis headers rebuilt from the chain spec: ${genesisRebuilt} matched, ${genesisNotRebuilt} networks without a spec`);
  console.log(
    `# receipts roots rebuilt for one-transaction blocks without logs: ${receiptChecks.matched} matched (${receiptChecks.notApplicable} blocks need execution)`,
  );
  for (const f of failures.slice(0, 20)) console.log(`FAIL ${f}`);
  assert.deepEqual(failures, []);
  assert.ok(passed > 500, "expected the full BlockchainTests set");
});

test("GenesisTests: genesis headers rebuilt from genesis fields and the expected state root", () => {
  const dir = fixturePath("GenesisTests");
  if (!dir) return;
  const tests = JSON.parse(readFileSync(join(dir, "basic_genesis_tests.json"), "utf8")) as Record<string, Record<string, unknown>>;
  let passed = 0;
  const failures: string[] = [];
  for (const [name, t] of Object.entries(tests)) {
    const expected = decodeBlock(hexToBytes(t.result as string));
    // These vectors predate chain configs: a Frontier chain.
    const genesis = genesisFromJson({ ...t, config: { chainId: 1 } });
    const h = genesisHeader(genesis, expected.header.header.stateRoot);
    if (
      bytesToHex(encodeHeader(h)) === bytesToHex(encodeHeader(expected.header.header)) &&
      bytesToHex(headerHash(h)) === bytesToHex(expected.header.hash)
    )
      passed++;
    else failures.push(name);
  }
  console.log(`GenesisTests: ${passed} passed, ${failures.length} failed, 0 skipped`);
  assert.deepEqual(failures, []);
  assert.ok(passed >= 3);
});
