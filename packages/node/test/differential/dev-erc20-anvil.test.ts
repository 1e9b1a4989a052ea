/**
 * Differential: anvil_dealERC20 and anvil_setERC20Allowance on anvil and cairn dev side by side.
 * The same OpenZeppelin ERC-20 is deployed on both by the same dev account (so at the same
 * address); then balances and allowances are set, read back through the token itself, and the
 * error answers for a non-token and for wrong parameters are compared. Neither method mines.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { contracts } from "../e2e/contracts.js";
import { DEV0, type RpcResponse, rpcAt, startDevNode } from "../integration/rpc-helpers.js";
import { Anvil, findAnvil } from "./anvil.js";

const WHO = "0x000000000000000000000000000000000000dead";
const EOA = "0x000000000000000000000000000000000000beef";
const pad = (hex: string) => hex.replace(/^0x/, "").padStart(64, "0");
const balanceOf = (a: string) => `0x70a08231${pad(a)}`;
const allowance = (owner: string, spender: string) => `0xdd62ed3e${pad(owner)}${pad(spender)}`;
const TOTAL_SUPPLY = "0x18160ddd";

const anvilBinary = findAnvil();

/** The answer as compared: the result, or the error's code and message. */
function answer(r: RpcResponse): unknown {
  return r.error !== undefined ? { code: r.error.code, message: r.error.message } : { result: r.result };
}

describe("anvil_dealERC20 and anvil_setERC20Allowance: cairn dev and anvil agree", {
  skip: "reason" in anvilBinary ? anvilBinary.reason : false,
  timeout: 120_000,
}, () => {
  let anvil: Anvil;
  let node: DevNode;
  let token = "";

  before(async () => {
    anvil = await Anvil.start((anvilBinary as { path: string }).path);
    node = await startDevNode();
    const { CairnToken } = contracts();
    const data = `${CairnToken.bytecode}${pad("0x3e8")}`;
    const addresses: string[] = [];
    for (const url of [anvil.url, node.server.url]) {
      const hash = (await rpcAt(url, "eth_sendTransaction", [{ from: DEV0, data, gas: "0x2dc6c0" }])).result as string;
      let receipt: { contractAddress: string } | null = null;
      for (let i = 0; receipt === null && i < 200; i++) {
        receipt = (await rpcAt(url, "eth_getTransactionReceipt", [hash])).result as { contractAddress: string } | null;
        if (receipt === null) await new Promise((r) => setTimeout(r, 10));
      }
      addresses.push(receipt!.contractAddress);
    }
    assert.equal(addresses[0], addresses[1], "the token is at the same address on both");
    token = addresses[0]!;
  });

  after(async () => {
    await anvil?.stop();
    await node?.stop();
  });

  test("balances and allowances are set without mining; a non-token and bad parameters are refused alike", async () => {
    const steps: [string, unknown[]][] = [
      ["eth_blockNumber", []],
      ["anvil_dealERC20", [WHO, token, "0x1234"]],
      ["eth_call", [{ to: token, data: balanceOf(WHO) }, "latest"]],
      ["anvil_dealERC20", [DEV0, token, "0x0"]],
      ["eth_call", [{ to: token, data: balanceOf(DEV0) }, "latest"]],
      ["eth_call", [{ to: token, data: TOTAL_SUPPLY }, "latest"]],
      ["anvil_setERC20Allowance", [WHO, DEV0, token, "0x99"]],
      ["eth_call", [{ to: token, data: allowance(WHO, DEV0) }, "latest"]],
      ["eth_call", [{ to: token, data: allowance(DEV0, WHO) }, "latest"]],
      ["anvil_dealERC20", [WHO, EOA, "0x1"]],
      ["anvil_setERC20Allowance", [WHO, WHO, EOA, "0x1"]],
      ["anvil_dealERC20", [WHO, token]],
      ["anvil_setERC20Allowance", [WHO, token]],
      ["anvil_dealERC20", [WHO, token, `0x${"f".repeat(65)}`]],
      ["eth_blockNumber", []],
    ];
    const seen: unknown[] = [];
    for (const [method, params] of steps) {
      const [a, c] = await Promise.all([rpcAt(anvil.url, method, params), rpcAt(node.server.url, method, params)]);
      assert.deepEqual(answer(c), answer(a), `${method} ${JSON.stringify(params)}`);
      seen.push(answer(c));
    }
    // What was compared is what was meant: the balance and allowance read back as set.
    assert.deepEqual(seen[2], { result: `0x${pad("0x1234")}` });
    assert.deepEqual(seen[4], { result: `0x${"0".repeat(64)}` });
    assert.deepEqual(seen[7], { result: `0x${pad("0x99")}` });
    assert.deepEqual(seen[9], { code: -32603, message: "Unable to set ERC20 balance, no slot found" });
    assert.deepEqual(seen[0], seen[14], "no block was mined");
  });
});
