/**
 * eth_getLogs reads headers and log data through caches (rpc/eth/log-cache): the answers must
 * follow the canonical chain when it changes under them. New blocks on top add their logs; an
 * evm_revert followed by a different block at the same height replaces the old block's logs;
 * anvil_rollback drops them.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { call, DEV0, startDevNode } from "./rpc-helpers.js";

/** keccak256("Ping(uint256,uint256)") */
const PING = "0x2cbdbe00cebef89186c967208065ecaafca1aa8a8971c4ccaa8ac017a9cad9ae";
const word = (n: number): string => `0x${n.toString(16).padStart(64, "0")}`;
/** Runtime: LOG2(mem[0:32] = calldata[32:64], topic0 = PING, topic1 = calldata[0:32]); STOP. */
const RUNTIME = `602035600052600035${"7f"}${PING.slice(2)}60206000a200`;
const INIT = `0x6030600c60003960306000f3${RUNTIME}`;

interface Json {
  [k: string]: unknown;
}

describe("eth_getLogs over a changing chain", () => {
  let node: DevNode;
  let url: string;
  let emitter: string;

  async function send(tx: Json): Promise<Json> {
    const hash = (await call(url, "eth_sendTransaction", [{ from: DEV0, ...tx }])) as string;
    return (await call(url, "eth_getTransactionReceipt", [hash])) as Json;
  }

  const emit = (topic1: number): Promise<Json> => send({ to: emitter, data: `0x${word(topic1).slice(2)}${word(topic1 * 10).slice(2)}` });
  const logs = async (): Promise<Json[]> =>
    (await call(url, "eth_getLogs", [{ fromBlock: "0x0", toBlock: "latest", address: emitter }])) as Json[];
  const summary = (ls: Json[]): string[] => ls.map((l) => `${l.blockNumber}:${l.blockHash}:${(l.topics as string[])[1]}`);

  before(async () => {
    node = await startDevNode();
    url = node.server.url;
    emitter = (await send({ data: INIT })).contractAddress as string;
  });

  after(async () => {
    await node.stop();
  });

  test("new blocks on top add their logs", async () => {
    const r1 = await emit(1);
    assert.deepEqual(summary(await logs()), [`${r1.blockNumber}:${r1.blockHash}:${word(1)}`]);
    const r2 = await emit(2);
    assert.deepEqual(summary(await logs()), [
      `${r1.blockNumber}:${r1.blockHash}:${word(1)}`,
      `${r2.blockNumber}:${r2.blockHash}:${word(2)}`,
    ]);
  });

  test("a reverted block's logs are replaced by those of the block mined in its place", async () => {
    const before = await logs();
    const snapshot = (await call(url, "evm_snapshot", [])) as string;
    const r3 = await emit(3);
    const withThree = await logs();
    assert.equal(withThree.length, before.length + 1);
    assert.equal(withThree.at(-1)?.blockHash, r3.blockHash);
    assert.equal(await call(url, "evm_revert", [snapshot]), true);
    assert.deepEqual(summary(await logs()), summary(before));
    // same height, another block (other topic, other hash)
    const r4 = await emit(4);
    assert.equal(r4.blockNumber, r3.blockNumber);
    assert.notEqual(r4.blockHash, r3.blockHash);
    assert.deepEqual(summary(await logs()), [...summary(before), `${r4.blockNumber}:${r4.blockHash}:${word(4)}`]);
    const byTopic3 = (await call(url, "eth_getLogs", [{ fromBlock: "0x0", toBlock: "latest", topics: [PING, word(3)] }])) as Json[];
    assert.deepEqual(byTopic3, []);
  });

  test("anvil_rollback drops the rolled-back blocks' logs", async () => {
    const before = await logs();
    await call(url, "anvil_rollback", [1]);
    assert.deepEqual(summary(await logs()), summary(before.slice(0, -1)));
  });
});
