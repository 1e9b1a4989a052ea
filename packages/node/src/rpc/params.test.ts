import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RpcError } from "./errors.js";
import { argAddress, argBlockNumber, argBool, argBytes, argHash, argOptional, argQuantity, argUint64, checkArity } from "./params.js";

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof RpcError);
    assert.equal(err.code, -32602);
    return err.message;
  }
  assert.fail("expected an error");
}

describe("rpc params (geth wording)", () => {
  test("bytes", () => {
    assert.deepEqual(argBytes(["0x0102"], 0), Uint8Array.of(1, 2));
    assert.deepEqual(argBytes(["0x"], 0), new Uint8Array(0));
    assert.equal(
      message(() => argBytes(["0102"], 0)),
      "invalid argument 0: json: cannot unmarshal hex string without 0x prefix into Go value of type hexutil.Bytes",
    );
    assert.equal(
      message(() => argBytes(["0x123"], 0)),
      "invalid argument 0: json: cannot unmarshal hex string of odd length into Go value of type hexutil.Bytes",
    );
    assert.equal(
      message(() => argBytes(["0xzz"], 0)),
      "invalid argument 0: json: cannot unmarshal invalid hex string into Go value of type hexutil.Bytes",
    );
    assert.equal(
      message(() => argBytes([1], 0)),
      "invalid argument 0: json: cannot unmarshal non-string into Go value of type hexutil.Bytes",
    );
  });

  test("address and hash", () => {
    const a = `0x${"ab".repeat(20)}`;
    assert.equal(argAddress([a], 0).length, 20);
    assert.equal(argHash([`0x${"00".repeat(32)}`], 0).length, 32);
    assert.equal(
      message(() => argAddress(["0x12"], 0)),
      "invalid argument 0: hex string has length 2, want 40 for common.Address",
    );
    assert.equal(
      message(() => argAddress(["x", "ab".repeat(20)], 1)),
      "invalid argument 1: json: cannot unmarshal hex string without 0x prefix into Go value of type common.Address",
    );
    assert.equal(
      message(() => argHash(["0x12"], 0)),
      "invalid argument 0: hex string has length 2, want 64 for common.Hash",
    );
  });

  test("quantities", () => {
    assert.equal(argQuantity(["0x0"], 0), 0n);
    assert.equal(argQuantity(["0xff"], 0), 255n);
    assert.equal(
      message(() => argQuantity(["0x01"], 0)),
      "invalid argument 0: json: cannot unmarshal hex number with leading zero digits into Go value of type *hexutil.Big",
    );
    assert.equal(
      message(() => argQuantity(["0x"], 0)),
      'invalid argument 0: json: cannot unmarshal hex string "0x" into Go value of type *hexutil.Big',
    );
    assert.equal(
      message(() => argQuantity(["12"], 0)),
      "invalid argument 0: json: cannot unmarshal hex string without 0x prefix into Go value of type *hexutil.Big",
    );
    assert.equal(
      message(() => argQuantity([`0x1${"0".repeat(64)}`], 0)),
      "invalid argument 0: json: cannot unmarshal hex number > 256 bits into Go value of type *hexutil.Big",
    );
    assert.equal(
      message(() => argUint64(["0x10000000000000000"], 0)),
      "invalid argument 0: json: cannot unmarshal hex number > 64 bits into Go value of type hexutil.Uint64",
    );
    assert.equal(
      message(() => argUint64([5], 0)),
      "invalid argument 0: json: cannot unmarshal non-string into Go value of type hexutil.Uint64",
    );
  });

  test("bool, optional, block number, arity", () => {
    assert.equal(argBool([true], 0), true);
    assert.equal(
      message(() => argBool(["true"], 0)),
      "invalid argument 0: json: cannot unmarshal string into Go value of type bool",
    );
    assert.equal(argOptional([], 0, argBool), undefined);
    assert.equal(argOptional([null], 0, argBool), undefined);
    assert.equal(argBlockNumber(["latest"], 0), "latest");
    assert.equal(argBlockNumber(["0x10"], 0), 16n);
    assert.equal(
      message(() => argBlockNumber(["latest", "10"], 1)),
      "invalid argument 1: hex string without 0x prefix",
    );
    assert.equal(
      message(() => argBlockNumber(["latest", "0x8000000000000000"], 1)),
      "invalid argument 1: block number larger than int64",
    );
    assert.equal(
      message(() => checkArity([1, 2, 3], 1, 2)),
      "too many arguments, want at most 2",
    );
    assert.equal(
      message(() => checkArity([], 1, 2)),
      "missing value for required argument 0",
    );
    checkArity([1], 1, 2);
  });
});
