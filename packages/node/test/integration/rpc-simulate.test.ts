/**
 * eth_simulateV1, eth_getHeaderByNumber/ByHash and the debug_getRaw* methods over a real DevNode:
 * simulated blocks chain on one another without touching the chain, calls see overrides,
 * reverts come back as error objects, traceTransfers adds ERC-7528 logs, validation errors
 * carry the spec's codes; raw encodings decode back to what eth_getBlockByNumber answers.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAddress } from "../../src/evm/index.js";
import { type Address, bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { decodeBlock, decodeHeader, decodeReceipt, decodeTransaction } from "../../src/types/index.js";
import { call, DEV0, DEV1, rpcAt, startDevNode } from "./rpc-helpers.js";

const LOGGER = "0x00000000000000000000000000000000000c0de1";
const REVERTER = "0x00000000000000000000000000000000000c0de2";
const FORWARDER = "0x00000000000000000000000000000000000c0de3";
// mstore(0, 42); log1(0, 32, 1); return(0, 32)
const LOGGER_CODE = "0x602a600052600160206000a160206000f3";
// revert(0, 32)
const REVERTER_CODE = "0x60206000fd";
// call(gas, DEV1, callvalue, 0, 0, 0, 0); stop
const FORWARDER_CODE = `0x600060006000600034${"73"}${DEV1.slice(2)}5af100`;
const BLOCKHASHER = "0x00000000000000000000000000000000000c0de4";
// mstore(0, blockhash(number - 1)); return(0, 32)
const BLOCKHASH_CODE = "0x43600190034060005260206000f3";
const TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
const ETH = "0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

type Obj = Record<string, unknown>;
type SimBlock = Obj & { calls: Obj[]; transactions: unknown[] };

test("eth_simulateV1 and the raw/header methods over a dev node", async (t) => {
  const node = await startDevNode();
  t.after(() => node.stop());
  const url = node.server.url;
  // one real block so the raw methods have a transaction and a receipt
  const sent = (await call(url, "eth_sendTransaction", [{ from: DEV0, to: DEV1, value: "0x1000" }])) as string;
  const head = (await call(url, "eth_getBlockByNumber", ["latest", false])) as Obj;
  const balanceBefore = await call(url, "eth_getBalance", [DEV1, "latest"]);

  await t.test("two blocks: a transfer, then a call that sees it", async () => {
    const res = (await call(url, "eth_simulateV1", [
      {
        blockStateCalls: [
          { calls: [{ from: DEV0, to: DEV1, value: "0x10" }] },
          {
            stateOverrides: { [LOGGER]: { code: LOGGER_CODE } },
            calls: [
              { from: DEV0, to: DEV1, value: "0x20" },
              { from: DEV0, to: LOGGER, data: "0x" },
            ],
          },
        ],
      },
      "latest",
    ])) as SimBlock[];
    assert.equal(res.length, 2);
    const [b1, b2] = res as [SimBlock, SimBlock];
    assert.equal(BigInt(b1.number as string), BigInt(head.number as string) + 1n);
    assert.equal(BigInt(b2.number as string), BigInt(head.number as string) + 2n);
    assert.equal(BigInt(b1.timestamp as string), BigInt(head.timestamp as string) + 12n);
    assert.equal(b2.parentHash, b1.hash);
    assert.equal(b1.parentHash, head.hash);
    assert.equal(b1.baseFeePerGas, "0x0");
    assert.equal(b1.calls[0]!.status, "0x1");
    assert.equal(b1.calls[0]!.gasUsed, "0x5208");
    assert.equal(b1.transactions.length, 1);
    // the second block's transfer took the next nonce
    const full = (await call(url, "eth_simulateV1", [
      {
        blockStateCalls: [
          {
            calls: [
              { from: DEV0, to: DEV1 },
              { from: DEV0, to: DEV1 },
            ],
          },
        ],
        returnFullTransactions: true,
      },
    ])) as SimBlock[];
    const txs = full[0]!.transactions as Obj[];
    assert.equal(BigInt(txs[1]!.nonce as string), BigInt(txs[0]!.nonce as string) + 1n);
    assert.equal(txs[0]!.from, DEV0);
    // the logger's log, with block placement
    const logCall = b2.calls[1]!;
    assert.equal(logCall.status, "0x1");
    assert.equal(logCall.returnData, `0x${"2a".padStart(64, "0")}`);
    const logs = logCall.logs as Obj[];
    assert.equal(logs.length, 1);
    assert.equal(logs[0]!.address, LOGGER);
    assert.deepEqual(logs[0]!.topics, [`0x${"1".padStart(64, "0")}`]);
    assert.equal(logs[0]!.blockHash, b2.hash);
    assert.equal(logs[0]!.transactionIndex, "0x1");
    // nothing was written to the chain
    assert.deepEqual(await call(url, "eth_getBalance", [DEV1, "latest"]), balanceBefore);
    assert.equal(((await call(url, "eth_getBlockByNumber", ["latest", false])) as Obj).hash, head.hash);
  });

  await t.test("state carries over: a contract created in one block runs in the next; BLOCKHASH sees simulated blocks", async () => {
    // initcode copying the logger's 18-byte runtime (LOGGER_CODE) and returning it
    const initcode = `0x6012600c60003960126000f3${LOGGER_CODE.slice(2)}`;
    const res = (await call(url, "eth_simulateV1", [
      {
        returnFullTransactions: true,
        blockStateCalls: [
          { stateOverrides: { [BLOCKHASHER]: { code: BLOCKHASH_CODE } }, calls: [{ from: DEV0, data: initcode }] },
          { calls: [{ from: DEV0, to: BLOCKHASHER }] },
        ],
      },
    ])) as SimBlock[];
    const [b1, b2] = res as [SimBlock, SimBlock];
    const deploy = (b1.transactions as Obj[])[0]!;
    const created = bytesToHex(createAddress(hexToBytes(DEV0) as Address, BigInt(deploy.nonce as string)));
    assert.equal(b1.calls[0]!.status, "0x1");
    assert.equal(b2.calls[0]!.returnData, b1.hash, "BLOCKHASH(number - 1) is the previous simulated block");
    const again = (await call(url, "eth_simulateV1", [
      {
        blockStateCalls: [{ calls: [{ from: DEV0, data: initcode }] }, { calls: [{ from: DEV0, to: created }] }],
      },
    ])) as SimBlock[];
    assert.equal(again[1]!.calls[0]!.returnData, `0x${"2a".padStart(64, "0")}`);
    assert.equal((again[1]!.calls[0]!.logs as Obj[]).length, 1);
    assert.equal(await call(url, "eth_getCode", [created, "latest"]), "0x");
  });

  await t.test("a revert is a result with an error object", async () => {
    const res = (await call(url, "eth_simulateV1", [
      {
        blockStateCalls: [{ stateOverrides: { [REVERTER]: { code: REVERTER_CODE } }, calls: [{ from: DEV0, to: REVERTER }] }],
      },
    ])) as SimBlock[];
    const c = res[0]!.calls[0]!;
    assert.equal(c.status, "0x0");
    assert.equal(c.returnData, "0x");
    assert.deepEqual(c.error, { code: -32000, message: "execution reverted", data: `0x${"0".repeat(64)}` });
  });

  await t.test("a halt is -32015; all calls share the 50M RPC gas cap", async () => {
    const LOOP = "0x00000000000000000000000000000000000c0de5";
    const blocks = [
      { stateOverrides: { [LOOP]: { code: "0x5b600056" } }, calls: [{ from: DEV0, to: LOOP }] },
      { calls: [{ from: DEV0, to: LOOP }] },
    ];
    const res = (await call(url, "eth_simulateV1", [{ blockStateCalls: blocks }])) as SimBlock[];
    const [c1, c2] = [res[0]!.calls[0]!, res[1]!.calls[0]!];
    assert.equal(c1.status, "0x0");
    assert.equal((c1.error as Obj).code, -32015);
    assert.equal((c1.error as Obj).message, "out of gas");
    assert.equal(BigInt(c1.gasUsed as string), 30_000_000n);
    assert.equal(BigInt(c2.gasUsed as string), 20_000_000n, "the second call gets what the cap has left");
    const third = await rpcAt(url, "eth_simulateV1", [{ blockStateCalls: [...blocks, { calls: [{ from: DEV0, to: LOOP }] }] }]);
    assert.equal(third.error?.code, -38013);
  });

  await t.test("traceTransfers adds ERC-7528 logs for top-level and internal value transfers", async () => {
    const res = (await call(url, "eth_simulateV1", [
      {
        traceTransfers: true,
        blockStateCalls: [
          { stateOverrides: { [FORWARDER]: { code: FORWARDER_CODE } }, calls: [{ from: DEV0, to: FORWARDER, value: "0x7" }] },
        ],
      },
    ])) as SimBlock[];
    const c = res[0]!.calls[0]!;
    assert.equal(c.status, "0x1");
    const logs = c.logs as Obj[];
    assert.equal(logs.length, 2);
    const pad = (a: string): string => `0x${a.slice(2).padStart(64, "0")}`;
    assert.deepEqual(
      logs.map((l) => [l.address, l.topics, l.data]),
      [
        [ETH, [TRANSFER, pad(DEV0), pad(FORWARDER)], pad("0x7")],
        [ETH, [TRANSFER, pad(FORWARDER), pad(DEV1)], pad("0x7")],
      ],
    );
    assert.deepEqual(
      logs.map((l) => l.logIndex),
      ["0x0", "0x1"],
    );
  });

  await t.test("block overrides and the order rules", async () => {
    const res = (await call(url, "eth_simulateV1", [
      { blockStateCalls: [{ blockOverrides: { number: `0x${(BigInt(head.number as string) + 3n).toString(16)}`, baseFeePerGas: "0x7" } }] },
    ])) as SimBlock[];
    assert.equal(res.length, 3, "the gap is filled with empty blocks");
    assert.equal(res[2]!.baseFeePerGas, "0x7");
    const bad = await rpcAt(url, "eth_simulateV1", [{ blockStateCalls: [{ blockOverrides: { number: head.number } }] }]);
    assert.equal(bad.error?.code, -38020);
    const badTime = await rpcAt(url, "eth_simulateV1", [{ blockStateCalls: [{ blockOverrides: { time: head.timestamp } }] }]);
    assert.equal(badTime.error?.code, -38021);
    const tooMany = await rpcAt(url, "eth_simulateV1", [
      { blockStateCalls: [{ blockOverrides: { number: `0x${(BigInt(head.number as string) + 257n).toString(16)}` } }] },
    ]);
    assert.equal(tooMany.error?.code, -38026);
    assert.equal(tooMany.error?.message, "too many blocks");
    const empty = await rpcAt(url, "eth_simulateV1", [{ blockStateCalls: [] }]);
    assert.equal(empty.error?.code, -32602);
  });

  await t.test("validation errors carry the spec's codes", async () => {
    const low = await rpcAt(url, "eth_simulateV1", [
      { validation: true, blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, nonce: "0x0", maxFeePerGas: "0x1000000000" }] }] },
    ]);
    assert.equal(low.error?.code, -38010);
    assert.match(low.error?.message ?? "", /nonce too low/);
    const high = await rpcAt(url, "eth_simulateV1", [
      { validation: true, blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, nonce: "0x99", maxFeePerGas: "0x1000000000" }] }] },
    ]);
    assert.equal(high.error?.code, -38011);
    const intrinsic = await rpcAt(url, "eth_simulateV1", [{ blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, gas: "0x100" }] }] }]);
    assert.equal(intrinsic.error?.code, -38013);
    const funds = await rpcAt(url, "eth_simulateV1", [
      { blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, value: "0xffffffffffffffffffffffffffffffff" }] }] },
    ]);
    assert.equal(funds.error?.code, -38014);
    const gasLimit = await rpcAt(url, "eth_simulateV1", [
      { blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, gas: "0xffffffffffff" }] }] },
    ]);
    assert.equal(gasLimit.error?.code, -38015);
    // with validation the base fee follows EIP-1559 and is not 0
    const ok = (await call(url, "eth_simulateV1", [
      { validation: true, blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, maxFeePerGas: "0x1000000000" }] }] },
    ])) as SimBlock[];
    assert.notEqual(ok[0]!.baseFeePerGas, "0x0");
    assert.equal(ok[0]!.calls[0]!.status, "0x1");
  });

  await t.test("eth_getHeaderByNumber/ByHash answer the block's header fields", async () => {
    const byNumber = (await call(url, "eth_getHeaderByNumber", ["latest"])) as Obj;
    const byHash = (await call(url, "eth_getHeaderByHash", [head.hash])) as Obj;
    assert.deepEqual(byNumber, byHash);
    const expected = { ...head };
    for (const k of ["size", "uncles", "transactions", "withdrawals", "totalDifficulty"]) delete expected[k];
    assert.deepEqual(byNumber, expected);
    assert.equal(await call(url, "eth_getHeaderByNumber", ["0xffff"]), null);
  });

  await t.test("debug_getRaw* decode back to the stored block", async () => {
    const rawHeader = (await call(url, "debug_getRawHeader", ["latest"])) as string;
    const header = decodeHeader(hexToBytes(rawHeader));
    assert.equal(`0x${header.number.toString(16)}`, head.number);
    assert.equal(header.gasUsed, BigInt(head.gasUsed as string));
    const rawBlock = (await call(url, "debug_getRawBlock", [head.hash])) as string;
    const block = decodeBlock(hexToBytes(rawBlock));
    assert.equal(block.header.header.stateRoot.length, 32);
    assert.equal(Buffer.from(block.header.hash).toString("hex"), (head.hash as string).slice(2));
    assert.equal(block.body.transactions.length, 1);
    const rawTx = (await call(url, "debug_getRawTransaction", [sent])) as string;
    assert.equal(rawTx, await call(url, "eth_getRawTransactionByHash", [sent]));
    assert.equal(decodeTransaction(hexToBytes(rawTx)).nonce, block.body.transactions[0]!.nonce);
    const rawReceipts = (await call(url, "debug_getRawReceipts", [{ blockHash: head.hash }])) as string[];
    assert.equal(rawReceipts.length, 1);
    const receipt = (await call(url, "eth_getTransactionReceipt", [sent])) as Obj;
    const decoded = decodeReceipt(hexToBytes(rawReceipts[0]!));
    assert.equal(decoded.cumulativeGasUsed, BigInt(receipt.cumulativeGasUsed as string));
    assert.equal(decoded.status, 1);
    assert.deepEqual(await call(url, "debug_getBadBlocks", []), []);
    assert.equal(await call(url, "debug_getRawTransaction", [`0x${"ab".repeat(32)}`]), null);
    const missing = await rpcAt(url, "debug_getRawBlock", ["0xffff"]);
    assert.equal(missing.error?.code, -32000);
  });
});
