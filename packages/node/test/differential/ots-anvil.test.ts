/**
 * Otterscan's API (ots_*, erigon_getHeaderByNumber) of cairn dev side by side with anvil. The same
 * signed transactions (a factory deployed, a call that creates with CREATE and CREATE2, moves
 * value inside and self-destructs, a reverting call, transfers) go to both chains, which mine each
 * in a block of its own; then every ots_ method is asked the same question on both. Transaction
 * hashes and gas are the same on both chains, block hashes, timestamps and base fees are not, so
 * blocks are compared by their members and their deterministic values. Where anvil departs from
 * Erigon (the reference implementation of the API), the difference is named in the assertion.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { keccak256 } from "../../src/crypto/index.js";
import { createAddress } from "../../src/evm/index.js";
import type { DevNode } from "../../src/node/index.js";
import { addressFromHex, bytesToHex } from "../../src/primitives/index.js";
import { compileStandardJson } from "../e2e/contracts.js";
import { call, DEV0, DEV1, startDevNode } from "../integration/rpc-helpers.js";
import { Anvil, findAnvil } from "./anvil.js";
import { rawTx } from "./trace-scenario.js";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Child {
    uint256 public v;
    constructor(uint256 a) payable { v = a; }
    function kill(address payable to) external { selfdestruct(to); }
}
contract Factory {
    event Made(address c);
    function make(uint256 v) external payable returns (address) {
        require(msg.value >= 2, "send two wei");
        Child c = new Child{value: 1}(v);
        Child c2 = new Child{salt: bytes32(v)}(v + 1);
        c2.kill(payable(msg.sender));
        payable(address(0xdead)).transfer(1);
        (bool ok, ) = address(0x1).staticcall("");
        ok;
        emit Made(address(c));
        return address(c);
    }
    function fail(uint256 v) external pure { require(v == 0, "factory says no"); }
}`;

function factoryBytecode(): string {
  const input = {
    language: "Solidity",
    sources: { "F.sol": { content: SOURCE } },
    settings: { evmVersion: "prague", optimizer: { enabled: true, runs: 200 }, outputSelection: { "*": { "*": ["evm.bytecode.object"] } } },
  };
  const out = JSON.parse(compileStandardJson(JSON.stringify(input))) as {
    contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
  };
  return `0x${out.contracts["F.sol"]!.Factory!.evm.bytecode.object}`;
}

const FACTORY = bytesToHex(createAddress(addressFromHex(DEV0), 0n));
const CHILD = bytesToHex(createAddress(addressFromHex(FACTORY), 1n));
const word = (v: bigint): string => v.toString(16).padStart(64, "0");
const selector = (sig: string): string => bytesToHex(keccak256(new TextEncoder().encode(sig)).subarray(0, 4));

type Json = Record<string, unknown>;
const keys = (o: unknown): string[] => Object.keys(o as Json).sort();
const lower = (v: unknown): unknown => JSON.parse(JSON.stringify(v).toLowerCase());

const anvilBinary = findAnvil();

describe("ots_*: cairn dev and anvil agree", { skip: "reason" in anvilBinary ? anvilBinary.reason : false, timeout: 120_000 }, () => {
  let anvil: Anvil;
  let node: DevNode;
  const hashes: string[] = [];
  const both = async (method: string, params: unknown[]): Promise<[unknown, unknown]> => [
    await call(node.server.url, method, params),
    await anvil.call(method, params),
  ];

  before(async () => {
    anvil = await Anvil.start((anvilBinary as { path: string }).path);
    node = await startDevNode();
    const raws = [
      rawTx(0, undefined, factoryBytecode()),
      rawTx(1, FACTORY, `${selector("make(uint256)")}${word(7n)}`, 5n),
      rawTx(2, FACTORY, `${selector("fail(uint256)")}${word(3n)}`),
      rawTx(3, DEV1, "0x", 10n),
      rawTx(4, DEV1, "0x", 11n),
      rawTx(5, DEV1, "0x", 12n),
    ];
    for (const raw of raws) {
      const [c, a] = await both("eth_sendRawTransaction", [raw]);
      assert.equal(c, a);
      hashes.push(c as string);
    }
  });
  after(async () => {
    await node?.stop();
    await anvil?.stop();
  });

  test("api level, hasCode, sender and nonce, contract creator", async () => {
    for (const [method, params] of [
      ["ots_getApiLevel", []],
      ["ots_hasCode", [FACTORY, "latest"]],
      ["ots_hasCode", [DEV1, "latest"]],
      ["ots_hasCode", [CHILD, "latest"]],
      ["ots_getTransactionBySenderAndNonce", [DEV0, 2]],
      ["ots_getTransactionBySenderAndNonce", [DEV0, 40]],
      ["ots_getContractCreator", [FACTORY]],
      ["ots_getContractCreator", [CHILD]],
      ["ots_getContractCreator", [DEV1]],
    ] as const) {
      const [c, a] = await both(method, [...params]);
      assert.deepEqual(lower(c), lower(a), `${method} ${JSON.stringify(params)}`);
    }
    // the CREATE2 child self-destructed in the same transaction (EIP-6780): no code, no creator
    const trace = (await call(node.server.url, "ots_traceTransaction", [hashes[1]])) as Json[];
    const salted = trace.find((e) => e.type === "CREATE2")!.to as string;
    assert.equal(await call(node.server.url, "ots_hasCode", [salted, "latest"]), false);
    assert.equal(await call(node.server.url, "ots_getContractCreator", [salted]), null);
  });

  test("internal operations, transaction error, trace", async () => {
    for (const h of hashes.slice(1, 3)) {
      const [cOps, aOps] = (await both("ots_getInternalOperations", [h])) as [Json[], Json[]];
      // anvil lists the transaction's own value transfer too; Erigon skips the depth-0 frame
      const aInner = aOps.filter((o) => !(o.type === 0 && (o.from as string).toLowerCase() === DEV0));
      assert.deepEqual(lower(cOps), lower(aInner), `internal operations of ${h}`);
      const [cErr, aErr] = await both("ots_getTransactionError", [h]);
      assert.equal(cErr, aErr);
      const [cTrace, aTrace] = (await both("ots_traceTransaction", [h])) as [Json[], Json[]];
      // anvil leaves out creations and self-destructs, which Erigon lists, and gives a
      // STATICCALL or DELEGATECALL the value 0x0 where Erigon has none (null)
      const comparable = cTrace.filter((e) => ["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"].includes(e.type as string));
      const anvilAsErigon = aTrace.map((e) => (e.type === "STATICCALL" || e.type === "DELEGATECALL" ? { ...e, value: null } : e));
      assert.deepEqual(lower(comparable), lower(anvilAsErigon), `trace of ${h}`);
    }
    const make = (await call(node.server.url, "ots_traceTransaction", [hashes[1]])) as Json[];
    assert.deepEqual(
      make.map((e) => `${e.type}@${e.depth}`),
      ["CALL@0", "CREATE@1", "CREATE2@1", "CALL@1", "SELFDESTRUCT@2", "CALL@1", "STATICCALL@1"],
    );
  });

  test("block details and block transactions", async () => {
    for (const n of [1, 2, 3]) {
      const [c, a] = (await both("ots_getBlockDetails", [n])) as [Json, Json];
      assert.deepEqual(keys(c), keys(a));
      assert.deepEqual(c.issuance, a.issuance);
      const cb = c.block as Json;
      const ab = a.block as Json;
      // the two dev chains start from different base fees: fees are checked against cairn's receipts
      const receipts = (await call(node.server.url, "eth_getBlockReceipts", [`0x${n.toString(16)}`])) as Json[];
      const fees = receipts.reduce((sum, r) => sum + BigInt(r.gasUsed as string) * BigInt(r.effectiveGasPrice as string), 0n);
      assert.equal(c.totalFees, `0x${fees.toString(16)}`, `totalFees of block ${n}`);
      assert.deepEqual(keys(cb), keys(ab));
      for (const k of ["number", "gasUsed", "transactionCount"]) assert.equal(cb[k], ab[k], k);
      // Erigon drops logsBloom from the block details; anvil keeps it
      assert.equal(cb.logsBloom, null);
      const byHash = (await call(node.server.url, "ots_getBlockDetailsByHash", [cb.hash])) as Json;
      assert.deepEqual(byHash, c);
    }
    const [c, a] = (await both("ots_getBlockTransactions", [2, 0, 10])) as [Json, Json];
    assert.deepEqual(keys(c), keys(a));
    const ct = (c.fullblock as Json).transactions as Json[];
    const at = (a.fullblock as Json).transactions as Json[];
    assert.deepEqual(
      ct.map((t) => [t.hash, t.input]),
      at.map((t) => [t.hash, t.input]),
    );
    assert.equal(ct[0]!.input, selector("make(uint256)"));
    const cr = (c.receipts as Json[])[0]!;
    const ar = (a.receipts as Json[])[0]!;
    for (const k of ["status", "gasUsed", "transactionHash", "from", "to"]) assert.equal(cr[k], ar[k], k);
    // Erigon nulls a receipt's logs and bloom here; anvil keeps them
    assert.equal(cr.logs, null);
  });

  test("address history pages: same transactions, same page flags", async () => {
    for (const [method, params] of [
      ["ots_searchTransactionsBefore", [DEV0, 0, 2]],
      ["ots_searchTransactionsBefore", [DEV0, 4, 2]],
      ["ots_searchTransactionsBefore", [DEV0, 2, 2]],
      ["ots_searchTransactionsAfter", [DEV0, 0, 2]],
      ["ots_searchTransactionsAfter", [DEV0, 2, 2]],
      ["ots_searchTransactionsAfter", [DEV0, 4, 5]],
      ["ots_searchTransactionsBefore", [DEV1, 0, 25]],
      ["ots_searchTransactionsBefore", [FACTORY, 0, 25]],
    ] as const) {
      const [c, a] = (await both(method, [...params])) as [Json, Json];
      const what = `${method} ${JSON.stringify(params)}`;
      assert.deepEqual(keys(c), keys(a), what);
      const ctx = c.txs as Json[];
      const atx = a.txs as Json[];
      assert.deepEqual(
        ctx.map((t) => t.hash),
        atx.map((t) => t.hash),
        what,
      );
      assert.deepEqual(
        (c.receipts as Json[]).map((r) => [r.transactionHash, r.status, r.gasUsed]),
        (a.receipts as Json[]).map((r) => [r.transactionHash, r.status, r.gasUsed]),
        what,
      );
      assert.equal(c.firstPage, a.firstPage, `${what} firstPage`);
      assert.equal(c.lastPage, a.lastPage, `${what} lastPage`);
      for (const r of c.receipts as Json[]) assert.match(r.timestamp as string, /^0x[0-9a-f]+$/);
    }
  });

  test("erigon_getHeaderByNumber: geth's header members", async () => {
    const [c, a] = (await both("erigon_getHeaderByNumber", [2])) as [Json, Json];
    // anvil answers a whole block; Erigon the header: cairn's members are the header's
    for (const k of keys(c)) assert.ok(k in a, k);
    for (const k of ["transactions", "uncles", "size"]) assert.equal(k in c, false, k);
    assert.equal(c.number, "0x2");
    assert.equal(await call(node.server.url, "erigon_getHeaderByNumber", [999]), null);
  });
});
