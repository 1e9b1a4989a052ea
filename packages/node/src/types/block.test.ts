import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { type Address, bytesToHex, concatBytes, type Hash32 } from "../primitives/index.js";
import { decodeRlp, encodeRlp, encodeRlpListPayload, type RlpItem } from "../rlp/index.js";
import { EMPTY_TRIE_ROOT } from "../trie/index.js";
import { decodeBlock, encodeBlock } from "./block.js";
import { BlockError } from "./block-error.js";
import { emptyBloom } from "./bloom.js";
import { type BlockBody, decodeBodyItems, EMPTY_OMMERS_HASH, encodeBody, ommersHash, transactionsRoot } from "./body.js";
import { encodeHeader, type Header, headerHash, headerNonce } from "./header.js";
import { encodeTransaction, signTransaction, type Transaction, TxError } from "./tx/index.js";
import { type Withdrawal, withdrawalsRoot } from "./withdrawal.js";

const KEY = new Uint8Array(32).fill(0x45);
const TO = new Uint8Array(20).fill(0x99) as Address;

function transactions(): Transaction[] {
  return [
    signTransaction({ type: 0, nonce: 0n, gasPrice: 10n, gasLimit: 21000n, to: TO, value: 1n, data: new Uint8Array(0), chainId: 1n }, KEY),
    signTransaction(
      {
        type: 2,
        chainId: 1n,
        nonce: 1n,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 20n,
        gasLimit: 50000n,
        to: undefined,
        value: 0n,
        data: Uint8Array.of(0x60, 0),
        accessList: [],
      },
      KEY,
    ),
    signTransaction(
      {
        type: 3,
        chainId: 1n,
        nonce: 2n,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 20n,
        gasLimit: 21000n,
        to: TO,
        value: 0n,
        data: new Uint8Array(0),
        accessList: [{ address: TO, storageKeys: [new Uint8Array(32) as Hash32] }],
        maxFeePerBlobGas: 3n,
        blobVersionedHashes: [Uint8Array.of(1, ...new Uint8Array(31)) as Hash32],
      },
      KEY,
    ),
  ];
}

const withdrawals: Withdrawal[] = [{ index: 0n, validatorIndex: 5n, address: TO, amount: 1n }];

function header(body: BlockBody, cancun: boolean): Header {
  const h: Header = {
    parentHash: new Uint8Array(32).fill(1) as Hash32,
    ommersHash: ommersHash(body.ommers),
    coinbase: TO,
    stateRoot: new Uint8Array(32).fill(2) as Hash32,
    transactionsRoot: transactionsRoot(body.transactions),
    receiptsRoot: EMPTY_TRIE_ROOT as Hash32,
    logsBloom: emptyBloom(),
    difficulty: cancun ? 0n : 131072n,
    number: 1n,
    gasLimit: 30_000_000n,
    gasUsed: 0n,
    timestamp: 12n,
    extraData: new Uint8Array(0),
    mixHash: new Uint8Array(32) as Hash32,
    nonce: headerNonce(cancun ? 0n : 0x42n),
  };
  if (!cancun) return h;
  return {
    ...h,
    baseFeePerGas: 7n,
    withdrawalsRoot: withdrawalsRoot(body.withdrawals!),
    blobGasUsed: 131072n,
    excessBlobGas: 0n,
    parentBeaconBlockRoot: new Uint8Array(32) as Hash32,
  };
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof BlockError) return e.code;
    throw e;
  }
  return "accepted";
}

describe("block codec", () => {
  test("a Cancun block with legacy, fee-market and blob transactions and withdrawals round-trips", () => {
    const body: BlockBody = { transactions: transactions(), ommers: [], withdrawals };
    const h = header(body, true);
    const bytes = encodeBlock(h, body);
    const block = decodeBlock(bytes);
    assert.deepEqual(block.header.header, h);
    assert.deepEqual(block.header.hash, headerHash(h));
    assert.deepEqual(block.body, body);
    assert.deepEqual(encodeBlock(block.header.header, block.body), bytes);
  });

  test("in a body a legacy transaction is a list and a typed one a byte string", () => {
    const body: BlockBody = { transactions: transactions(), ommers: [], withdrawals };
    const parts = decodeRlp(encodeBlock(header(body, true), body)) as unknown[];
    const txs = parts[1] as unknown[];
    assert.ok(Array.isArray(txs[0]));
    assert.deepEqual(txs[1], encodeTransaction(body.transactions[1]!));
    assert.deepEqual(txs[2], encodeTransaction(body.transactions[2]!));
  });

  test("a pre-Shanghai block with ommers", () => {
    const ommer = header({ transactions: [], ommers: [] }, false);
    const body: BlockBody = { transactions: transactions().slice(0, 1), ommers: [ommer, { ...ommer, number: 0n }] };
    const h = header(body, false);
    assert.deepEqual(
      h.ommersHash,
      keccak256(encodeRlpListPayload(concatBytes(encodeHeader(ommer), encodeHeader({ ...ommer, number: 0n })))),
    );
    const block = decodeBlock(encodeBlock(h, body));
    assert.deepEqual(block.body, body);
    assert.equal(block.body.withdrawals, undefined);
  });

  test("empty-list constants", () => {
    assert.equal(bytesToHex(EMPTY_OMMERS_HASH), "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    assert.deepEqual(ommersHash([]), EMPTY_OMMERS_HASH);
    assert.deepEqual(transactionsRoot([]), EMPTY_TRIE_ROOT);
  });

  test("withdrawals are present exactly when the header commits to them", () => {
    const body: BlockBody = { transactions: [], ommers: [], withdrawals };
    const h = header(body, true);
    const [hdr, txs, ommers] = decodeRlp(encodeBlock(h, body)) as unknown[];
    const without = encodeRlp([hdr, txs, ommers] as Uint8Array[]);
    assert.equal(
      codeOf(() => decodeBlock(without)),
      "RLP_WITHDRAWALS_NOT_READ",
    );
    const pre = header({ transactions: [], ommers: [] }, false);
    const withExtra = encodeRlp([decodeRlp(encodeHeader(pre)), [], [], []] as Uint8Array[]);
    assert.equal(
      codeOf(() => decodeBlock(withExtra)),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => encodeBlock(pre, body)),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("malformed blocks", () => {
    const body: BlockBody = { transactions: transactions(), ommers: [], withdrawals };
    const h = header(body, true);
    const good = encodeBlock(h, body);
    const [hdr, txs, ommers, ws] = decodeRlp(good) as unknown[][];
    const typed = txs![1] as Uint8Array;
    const legacyAsString = encodeRlp(txs![0] as Uint8Array[]);
    const cases: [string, Uint8Array, string][] = [
      ["trailing bytes", Uint8Array.of(...good, 0), "RLP_STRUCTURES_ENCODING"],
      ["truncated", good.subarray(0, good.length - 1), "RLP_STRUCTURES_ENCODING"],
      ["two fields", encodeRlp([hdr, txs] as Uint8Array[][]), "RLP_STRUCTURES_ENCODING"],
      ["five fields", encodeRlp([hdr, txs, ommers, ws, []] as Uint8Array[][]), "RLP_STRUCTURES_ENCODING"],
      ["transactions not a list", encodeRlp([hdr, Uint8Array.of(1), ommers, ws] as Uint8Array[][]), "RLP_STRUCTURES_ENCODING"],
      [
        "a legacy transaction wrapped in a string",
        encodeRlp([hdr, [legacyAsString], ommers, ws] as Uint8Array[][]),
        "RLP_STRUCTURES_ENCODING",
      ],
      ["an empty transaction", encodeRlp([hdr, [new Uint8Array(0)], ommers, ws] as Uint8Array[][]), "RLP_STRUCTURES_ENCODING"],
      [
        "an unknown transaction type",
        encodeRlp([hdr, [Uint8Array.of(0x05, ...typed.subarray(1))], ommers, ws] as Uint8Array[][]),
        "RLP_STRUCTURES_ENCODING",
      ],
      [
        "a bad withdrawal",
        encodeRlp([hdr, txs, ommers, [[1n, 1n, new Uint8Array(3), 1n]]] as unknown as Uint8Array[]),
        "RLP_INVALID_ADDRESS",
      ],
      ["a bad ommer", encodeRlp([hdr, txs, [[Uint8Array.of(1)]], ws] as Uint8Array[][]), "RLP_STRUCTURES_ENCODING"],
    ];
    for (const [name, bytes, code] of cases)
      assert.equal(
        codeOf(() => decodeBlock(bytes)),
        code,
        name,
      );
  });

  test("a malformed transaction is reported with the TxError as cause", () => {
    const body: BlockBody = { transactions: transactions(), ommers: [], withdrawals };
    const [hdr, txs, ommers, ws] = decodeRlp(encodeBlock(header(body, true), body)) as unknown[][];
    const shortLegacy = (txs![0] as Uint8Array[]).slice(0, 8);
    try {
      decodeBlock(encodeRlp([hdr, [shortLegacy], ommers, ws] as unknown as Uint8Array[]));
      assert.fail("accepted");
    } catch (e) {
      assert.ok(e instanceof BlockError && e.cause instanceof TxError, String(e));
      assert.match(e.message, /transaction 0/);
    }
  });

  test("network bodies round-trip through encodeBody and decodeBodyItems", () => {
    const body: BlockBody = { transactions: transactions(), ommers: [], withdrawals };
    const [txs, ommers, ws] = decodeRlp(encodeBody(body)) as RlpItem[];
    assert.deepEqual(decodeBodyItems(txs!, ommers!, ws), body);
  });
});
