import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToHex } from "../primitives/index.js";
import { forkAt } from "./chain-spec.js";
import { ChainSpecError } from "./errors.js";
import { genesisFork } from "./genesis.js";
import { chainSpecFromJson, genesisFromJson, parseGenesisJson, parseJsonLossless } from "./genesis-json.js";

const PRAGUE_DEV = `{
  "config": {
    "chainId": 31337,
    "homesteadBlock": 0, "eip150Block": 0, "eip155Block": 0, "eip158Block": 0,
    "byzantiumBlock": 0, "constantinopleBlock": 0, "petersburgBlock": 0, "istanbulBlock": 0,
    "muirGlacierBlock": 0, "berlinBlock": 0, "londonBlock": 0, "arrowGlacierBlock": 0, "grayGlacierBlock": 0,
    "mergeNetsplitBlock": 0, "terminalTotalDifficulty": 0, "terminalTotalDifficultyPassed": true,
    "shanghaiTime": 0, "cancunTime": 0, "pragueTime": 0,
    "depositContractAddress": "0x00000000219ab540356cbb839cbe05303d7705fa",
    "blobSchedule": {
      "cancun": { "target": 3, "max": 6, "baseFeeUpdateFraction": 3338477 },
      "prague": { "target": "0x6", "max": "0x9", "baseFeeUpdateFraction": "0x4c6964" }
    }
  },
  "nonce": "0x0",
  "timestamp": "0x6490fdd2",
  "extraData": "0x",
  "gasLimit": "0x1c9c380",
  "difficulty": "0x0",
  "mixHash": "0x0000000000000000000000000000000000000000000000000000000000000000",
  "coinbase": "0x0000000000000000000000000000000000000000",
  "baseFeePerGas": "0x3b9aca00",
  "excessBlobGas": "0x0",
  "blobGasUsed": "0x0",
  "alloc": {
    "f39fd6e51aad88f6f4ce6ab8827279cfffb92266": { "balance": "10000000000000000000000" },
    "0x4242424242424242424242424242424242424242": {
      "balance": "0",
      "nonce": "0x1",
      "code": "0x6001600055",
      "storage": { "0x01": "0x2a", "0x0000000000000000000000000000000000000000000000000000000000000002": "0x00" }
    }
  }
}`;

describe("parseGenesisJson", () => {
  test("a Prague dev genesis", () => {
    const g = parseGenesisJson(PRAGUE_DEV);
    assert.equal(g.spec.chainId, 31337n);
    assert.equal(genesisFork(g), "Prague");
    assert.equal(forkAt(g.spec, 0n, 0n), "Prague");
    assert.equal(g.gasLimit, 30000000n);
    assert.equal(g.timestamp, 0x6490fdd2n);
    assert.equal(g.baseFeePerGas, 1000000000n);
    assert.equal(g.extraData?.length, 0);
    assert.equal(bytesToHex(g.spec.depositContractAddress!), "0x00000000219ab540356cbb839cbe05303d7705fa");
    assert.deepEqual(g.spec.blobSchedule.Prague, { target: 6, max: 9, baseFeeUpdateFraction: 5007716n });
    assert.equal(g.alloc.length, 2);
    const [funded, contract] = g.alloc;
    assert.equal(bytesToHex(funded!.address), "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assert.equal(funded!.balance, 10000n * 10n ** 18n, "a balance beyond 2^53 is read exactly");
    assert.equal(contract!.nonce, 1n);
    assert.equal(bytesToHex(contract!.code), "0x6001600055");
    assert.deepEqual(
      [...contract!.storage],
      [
        [1n, 42n],
        [2n, 0n],
      ],
    );
  });

  test("absent header fields stay undefined for the header builder to default", () => {
    const g = genesisFromJson({ config: { chainId: 1 } });
    assert.equal(g.gasLimit, undefined);
    assert.equal(g.difficulty, undefined);
    assert.equal(g.alloc.length, 0);
    assert.equal(genesisFork(g), "Frontier");
  });

  test("errors name the JSON path", () => {
    const cases: [unknown, RegExp][] = [
      [{}, /config is required/],
      [{ config: {} }, /config.chainId is required/],
      [{ config: { chainId: "abc" } }, /config.chainId: expected a non-negative integer/],
      [{ config: { chainId: 1, homesteadBlock: -1 } }, /config.homesteadBlock: must not be negative/],
      [{ config: { chainId: 1, homesteadBlock: 1.5 } }, /config.homesteadBlock: expected a non-negative integer/],
      [
        { config: { chainId: 1, eip155Block: 1, eip158Block: 2, homesteadBlock: 0, eip150Block: 0 } },
        /eip155Block \(1\) and config.eip158Block \(2\) must be equal/,
      ],
      [{ config: { chainId: 1, bpo1Time: 5 } }, /config.bpo1Time: this fork is not supported/],
      [
        { config: { chainId: 1, blobSchedule: { bpo1: { target: 1, max: 2, baseFeeUpdateFraction: 3 } } } },
        /config.blobSchedule.bpo1: unknown/,
      ],
      [
        { config: { chainId: 1, blobSchedule: { cancun: { target: 1, max: 2 } } } },
        /config.blobSchedule.cancun.baseFeeUpdateFraction is required/,
      ],
      [{ config: { chainId: 1 }, gasLimit: "0x1ffffffffffffffff" }, /gasLimit: .* does not fit in 64 bits/],
      [{ config: { chainId: 1 }, mixHash: "0x00" }, /mixHash: expected 32 bytes, got 1/],
      [{ config: { chainId: 1 }, extraData: "zz" }, /extraData: expected a 0x-prefixed hex string/],
      [{ config: { chainId: 1 }, alloc: { "0x12": { balance: "1" } } }, /alloc.0x12: expected a 20-byte hex address/],
      [
        { config: { chainId: 1 }, alloc: { "0x4242424242424242424242424242424242424242": { balance: "x" } } },
        /alloc.0x4242.*\.balance: expected/,
      ],
      [
        {
          config: { chainId: 1 },
          alloc: { "0x4242424242424242424242424242424242424242": {}, "4242424242424242424242424242424242424242": {} },
        },
        /alloc: address 4242424242424242424242424242424242424242 is given twice/,
      ],
      [
        {
          config: { chainId: 1 },
          alloc: { "0x4242424242424242424242424242424242424242": { storage: { "0x01": `0x${"00".repeat(33)}` } } },
        },
        /at most 32 bytes/,
      ],
    ];
    for (const [json, message] of cases) {
      assert.throws(
        () => genesisFromJson(json),
        (e: unknown) => e instanceof ChainSpecError && message.test(e.message),
        String(message),
      );
    }
  });

  test("forks out of order are rejected with the spec's message", () => {
    assert.throws(() => chainSpecFromJson({ chainId: 1, cancunTime: 0 }), /Cancun is scheduled but the earlier fork Homestead is not/);
  });

  test("Petersburg follows Constantinople when not given, as in go-ethereum", () => {
    const spec = chainSpecFromJson({
      chainId: 1,
      homesteadBlock: 0,
      eip150Block: 0,
      eip158Block: 0,
      byzantiumBlock: 0,
      constantinopleBlock: 7,
    });
    assert.equal(forkAt(spec, 7n, 0n), "ConstantinopleFix");
  });
});

describe("parseJsonLossless", () => {
  test("integers beyond 2^53 become exact decimal strings; everything else is JSON.parse", () => {
    const v = parseJsonLossless(
      '{"a": 58750000000000000000000, "b": 12, "c": "9007199254740993 in a string", "d": [1.5e3, -123456789012345678], "e": "\\"x\\" 1234567890123456789"}',
    );
    assert.deepEqual(v, {
      a: "58750000000000000000000",
      b: 12,
      c: "9007199254740993 in a string",
      d: [1500, "-123456789012345678"],
      e: '"x" 1234567890123456789',
    });
  });

  test("malformed JSON is a SyntaxError", () => {
    assert.throws(() => parseJsonLossless("{"), SyntaxError);
  });
});
