import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { txGasSchedule } from "../params/index.js";
import { type Address, type Hash32, hexToBytes } from "../primitives/index.js";
import { intrinsicGas } from "./intrinsic-gas.js";

const TO = new Uint8Array(20).fill(0x11) as Address;
const KEY = new Uint8Array(32) as Hash32;
const bytes = (zeros: number, nonZeros: number) => {
  const out = new Uint8Array(zeros + nonZeros);
  out.fill(0xff, zeros);
  return out;
};

describe("intrinsic gas per fork", () => {
  test("base cost and calldata (68 per non-zero byte, 16 from Istanbul, EIP-2028)", () => {
    assert.deepEqual(intrinsicGas({ to: TO, data: new Uint8Array(0) }, "Frontier"), { gas: 21000n, floor: 0n });
    assert.equal(intrinsicGas({ to: TO, data: bytes(3, 2) }, "Frontier").gas, 21000n + 3n * 4n + 2n * 68n);
    assert.equal(intrinsicGas({ to: TO, data: bytes(3, 2) }, "ConstantinopleFix").gas, 21000n + 3n * 4n + 2n * 68n);
    assert.equal(intrinsicGas({ to: TO, data: bytes(3, 2) }, "Istanbul").gas, 21000n + 3n * 4n + 2n * 16n);
    assert.equal(intrinsicGas({ to: TO, data: hexToBytes("0x00010203") }, "Cancun").gas, 21000n + 4n + 3n * 16n);
  });

  test("contract creation: 21000 in Frontier, 53000 from Homestead (EIP-2), init-code words from Shanghai (EIP-3860)", () => {
    assert.equal(intrinsicGas({ to: undefined, data: new Uint8Array(0) }, "Frontier").gas, 21000n);
    assert.equal(intrinsicGas({ to: undefined, data: new Uint8Array(0) }, "Homestead").gas, 53000n);
    assert.equal(intrinsicGas({ to: undefined, data: bytes(0, 33) }, "Paris").gas, 53000n + 33n * 16n);
    assert.equal(intrinsicGas({ to: undefined, data: bytes(0, 33) }, "Shanghai").gas, 53000n + 33n * 16n + 2n * 2n);
    assert.equal(intrinsicGas({ to: undefined, data: bytes(0, 64) }, "Shanghai").gas, 53000n + 64n * 16n + 2n * 2n);
    // word cost applies to creation only
    assert.equal(intrinsicGas({ to: TO, data: bytes(0, 33) }, "Shanghai").gas, 21000n + 33n * 16n);
  });

  test("access lists: 2400 per address and 1900 per storage key (EIP-2930)", () => {
    const accessList = [
      { address: TO, storageKeys: [KEY, KEY] },
      { address: TO, storageKeys: [] },
    ];
    assert.equal(intrinsicGas({ to: TO, data: new Uint8Array(0), accessList }, "Berlin").gas, 21000n + 2n * 2400n + 2n * 1900n);
  });

  test("authorizations: 25000 each (EIP-7702)", () => {
    assert.equal(intrinsicGas({ to: TO, data: new Uint8Array(0), authorizationList: [{}, {}] }, "Prague").gas, 21000n + 50000n);
  });

  test("calldata floor from Prague (EIP-7623): 21000 + 10 * (zero bytes + 4 * non-zero bytes)", () => {
    const data = bytes(10, 10);
    assert.deepEqual(intrinsicGas({ to: TO, data }, "Cancun"), { gas: 21000n + 40n + 160n, floor: 0n });
    assert.deepEqual(intrinsicGas({ to: TO, data }, "Prague"), { gas: 21000n + 40n + 160n, floor: 21000n + 10n * (10n + 40n) });
    // the floor ignores creation and access-list costs
    assert.equal(intrinsicGas({ to: undefined, data, accessList: [{ address: TO, storageKeys: [KEY] }] }, "Prague").floor, 21500n);
    assert.equal(intrinsicGas({ to: TO, data: new Uint8Array(0) }, "Prague").floor, 21000n);
  });

  test("schedules are composed fork by fork", () => {
    assert.equal(txGasSchedule("Osaka").txDataNonZero, 16n);
    assert.equal(txGasSchedule("Osaka").perAuthorization, 25000n);
    assert.equal(txGasSchedule("Osaka").maxInitCodeSize, 49152);
    assert.equal(txGasSchedule("London").maxInitCodeSize, undefined);
    assert.equal(txGasSchedule("Cancun").maxBlobGasPerBlock / txGasSchedule("Cancun").blobGasPerBlob, 6n);
    assert.equal(txGasSchedule("Prague").maxBlobGasPerBlock / txGasSchedule("Prague").blobGasPerBlob, 9n);
  });
});
