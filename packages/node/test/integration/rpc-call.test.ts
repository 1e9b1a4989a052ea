/**
 * eth_call and eth_estimateGas over a real DevNode: state and block overrides, geth's error
 * shapes (code 3 reverts, pre-check wording), the gas estimator, and the call timeout (an
 * infinite loop with a huge gas cap answers "execution aborted (timeout = 200ms)" and the node
 * keeps serving).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { asAddress, hexToBytes } from "../../src/primitives/index.js";
import { signAuthorization } from "../../src/types/index.js";
import { call, DEV0, DEV1, rpcAt, startDevNode } from "./rpc-helpers.js";

const CODE_ADDR = "0x00000000000000000000000000000000c0de0001";

/** Runtime code returning one 32-byte word pushed by `op` (e.g. 43 = NUMBER). */
function returnsOp(op: string): string {
  return `0x${op}60005260206000f3`;
}

/** Runtime code that reverts with Error(reason). */
function revertsWith(reason: string): string {
  const r = Buffer.from(reason, "utf8");
  const payload = `08c379a0${"20".padStart(64, "0")}${r.length.toString(16).padStart(64, "0")}${r.toString("hex").padEnd(64, "0")}`;
  const len = payload.length / 2;
  const l = len.toString(16).padStart(2, "0");
  // PUSH1 len PUSH1 off PUSH1 0 CODECOPY PUSH1 len PUSH1 0 REVERT <payload>
  const prefixLen = 12;
  return `0x60${l}60${prefixLen.toString(16).padStart(2, "0")}600039${"60"}${l}6000fd${payload}`;
}

describe("eth_call / eth_estimateGas", () => {
  let node: DevNode;
  let url: string;
  before(async () => {
    node = await startDevNode({ callTimeoutMs: 200 });
    url = node.server.url;
  });
  after(async () => {
    await node.stop();
  });

  test("state override: code and stateDiff / state", async () => {
    const sload0 = "0x60005460005260206000f3";
    const slot0 = `0x${"0".repeat(64)}`;
    const slot1 = `0x${"0".repeat(63)}1`;
    const r1 = await call(url, "eth_call", [{ to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code: sload0, stateDiff: { [slot0]: slot1 } } }]);
    assert.equal(r1, slot1);
    const r2 = await call(url, "eth_call", [{ to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code: sload0, state: {} } }]);
    assert.equal(r2, slot0);
    const bad = await rpcAt(url, "eth_call", [{ to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code: sload0, state: {}, stateDiff: {} } }]);
    assert.equal(bad.error?.code, -32000);
    assert.equal(bad.error?.message, "account 0x00000000000000000000000000000000C0DE0001 has both 'state' and 'stateDiff'");
  });

  test("balance and nonce overrides are visible", async () => {
    // BALANCE of CALLER
    const bal = await call(url, "eth_call", [
      { from: DEV1, to: CODE_ADDR },
      "latest",
      { [CODE_ADDR]: { code: "0x333160005260206000f3" }, [DEV1]: { balance: "0x1234" } },
    ]);
    assert.equal(BigInt(bal as string), 0x1234n);
    const nonce = await call(url, "eth_getTransactionCount", [DEV1, "latest"]);
    assert.equal(nonce, "0x0");
  });

  test("movePrecompileToAddress moves identity (0x04); the old address then runs override code or nothing", async () => {
    const identity = "0x0000000000000000000000000000000000000004";
    const dest = "0x0000000000000000000000000000000000001004";
    const r = await call(url, "eth_call", [{ to: dest, data: "0xdeadbeef" }, "latest", { [identity]: { movePrecompileToAddress: dest } }]);
    assert.equal(r, "0xdeadbeef");
    const old = await call(url, "eth_call", [
      { to: identity, data: "0xdeadbeef" },
      "latest",
      { [identity]: { movePrecompileToAddress: dest } },
    ]);
    assert.equal(old, "0x");
    const notPre = await rpcAt(url, "eth_call", [{ to: dest }, "latest", { [CODE_ADDR]: { movePrecompileToAddress: dest } }]);
    assert.equal(notPre.error?.message, "account 0x00000000000000000000000000000000C0DE0001 is not a precompile");
    const taken = await rpcAt(url, "eth_call", [
      { to: dest },
      "latest",
      { [identity]: { movePrecompileToAddress: CODE_ADDR }, [CODE_ADDR]: { balance: "0x1" } },
    ]);
    assert.equal(taken.error?.message, "account 0x00000000000000000000000000000000C0DE0001 is already overridden");
  });

  test("blob hashes and EIP-7702 authorizations in call arguments", async () => {
    const hash = `0x01${"ab".repeat(31)}`;
    // BLOBHASH(0)
    const r = await call(url, "eth_call", [
      { from: DEV0, to: CODE_ADDR, blobVersionedHashes: [hash] },
      "latest",
      { [CODE_ADDR]: { code: "0x60004960005260206000f3" } },
    ]);
    assert.equal(r, hash);
    // DEV1 (key 1) delegates to CODE_ADDR, whose code returns ADDRESS: the call to DEV1 runs it.
    const key1 = hexToBytes("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    const auth = signAuthorization({ chainId: 31337n, address: asAddress(hexToBytes(CODE_ADDR)), nonce: 0n }, key1);
    const json = {
      chainId: "0x7a69",
      address: CODE_ADDR,
      nonce: "0x0",
      yParity: `0x${auth.yParity.toString(16)}`,
      r: `0x${auth.r.toString(16)}`,
      s: `0x${auth.s.toString(16)}`,
    };
    const overrides = { [CODE_ADDR]: { code: "0x3060005260206000f3" } };
    const out = await call(url, "eth_call", [{ from: DEV0, to: DEV1, authorizationList: [json] }, "latest", overrides]);
    assert.equal(out, `0x${DEV1.slice(2).padStart(64, "0")}`);
    const est = BigInt(
      (await call(url, "eth_estimateGas", [{ from: DEV0, to: DEV1, authorizationList: [json] }, "latest", overrides])) as string,
    );
    // at least 21000 + 25000 for the one authorization (EIP-7702 intrinsic gas)
    assert.ok(est > 46_000n, `estimate ${est}`);
  });

  test("eth_sendTransaction with an authorization list sends an EIP-7702 transaction (gas estimated)", async () => {
    // key 2 delegates to 0x...1234; dev account 0 (held by the node) sends, filling gas and fees.
    const key2 = hexToBytes("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    const target = "0x0000000000000000000000000000000000001234";
    const auth = signAuthorization({ chainId: 31337n, address: asAddress(hexToBytes(target)), nonce: 0n }, key2);
    const json = {
      chainId: "0x7a69",
      address: target,
      nonce: "0x0",
      yParity: `0x${auth.yParity.toString(16)}`,
      r: `0x${auth.r.toString(16)}`,
      s: `0x${auth.s.toString(16)}`,
    };
    const authority = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    const hash = await call(url, "eth_sendTransaction", [{ from: DEV0, to: authority, authorizationList: [json] }]);
    const tx = (await call(url, "eth_getTransactionByHash", [hash])) as { type: string; authorizationList: unknown[] };
    assert.equal(tx.type, "0x4");
    assert.equal(tx.authorizationList.length, 1);
    const receipt = (await call(url, "eth_getTransactionReceipt", [hash])) as { status: string };
    assert.equal(receipt.status, "0x1");
    assert.equal(await call(url, "eth_getCode", [authority, "latest"]), `0xef0100${target.slice(2)}`);
    const noTo = await rpcAt(url, "eth_sendTransaction", [{ from: DEV0, gas: "0x20000", authorizationList: [json] }]);
    assert.equal(noTo.error?.message, "set code transaction must have a recipient");
  });

  test("block overrides: number, time, coinbase, gas limit, prevRandao, base fee, blob base fee", async () => {
    const cases: Array<[string, Record<string, string>, bigint]> = [
      ["43", { number: "0x1234" }, 0x1234n],
      ["42", { time: "0x99999999" }, 0x99999999n],
      ["41", { feeRecipient: "0x00000000000000000000000000000000000000aa" }, 0xaan],
      ["45", { gasLimit: "0x1c9c380" }, 30_000_000n],
      ["44", { prevRandao: `0x${"11".repeat(32)}` }, BigInt(`0x${"11".repeat(32)}`)],
      ["48", { baseFeePerGas: "0x7" }, 7n],
      ["4a", { blobBaseFee: "0x3" }, 3n],
    ];
    for (const [op, overrides, want] of cases) {
      const r = await call(url, "eth_call", [{ to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code: returnsOp(op) } }, overrides]);
      assert.equal(BigInt(r as string), want, `op ${op}`);
    }
    const bad = await rpcAt(url, "eth_call", [{ to: CODE_ADDR }, "latest", null, { beaconRoot: `0x${"00".repeat(32)}` }]);
    assert.equal(bad.error?.message, 'block override "beaconRoot" is not supported for this RPC method');
  });

  test("reverts answer code 3 with the reason and the data", async () => {
    const code = revertsWith("nope");
    const r = await rpcAt(url, "eth_call", [{ to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code } }]);
    assert.equal(r.error?.code, 3);
    assert.equal(r.error?.message, "execution reverted: nope");
    assert.match(String(r.error?.data), /^0x08c379a0/);
    const e = await rpcAt(url, "eth_estimateGas", [{ to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code } }]);
    assert.equal(e.error?.code, 3);
    assert.equal(e.error?.message, "execution reverted: nope");
  });

  test("pre-check errors carry geth's wording", async () => {
    const poor = "0x000000000000000000000000000000000000dead";
    const r = await rpcAt(url, "eth_call", [{ from: poor, to: DEV0, value: "0x1" }]);
    assert.equal(r.error?.code, -32000);
    assert.equal(
      r.error?.message,
      "err: insufficient funds for gas * price + value: address 0x000000000000000000000000000000000000dEaD have 0 want 1 (supplied gas 50000000)",
    );
    const low = await rpcAt(url, "eth_call", [{ from: DEV0, to: DEV1, gas: "0x5000" }]);
    assert.equal(low.error?.message, "err: intrinsic gas too low: have 20480, want 21000 (supplied gas 20480)");
    const both = await rpcAt(url, "eth_call", [{ from: DEV0, to: DEV1, gasPrice: "0x1", maxFeePerGas: "0x1" }]);
    assert.equal(both.error?.message, "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    const unpriced = await rpcAt(url, "eth_estimateGas", [{ from: poor, to: DEV0, value: "0x1" }]);
    assert.equal(
      unpriced.error?.message,
      "failed with 30000000 gas: insufficient funds for gas * price + value: address 0x000000000000000000000000000000000000dEaD have 0 want 1",
    );
    const funds = await rpcAt(url, "eth_estimateGas", [{ from: poor, to: DEV0, value: "0x1", maxFeePerGas: "0x1" }]);
    assert.equal(funds.error?.message, "insufficient funds for transfer");
  });

  test("estimateGas: transfer, storage write, out-of-gas allowance", async () => {
    assert.equal(await call(url, "eth_estimateGas", [{ from: DEV0, to: DEV1, value: "0x1" }]), "0x5208");
    // SSTORE(0, 1): 20000 + cold 2100 + pushes; must succeed at the estimate and fail below it.
    const store = "0x600160005500";
    const est = BigInt(
      (await call(url, "eth_estimateGas", [{ from: DEV0, to: CODE_ADDR }, "latest", { [CODE_ADDR]: { code: store } }])) as string,
    );
    assert.ok(est >= 21000n + 22100n + 6n, `estimate ${est}`);
    const ok = await rpcAt(url, "eth_call", [
      { from: DEV0, to: CODE_ADDR, gas: `0x${est.toString(16)}` },
      "latest",
      { [CODE_ADDR]: { code: store } },
    ]);
    assert.equal(ok.error, undefined);
    const inf = await rpcAt(url, "eth_estimateGas", [
      { from: DEV0, to: CODE_ADDR, gas: "0x10000" },
      "latest",
      { [CODE_ADDR]: { code: "0x5b600056" } },
    ]);
    // The timeout is 200ms and 65536 gas of looping is far below it.
    assert.equal(inf.error?.message, "gas required exceeds allowance (65536)");
  });
});

describe("the eth_call timeout", () => {
  let node: DevNode;
  let url: string;
  before(async () => {
    // 1 ms: 50M gas of JUMPDEST/PUSH/JUMP (over four million iterations) cannot finish in time.
    node = await startDevNode({ callTimeoutMs: 1 });
    url = node.server.url;
  });
  after(async () => {
    await node.stop();
  });

  test("an infinite loop with a huge gas cap answers geth's timeout error and the node keeps serving", async () => {
    const loop = { [CODE_ADDR]: { code: "0x5b600056" } };
    const r = await rpcAt(url, "eth_call", [{ from: DEV0, to: CODE_ADDR, gas: "0xffffffffffff" }, "latest", loop]);
    assert.deepEqual(r.error, { code: -32000, message: "execution aborted (timeout = 1ms)" });
    const e = await rpcAt(url, "eth_estimateGas", [{ from: DEV0, to: CODE_ADDR }, "latest", loop]);
    assert.deepEqual(e.error, { code: -32000, message: "execution aborted (timeout = 1ms)" });
    assert.equal(await call(url, "eth_chainId"), "0x7a69");
    // A short call still fits in the budget and the deadline does not leak into block production.
    assert.equal(await call(url, "eth_estimateGas", [{ from: DEV0, to: DEV1 }]), "0x5208");
    await call(url, "eth_sendTransaction", [{ from: DEV0, to: DEV1, value: "0x1" }]);
    assert.equal(await call(url, "eth_blockNumber"), "0x1");
  });
});
