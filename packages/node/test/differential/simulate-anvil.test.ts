/**
 * Differential: eth_simulateV1 sent to anvil and to cairn dev side by side. Compared: what both
 * follow from the execution-apis spec, per call: status, gas used, return data of successful
 * calls, and logs (address, topics, data), including traceTransfers' ERC-7528 transfer logs and
 * a state-overridden contract's logs. Not compared, as anvil differs from geth there (cairn
 * follows geth): anvil leaves parentHash and stateRoot zero, keeps the chain's base fee without
 * validation, numbers the first simulated block as the base block, fills no number gaps, accepts
 * numbers and timestamps out of order, answers a revert with code -3200 "execution failed" and
 * the revert data as returnData (geth: -32000 "execution reverted", data in the error object,
 * returnData "0x"), and reports validation errors with other codes and wording.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { type AnvilPeer, startAnvil } from "../integration/anvil-peer.js";
import { rpcAt, startDevNode } from "../integration/rpc-helpers.js";
import { findAnvil } from "./anvil.js";

const DEV0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const DEV1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const LOGGER = "0x00000000000000000000000000000000000c0de1";
const REVERTER = "0x00000000000000000000000000000000000c0de2";
const FORWARDER = "0x00000000000000000000000000000000000c0de3";
// mstore(0, 42); log1(0, 32, 1); return(0, 32)
const LOGGER_CODE = "0x602a600052600160206000a160206000f3";
const REVERTER_CODE = "0x60206000fd";
// call(gas, DEV1, callvalue, 0, 0, 0, 0); stop
const FORWARDER_CODE = `0x600060006000600034${"73"}${DEV1.slice(2)}5af100`;

type Obj = Record<string, unknown>;

/** The per-call parts both implement alike. */
function calls(result: unknown): unknown {
  return (result as Obj[]).map((b) =>
    (b.calls as Obj[]).map((c) => ({
      status: c.status,
      gasUsed: c.gasUsed,
      returnData: c.status === "0x1" ? c.returnData : undefined,
      logs: (c.logs as Obj[]).map((l) => ({ address: l.address, topics: l.topics, data: l.data })),
    })),
  );
}

const overrides = {
  [LOGGER]: { code: LOGGER_CODE },
  [REVERTER]: { code: REVERTER_CODE },
  [FORWARDER]: { code: FORWARDER_CODE },
};

const CASES: [string, unknown[]][] = [
  [
    "transfers over two blocks",
    [{ blockStateCalls: [{ calls: [{ from: DEV0, to: DEV1, value: "0x10" }] }, { calls: [{ from: DEV0, to: DEV1, value: "0x20" }] }] }],
  ],
  [
    "a contract's log, a revert, a value forward, with traceTransfers",
    [
      {
        traceTransfers: true,
        blockStateCalls: [
          {
            stateOverrides: overrides,
            calls: [
              { from: DEV0, to: LOGGER },
              { from: DEV0, to: REVERTER },
              { from: DEV0, to: FORWARDER, value: "0x7" },
            ],
          },
        ],
      },
    ],
  ],
  [
    "the same without traceTransfers",
    [
      {
        blockStateCalls: [
          {
            stateOverrides: overrides,
            calls: [
              { from: DEV0, to: LOGGER },
              { from: DEV0, to: FORWARDER, value: "0x7" },
            ],
          },
        ],
      },
    ],
  ],
];

const anvilBinary = findAnvil();

describe("eth_simulateV1 against anvil", { skip: "reason" in anvilBinary ? anvilBinary.reason : false }, () => {
  let anvil: AnvilPeer | undefined;
  let node: DevNode;
  before(async () => {
    anvil = await startAnvil();
    node = await startDevNode();
  });
  after(async () => {
    await anvil?.stop();
    await node.stop();
  });

  for (const [name, params] of CASES) {
    test(name, async (t) => {
      if (anvil === undefined) return t.skip("anvil did not start");
      const a = await rpcAt(anvil.url, "eth_simulateV1", params);
      const c = await rpcAt(node.server.url, "eth_simulateV1", params);
      assert.equal(a.error, undefined, JSON.stringify(a.error));
      assert.equal(c.error, undefined, JSON.stringify(c.error));
      assert.deepEqual(calls(c.result), calls(a.result));
    });
  }

  test("both answer a revert as status 0 with an error object", async (t) => {
    if (anvil === undefined) return t.skip("anvil did not start");
    const params = [{ blockStateCalls: [{ stateOverrides: overrides, calls: [{ from: DEV0, to: REVERTER }] }] }];
    for (const url of [anvil.url, node.server.url]) {
      const r = await rpcAt(url, "eth_simulateV1", params);
      const call = ((r.result as Obj[])[0]!.calls as Obj[])[0]!;
      assert.equal(call.status, "0x0");
      assert.equal(typeof (call.error as Obj).code, "number");
    }
  });
});
