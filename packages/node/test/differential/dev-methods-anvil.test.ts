/**
 * Differential: one scenario of developer methods sent to anvil and to cairn dev side by side,
 * comparing what is deterministic: results of edits and reads (balances, nonces, code,
 * storage), block numbers, timestamps relative to their parent or set by hand, snapshot and
 * revert answers, impersonated senders, block parameters set by hand, the accounts of a state
 * dump, and error codes and messages for bad parameters. Hashes and absolute times differ
 * (different genesis, fee defaults), so they are compared through normalizers.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import type { DevNode } from "../../src/node/index.js";
import { type RpcResponse, rpcAt, startDevNode } from "../integration/rpc-helpers.js";
import { Anvil, findAnvil } from "./anvil.js";

const A = "0x1111111111111111111111111111111111111111";
const DEV0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const WORD5 = `0x${"5".padStart(64, "0")}`;

type Normalize = (r: RpcResponse, peer: { hash?: string }) => unknown;

/** The answer as is: a result, or an error's code and message. */
const exact: Normalize = (r) => (r.error !== undefined ? { code: r.error.code, message: r.error.message } : { result: r.result });
/** Only the error code (the message wording of argument decoding differs), or the result. */
const _codeOnly: Normalize = (r) => (r.error !== undefined ? { code: r.error.code } : { result: r.result });
const typeOnly: Normalize = (r) => (r.error !== undefined ? { code: r.error.code } : { type: typeof r.result });

interface Step {
  readonly method: string;
  readonly params?: unknown[] | ((ctx: Ctx) => unknown[]);
  readonly normalize?: Normalize;
  /** keep the answer under this name for later steps */
  readonly save?: string;
  /** ask again while the answer is null (anvil's automine mines after eth_sendTransaction returns) */
  readonly untilFound?: boolean;
}

type Ctx = Record<string, unknown>;

function block(fields: readonly string[]): Normalize {
  return (r) => {
    const b = r.result as Record<string, unknown> | null;
    return b === null ? null : Object.fromEntries(fields.map((f) => [f, b[f]]));
  };
}

function txFields(fields: readonly string[]): Normalize {
  return (r) => {
    const t = r.result as Record<string, unknown> | null;
    return t === null ? null : Object.fromEntries(fields.map((f) => [f, t[f]]));
  };
}

/** The accounts of a dump that the scenario wrote (dev accounts' balances depend on fees). */
function dumpOf(address: string): Normalize {
  return (r) => {
    const bytes = Buffer.from(String(r.result).slice(2), "hex");
    const json = JSON.parse(gunzipSync(bytes).toString("utf8")) as { accounts: Record<string, unknown> };
    return json.accounts[address];
  };
}

const STEPS: readonly Step[] = [
  // state edits, read back at "latest"
  { method: "anvil_setBalance", params: [A, "0x10"] },
  { method: "eth_getBalance", params: [A, "latest"] },
  { method: "hardhat_setBalance", params: [A, 32] },
  { method: "eth_getBalance", params: [A, "latest"] },
  { method: "anvil_addBalance", params: [A, "0x10"] },
  { method: "eth_getBalance", params: [A, "latest"] },
  { method: "anvil_addBalance", params: [A] },
  { method: "anvil_setBalance", params: [A, "0x20"] },
  { method: "anvil_setNonce", params: [A, "0x5"] },
  { method: "eth_getTransactionCount", params: [A, "latest"] },
  { method: "anvil_setCode", params: [A, "0x6001"] },
  { method: "eth_getCode", params: [A, "latest"] },
  { method: "anvil_setStorageAt", params: [A, "0x1", WORD5] },
  { method: "hardhat_setStorageAt", params: [A, "0x0000000000000000000000000000000000000000000000000000000000000002", WORD5] },
  { method: "eth_getStorageAt", params: [A, "0x1", "latest"] },
  { method: "eth_getStorageAt", params: [A, "0x2", "latest"] },
  { method: "eth_blockNumber" },
  // bad parameters
  { method: "anvil_setBalance", params: ["0x12", "0x10"] },
  { method: "anvil_setBalance", params: [A, "zz"] },
  { method: "anvil_setStorageAt", params: [A, "0x1", "0x05"] },
  { method: "anvil_setBalance", params: [A] },
  { method: "anvil_setBalance", params: [] },
  { method: "anvil_setBalance", params: [A, "0x1", "0x2"] },
  { method: "anvil_setStorageAt", params: [A, "0x1"] },
  { method: "anvil_setCode", params: [] },
  { method: "anvil_setNonce", params: [] },
  { method: "anvil_impersonateAccount", params: [] },
  { method: "evm_setAutomine", params: [] },
  { method: "evm_setIntervalMining", params: [1, 2] },
  { method: "evm_increaseTime", params: [] },
  { method: "evm_revert", params: [] },
  { method: "evm_setNextBlockTimestamp", params: [] },
  { method: "anvil_setNextBlockBaseFeePerGas", params: [] },
  { method: "evm_setBlockGasLimit", params: [] },
  { method: "anvil_setMinGasPrice", params: [] },
  { method: "evm_snapshot", params: [1] },
  { method: "anvil_getAutomine", params: [1, 2, 3] },
  { method: "anvil_mine", params: [1, 2, 3] },
  { method: "anvil_dumpState", params: [1] },
  { method: "anvil_removeBlockTimestampInterval", params: [1] },
  { method: "evm_increaseTime", params: [-5] },
  { method: "evm_revert", params: ["zz"] },
  { method: "anvil_impersonateAccount", params: ["0x12"] },
  { method: "anvil_setMinGasPrice", params: ["0x1"] },
  { method: "anvil_setCode", params: [A, "0x123"] },
  { method: "anvil_setCode", params: [A, "zz"] },
  { method: "anvil_setCode", params: [A, 5] },
  { method: "anvil_setCode", params: [A, null] },
  { method: "evm_setAutomine", params: ["true"] },
  { method: "anvil_autoImpersonateAccount", params: [1] },
  { method: "evm_setIntervalMining", params: ["0x5"] },
  { method: "anvil_dropTransaction", params: ["0x12"] },
  { method: "anvil_setCoinbase", params: ["0x11"] },
  { method: "anvil_setCoinbase", params: [1] },
  { method: "anvil_setCoinbase", params: [null] },
  { method: "anvil_setCoinbase", params: ["0xzz11111111111111111111111111111111111111"] },
  { method: "anvil_dropTransaction", params: [1] },
  { method: "anvil_loadState", params: ["0x1234"] },
  { method: "anvil_loadState", params: ["zz"] },
  { method: "anvil_setNonce", params: [A, "0x"] },
  { method: "eth_getTransactionCount", params: [A, "latest"] },
  { method: "anvil_setNonce", params: [A, "0x5"] },
  // mining
  { method: "anvil_getAutomine" },
  { method: "evm_snapshot" },
  { method: "anvil_mine", params: ["0x3", "0x10"] },
  { method: "eth_blockNumber" },
  { method: "hardhat_mine", params: [2] },
  { method: "eth_blockNumber" },
  { method: "anvil_rollback", params: [null] },
  { method: "eth_blockNumber" },
  { method: "anvil_rollback", params: [100] },
  { method: "anvil_rollback", params: ["0x1"] },
  { method: "anvil_rollback", params: [] },
  { method: "evm_mine" },
  { method: "eth_blockNumber" },
  // (cairn's genesis is stamped 0, anvil's now: a past timestamp is refused once blocks exist)
  { method: "evm_mine", params: [16] },
  { method: "evm_mine" },
  { method: "eth_getBalance", params: [A, "0x3"] },
  { method: "evm_increaseTime", params: [100], normalize: typeOnly },
  { method: "evm_setNextBlockTimestamp", params: [1] },
  { method: "evm_setNextBlockTimestamp", params: [4_000_000_000] },
  { method: "evm_mine" },
  { method: "eth_getBlockByNumber", params: ["latest", false], normalize: block(["number", "timestamp"]) },
  { method: "evm_mine", params: [4_000_000_100] },
  { method: "eth_getBlockByNumber", params: ["latest", false], normalize: block(["number", "timestamp"]) },
  { method: "anvil_mine", params: [2, 60] },
  { method: "eth_getBlockByNumber", params: ["latest", false], normalize: block(["number", "timestamp"]) },
  { method: "anvil_setBlockTimestampInterval", params: [100] },
  { method: "evm_mine" },
  { method: "anvil_mine", params: [2, 7] },
  { method: "eth_getBlockByNumber", params: ["latest", false], normalize: block(["number", "timestamp"]) },
  { method: "anvil_removeBlockTimestampInterval" },
  { method: "anvil_removeBlockTimestampInterval" },
  // block parameters set by hand
  { method: "anvil_setCoinbase", params: ["0x2222222222222222222222222222222222222222"] },
  { method: "anvil_setNextBlockBaseFeePerGas", params: ["0x7"] },
  { method: "evm_setBlockGasLimit", params: ["0x1c9c382"] },
  { method: "evm_mine", params: [4_000_001_000] },
  {
    method: "eth_getBlockByNumber",
    params: ["latest", false],
    normalize: block(["number", "timestamp", "miner", "baseFeePerGas", "gasLimit"]),
  },
  // snapshots and revert
  { method: "anvil_setBalance", params: [A, "0x99"] },
  { method: "anvil_snapshot" },
  { method: "anvil_setBalance", params: [A, "0x98"] },
  { method: "evm_mine" },
  { method: "evm_snapshot" },
  { method: "evm_mine" },
  { method: "eth_getBalance", params: [A, "latest"] },
  { method: "evm_revert", params: ["0x1"] },
  { method: "eth_blockNumber" },
  { method: "eth_getBalance", params: [A, "latest"] },
  { method: "eth_getCode", params: [A, "latest"] },
  { method: "evm_revert", params: ["0x1"] },
  { method: "evm_revert", params: ["0x2"] },
  { method: "evm_revert", params: [7] },
  { method: "evm_snapshot" },
  // from here on block numbers are not compared: after a revert, anvil 1.7.1 numbers its next
  // block as if the reverted blocks were still there (13 after reverting to 11), leaving a gap
  // the pool: manual mining, drop
  { method: "evm_setAutomine", params: [false] },
  { method: "hardhat_getAutomine" },
  { method: "eth_sendTransaction", params: [{ from: DEV0, to: A, value: "0x1" }], normalize: typeOnly, save: "hash" },
  { method: "anvil_dropTransaction", params: (c) => [c.hash], normalize: (r, p) => (r.result === p.hash ? "dropped" : exact(r, p)) },
  { method: "hardhat_dropTransaction", params: (c) => [c.hash] },
  { method: "anvil_dropAllTransactions" },
  { method: "evm_mine" },
  { method: "eth_getTransactionCount", params: [DEV0, "latest"] },
  { method: "anvil_setAutomine", params: [true] },
  // impersonation
  { method: "anvil_setBalance", params: [A, "0xde0b6b3a7640000"] },
  { method: "anvil_setCode", params: [A, "0x"] },
  { method: "anvil_impersonateAccount", params: [A] },
  // the dev accounts differ in number; an impersonated account is listed last
  { method: "eth_accounts", normalize: (r) => (r.result as string[]).at(-1) },
  { method: "eth_sendTransaction", params: [{ from: A, to: DEV0, value: "0x1" }], normalize: typeOnly, save: "itx" },
  { method: "eth_getTransactionReceipt", params: (c) => [c.itx], normalize: txFields(["from", "status"]), untilFound: true },
  { method: "eth_getTransactionByHash", params: (c) => [c.itx], normalize: txFields(["from", "to", "nonce", "value"]) },
  { method: "eth_getTransactionReceipt", params: (c) => [c.itx], normalize: txFields(["from", "status", "gasUsed"]) },
  { method: "eth_getTransactionCount", params: [A, "latest"] },
  // an impersonated account with code sends too (anvil does not apply EIP-3607)
  { method: "anvil_setCode", params: [A, "0x6001"] },
  { method: "eth_sendTransaction", params: [{ from: A, to: DEV0, value: "0x3" }], normalize: typeOnly, save: "ctx" },
  { method: "eth_getTransactionReceipt", params: (c) => [c.ctx], normalize: txFields(["from", "status"]), untilFound: true },
  { method: "eth_getTransactionCount", params: [A, "latest"] },
  { method: "anvil_setCode", params: [A, "0x"] },
  { method: "anvil_stopImpersonatingAccount", params: [A] },
  { method: "eth_accounts", normalize: (r) => (r.result as string[]).includes(A) },
  { method: "anvil_autoImpersonateAccount", params: [true] },
  { method: "eth_sendTransaction", params: [{ from: A, to: DEV0, value: "0x2" }], normalize: typeOnly, save: "atx" },
  { method: "eth_getTransactionReceipt", params: (c) => [c.atx], normalize: txFields(["from", "status"]), untilFound: true },
  { method: "eth_getTransactionCount", params: [A, "latest"] },
  { method: "anvil_autoImpersonateAccount", params: [false] },
  // dump, reset, load
  { method: "anvil_setStorageAt", params: [A, "0x3", WORD5] },
  { method: "anvil_setCode", params: [A, "0x6003"] },
  { method: "anvil_dumpState", normalize: dumpOf(A), save: "dump" },
  { method: "anvil_reset" },
  { method: "eth_blockNumber" },
  { method: "eth_getCode", params: [A, "latest"] },
  { method: "anvil_loadState", params: (c) => [c.dump] },
  { method: "eth_getCode", params: [A, "latest"] },
  { method: "eth_getStorageAt", params: [A, "0x3", "latest"] },
  { method: "eth_getTransactionCount", params: [A, "latest"] },
];

const anvilBinary = findAnvil();

describe("developer methods: cairn dev and anvil agree", {
  skip: "reason" in anvilBinary ? anvilBinary.reason : false,
  timeout: 120_000,
}, () => {
  let anvil: Anvil;
  let node: DevNode;

  before(async () => {
    anvil = await Anvil.start((anvilBinary as { path: string }).path);
    node = await startDevNode();
  });

  after(async () => {
    await anvil?.stop();
    await node?.stop();
  });

  test("one scenario, step by step", async () => {
    const ctx: { anvil: Ctx; cairn: Ctx } = { anvil: {}, cairn: {} };
    let compared = 0;
    for (const [i, step] of STEPS.entries()) {
      const norm = step.normalize ?? exact;
      const pa = typeof step.params === "function" ? step.params(ctx.anvil) : (step.params ?? []);
      const pc = typeof step.params === "function" ? step.params(ctx.cairn) : (step.params ?? []);
      const ask = async (url: string, params: unknown[]): Promise<RpcResponse> => {
        let r = await rpcAt(url, step.method, params);
        for (let i = 0; step.untilFound === true && r.result === null && i < 200; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          r = await rpcAt(url, step.method, params);
        }
        return r;
      };
      const ra = await ask(anvil.url, pa);
      const rc = await ask(node.server.url, pc);
      if (step.save !== undefined) {
        ctx.anvil[step.save] = ra.result;
        ctx.cairn[step.save] = rc.result;
      }
      const label = `step ${i} ${step.method} ${JSON.stringify(pa).slice(0, 80)}`;
      if (process.env.DEV_DIFF_TRACE) console.log(label, JSON.stringify(ra).slice(0, 150), JSON.stringify(rc).slice(0, 150));
      assert.deepEqual(norm(rc, { hash: pc[0] as string }), norm(ra, { hash: pa[0] as string }), label);
      compared++;
    }
    assert.equal(compared, STEPS.length);
    // each loads the other's dump
    for (const url of [anvil.url, node.server.url]) assert.equal((await rpcAt(url, "anvil_reset")).result, null);
    assert.equal((await rpcAt(node.server.url, "anvil_loadState", [ctx.anvil.dump])).result, true);
    assert.equal((await rpcAt(anvil.url, "anvil_loadState", [ctx.cairn.dump])).result, true);
    for (const url of [anvil.url, node.server.url]) {
      assert.equal((await rpcAt(url, "eth_getCode", [A, "latest"])).result, "0x6003");
      assert.equal((await rpcAt(url, "eth_getStorageAt", [A, "0x3", "latest"])).result, WORD5);
    }
  });
});
