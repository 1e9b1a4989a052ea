import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToHex } from "../primitives/index.js";
import { createAddress } from "./address.js";
import { addr, asm, CONTRACT, runCode } from "./testing.js";

const BENEFICIARY = addr(0xbe4e);
const A = (a: Uint8Array): string => `PUSH20 ${bytesToHex(a)}`;

describe("SELFDESTRUCT (EIP-6780)", () => {
  test("a pre-existing contract sends its balance but keeps its account and code", () => {
    const code = asm(`${A(BENEFICIARY)} SELFDESTRUCT`);
    const { result, host } = runCode(code, {
      beforeRun: (h) => h.setAccount(CONTRACT, { code, balance: 9n, nonce: 1n, storage: { "1": 2n } }),
    });
    assert.equal(result.status, "success");
    host.finalizeTransaction();
    assert.equal(host.getBalance(BENEFICIARY), 9n);
    assert.equal(host.getBalance(CONTRACT), 0n);
    assert.deepEqual(host.getCode(CONTRACT), code);
    assert.equal(host.getStorage(CONTRACT, 1n), 2n);
  });
  test("before Cancun the same contract is deleted", () => {
    const code = asm(`${A(BENEFICIARY)} SELFDESTRUCT`);
    const { host } = runCode(code, { fork: "Shanghai", beforeRun: (h) => h.setAccount(CONTRACT, { code, balance: 9n, nonce: 1n }) });
    host.finalizeTransaction();
    assert.equal(host.accountExists(CONTRACT), false);
    assert.equal(host.getBalance(BENEFICIARY), 9n);
  });
  test("a pre-existing contract naming itself keeps its balance", () => {
    const code = asm("ADDRESS SELFDESTRUCT");
    const { host } = runCode(code, { beforeRun: (h) => h.setAccount(CONTRACT, { code, balance: 9n, nonce: 1n }) });
    host.finalizeTransaction();
    assert.equal(host.getBalance(CONTRACT), 9n);
  });
  test("a contract created in the same transaction is deleted, even from its initcode", () => {
    // initcode: SELFDESTRUCT to BENEFICIARY; the creator sends it 5 wei.
    const init = asm(`${A(BENEFICIARY)} SELFDESTRUCT`);
    const padded = new Uint8Array(32);
    padded.set(init);
    const src = `PUSH32 ${bytesToHex(padded)} PUSH1 0x00 MSTORE PUSH1 ${init.length} PUSH1 0x00 PUSH1 0x05 CREATE`;
    const { result, host } = runCode(asm(src), { beforeRun: (h) => h.setAccount(CONTRACT, { code: asm(src), balance: 10n, nonce: 1n }) });
    assert.equal(result.status, "success");
    const created = createAddress(CONTRACT, 1n);
    assert.equal(host.isSelfDestructed(created), true);
    host.finalizeTransaction();
    assert.equal(host.accountExists(created), false);
    assert.equal(host.getBalance(BENEFICIARY), 5n);
  });
  test("created in the transaction and destroyed to itself: the balance is burnt", () => {
    // Deploy runtime "ADDRESS SELFDESTRUCT" with 5 wei, then call it.
    const runtime = asm("ADDRESS SELFDESTRUCT");
    const init = asm(`PUSH2 0x${bytesToHex(runtime).slice(2)} PUSH1 0x00 MSTORE PUSH1 0x02 PUSH1 0x1e RETURN`);
    const padded = new Uint8Array(32);
    padded.set(init);
    const src =
      `PUSH32 ${bytesToHex(padded)} PUSH1 0x00 MSTORE PUSH1 ${init.length} PUSH1 0x00 PUSH1 0x05 CREATE ` +
      "PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 DUP6 GAS CALL";
    const { result, host } = runCode(asm(src), { beforeRun: (h) => h.setAccount(CONTRACT, { code: asm(src), balance: 10n, nonce: 1n }) });
    assert.equal(result.status, "success");
    const created = createAddress(CONTRACT, 1n);
    assert.equal(host.getBalance(created), 0n);
    host.finalizeTransaction();
    assert.equal(host.accountExists(created), false);
    assert.equal(host.getBalance(CONTRACT), 5n);
  });
  test("gas: 5000, +2600 cold beneficiary, +25000 to an empty one when sending value", () => {
    const code = asm(`${A(BENEFICIARY)} SELFDESTRUCT`);
    const rich = runCode(code, { beforeRun: (h) => h.setAccount(CONTRACT, { code, balance: 1n, nonce: 1n }) });
    assert.equal(rich.result.gasUsed, 3n + 5000n + 2600n + 25000n);
    const poor = runCode(code, { beforeRun: (h) => h.setAccount(CONTRACT, { code, balance: 0n, nonce: 1n }) });
    assert.equal(poor.result.gasUsed, 3n + 5000n + 2600n);
    const warm = runCode(code, {
      beforeRun: (h) => {
        h.setAccount(CONTRACT, { code, balance: 1n, nonce: 1n });
        h.setAccount(BENEFICIARY, { balance: 1n });
        h.accessAddress(BENEFICIARY);
      },
    });
    assert.equal(warm.result.gasUsed, 3n + 5000n);
    assert.equal(warm.result.refund, 0n);
  });
});
