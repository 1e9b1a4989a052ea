import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToBigint, bytesToHex } from "../primitives/index.js";
import { createAddress } from "./address.js";
import { EvmError } from "./errors.js";
import { Evm } from "./evm.js";
import type { Host } from "./host.js";
import { MemoryHost } from "./memory-host.js";
import { addr, asm, BLOCK, CALLER, CONTRACT, evalWord, runCode, TX } from "./testing.js";

describe("executeMessage", () => {
  test("exact gas of PUSH PUSH ADD STOP", () => {
    const { result } = runCode(asm("PUSH1 0x02 PUSH1 0x01 ADD STOP"), { gas: 100n });
    assert.equal(result.status, "success");
    assert.equal(result.gasUsed, 9n);
    assert.equal(result.gasLeft, 91n);
    assert.equal(result.error, undefined);
  });
  test("out of gas consumes everything and reports the reason", () => {
    const { result } = runCode(asm("PUSH1 0x02 PUSH1 0x01 ADD STOP"), { gas: 8n });
    assert.equal(result.status, "halt");
    assert.equal(result.error, "out of gas");
    assert.equal(result.gasLeft, 0n);
    assert.equal(result.gasUsed, 8n);
  });
  test("a message carries value to the callee", () => {
    const { result, host } = runCode(asm("CALLVALUE SELFBALANCE ADD"), { value: 40n });
    assert.equal(result.status, "success");
    assert.equal(host.getBalance(CONTRACT), 40n);
    assert.equal(evalWord("CALLVALUE SELFBALANCE ADD", { value: 40n }), 80n);
  });
  test("a creation message increments the sender's nonce and deploys", () => {
    const host = new MemoryHost();
    host.setAccount(CALLER, { balance: 100n, nonce: 7n });
    host.beginTransaction();
    const evm = new Evm({ fork: "Cancun", precompiles: new Map() });
    // initcode returning the one-byte runtime 0x00
    const result = evm.executeMessage(host, BLOCK, TX, {
      caller: CALLER,
      to: undefined,
      value: 5n,
      data: asm("PUSH1 0x01 PUSH1 0x00 RETURN"),
      gas: 100_000n,
    });
    assert.equal(result.status, "success");
    const created = createAddress(CALLER, 7n);
    assert.deepEqual(result.createdAddress, created);
    assert.deepEqual(result.output, Uint8Array.of(0));
    assert.equal(host.getNonce(CALLER), 8n);
    assert.equal(host.getBalance(created), 5n);
    assert.equal(result.gasUsed, 3n + 3n + 3n + 200n);
  });
  test("logs and refund come back through the host and the result", () => {
    const { result, host } = runCode(
      asm("PUSH1 0x2a PUSH1 0x00 MSTORE PUSH1 0x07 PUSH1 0x20 PUSH1 0x00 LOG1 PUSH1 0x00 PUSH1 0x00 SSTORE"),
      {
        storage: { "0": 1n },
      },
    );
    assert.equal(result.status, "success");
    assert.equal(host.logs.length, 1);
    assert.deepEqual(host.logs[0]!.address, CONTRACT);
    assert.equal(bytesToBigint(host.logs[0]!.topics[0]!), 7n);
    assert.equal(host.logs[0]!.data[31], 0x2a);
    assert.equal(result.refund, 4800n);
  });
  test("re-entering a running EVM is a bug, reported as EvmError", () => {
    const evm = new Evm({ fork: "Cancun", precompiles: new Map() });
    const host = new MemoryHost();
    host.setAccount(CONTRACT, { code: asm("PUSH1 0x00 BALANCE") });
    const reentrant: Host = Object.create(host) as Host;
    reentrant.getBalance = () => {
      evm.executeMessage(host, BLOCK, TX, { caller: CALLER, to: CONTRACT, value: 0n, data: new Uint8Array(0), gas: 1000n });
      return 0n;
    };
    assert.throws(
      () => evm.executeMessage(reentrant, BLOCK, TX, { caller: CALLER, to: CONTRACT, value: 0n, data: new Uint8Array(0), gas: 10000n }),
      EvmError,
    );
  });
  test("block and transaction context opcodes read plain data", () => {
    const blobHash = new Uint8Array(32).fill(1);
    const tx = { ...TX, blobHashes: [blobHash] };
    assert.equal(evalWord("NUMBER"), BLOCK.number);
    assert.equal(evalWord("TIMESTAMP"), BLOCK.timestamp);
    assert.equal(evalWord("GASLIMIT"), BLOCK.gasLimit);
    assert.equal(evalWord("CHAINID"), 1n);
    assert.equal(evalWord("BASEFEE"), 7n);
    assert.equal(evalWord("BLOBBASEFEE"), 1n);
    assert.equal(evalWord("GASPRICE"), 10n);
    assert.equal(evalWord("COINBASE"), bytesToBigint(BLOCK.coinbase));
    assert.equal(evalWord("ORIGIN"), bytesToBigint(CALLER));
    assert.equal(evalWord("CALLER"), bytesToBigint(CALLER));
    assert.equal(evalWord("ADDRESS"), bytesToBigint(CONTRACT));
    assert.equal(evalWord("PREVRANDAO"), bytesToBigint(BLOCK.prevRandao));
    assert.equal(evalWord("PUSH1 0x00 BLOBHASH", { tx }), bytesToBigint(blobHash));
    assert.equal(evalWord("PUSH1 0x01 BLOBHASH", { tx }), 0n);
  });
  test("BLOCKHASH sees only the 256 previous blocks", () => {
    const hash = new Uint8Array(32).fill(9);
    const setHashes = (h: MemoryHost): void => {
      for (const n of [743n, 744n, 999n, 1000n]) h.setBlockHash(n, hash);
    };
    const o = { beforeRun: setHashes };
    assert.equal(evalWord("PUSH2 0x03e7 BLOCKHASH", o), bytesToBigint(hash)); // 999
    assert.equal(evalWord("PUSH2 0x02e8 BLOCKHASH", o), bytesToBigint(hash)); // 744 = 1000 - 256
    assert.equal(evalWord("PUSH2 0x02e7 BLOCKHASH", o), 0n); // 743
    assert.equal(evalWord("PUSH2 0x03e8 BLOCKHASH", o), 0n); // current block
  });
  test("BALANCE, EXTCODESIZE, EXTCODEHASH of accounts: cold 2600, then warm 100", () => {
    const other = addr(0x77);
    const code = asm(`PUSH20 ${bytesToHex(other)} BALANCE PUSH20 ${bytesToHex(other)} EXTCODESIZE STOP`);
    const { result } = runCode(code, { beforeRun: (h) => h.setAccount(other, { balance: 1n, code: Uint8Array.of(0) }) });
    assert.equal(result.gasUsed, 3n + 2600n + 3n + 100n);
    assert.equal(evalWord(`PUSH20 ${bytesToHex(other)} EXTCODEHASH`), 0n); // absent account
  });
});

describe("robustness", () => {
  test("after a host throws, the next message starts with clean memory", () => {
    const evm = new Evm({ fork: "Cancun", precompiles: new Map() });
    const host = new MemoryHost();
    host.setAccount(CONTRACT, { code: asm("PUSH1 0x01 PUSH2 0x1000 MSTORE PUSH1 0x00 BALANCE") });
    const broken: Host = Object.create(host) as Host;
    broken.getBalance = () => {
      throw new Error("storage failure");
    };
    const msg = { caller: CALLER, to: CONTRACT, value: 0n, data: new Uint8Array(0), gas: 100_000n };
    assert.throws(() => evm.executeMessage(broken, BLOCK, TX, msg), /storage failure/);
    host.setAccount(CONTRACT, { code: asm("MSIZE PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN") });
    const result = evm.executeMessage(host, BLOCK, TX, msg);
    assert.equal(bytesToBigint(result.output), 0n);
  });
});
