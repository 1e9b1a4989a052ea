import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chainSpecAtFork, genesisFromJson, parseGenesisJson } from "../params/index.js";
import { bytesToHex, type Hash32, hexToBytes, ZERO_HASH } from "../primitives/index.js";
import { EMPTY_TRIE_ROOT } from "../trie/index.js";
import { decodeBlock, encodeBlock } from "./block.js";
import { EMPTY_OMMERS_HASH } from "./body.js";
import { genesisBlock, genesisHeader } from "./genesis.js";
import { encodeHeader, headerHash } from "./header.js";
import { EMPTY_REQUESTS_HASH } from "./requests.js";

const ROOT = new Uint8Array(32).fill(0xab) as Hash32;

describe("genesis header", () => {
  test("mainnet's genesis hash from its genesis.json fields and state root", () => {
    const g = parseGenesisJson(`{
      "config": { "chainId": 1, "homesteadBlock": 1150000 },
      "nonce": "0x0000000000000042",
      "timestamp": "0x0",
      "extraData": "0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa",
      "gasLimit": "0x1388",
      "difficulty": "0x400000000",
      "mixHash": "0x0000000000000000000000000000000000000000000000000000000000000000",
      "coinbase": "0x0000000000000000000000000000000000000000"
    }`);
    const stateRoot = hexToBytes("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544") as Hash32;
    const h = genesisHeader(g, stateRoot);
    assert.equal(bytesToHex(headerHash(h)), "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3");
    assert.equal(h.baseFeePerGas, undefined);
  });

  test("the fork at genesis decides the optional fields (Prague: all of them)", () => {
    const h = genesisHeader({ spec: chainSpecAtFork("Prague", 31337n), alloc: [], gasLimit: 30_000_000n }, ROOT);
    assert.equal(h.baseFeePerGas, 1_000_000_000n, "EIP-1559 initial base fee");
    assert.deepEqual(h.withdrawalsRoot, EMPTY_TRIE_ROOT);
    assert.equal(h.blobGasUsed, 0n);
    assert.equal(h.excessBlobGas, 0n);
    assert.deepEqual(h.parentBeaconBlockRoot, ZERO_HASH);
    assert.deepEqual(h.requestsHash, EMPTY_REQUESTS_HASH);
    assert.equal(h.difficulty, 0n, "merged at genesis");
    assert.deepEqual(h.ommersHash, EMPTY_OMMERS_HASH);
    assert.deepEqual(h.transactionsRoot, EMPTY_TRIE_ROOT);
    assert.deepEqual(h.receiptsRoot, EMPTY_TRIE_ROOT);
    assert.deepEqual(h.stateRoot, ROOT);
    assert.equal(encodeHeader(h).length > 0, true);
  });

  test("London, Shanghai and Cancun stop at their own fields; given values win over defaults", () => {
    const london = genesisHeader({ spec: chainSpecAtFork("London"), alloc: [], baseFeePerGas: 875n }, ROOT);
    assert.equal(london.baseFeePerGas, 875n);
    assert.equal(london.withdrawalsRoot, undefined);
    assert.equal(london.difficulty, 131072n, "proof-of-work default");
    assert.equal(london.gasLimit, 4712388n, "go-ethereum's default gas limit");
    const shanghai = genesisHeader({ spec: chainSpecAtFork("Shanghai"), alloc: [], gasLimit: 0n }, ROOT);
    assert.deepEqual(shanghai.withdrawalsRoot, EMPTY_TRIE_ROOT);
    assert.equal(shanghai.blobGasUsed, undefined);
    assert.equal(shanghai.gasLimit, 4712388n, "zero means the default, as in go-ethereum");
    const cancun = genesisHeader({ spec: chainSpecAtFork("Cancun"), alloc: [], excessBlobGas: 131072n, parentBeaconBlockRoot: ROOT }, ROOT);
    assert.equal(cancun.excessBlobGas, 131072n);
    assert.deepEqual(cancun.parentBeaconBlockRoot, ROOT);
    assert.equal(cancun.requestsHash, undefined);
  });

  test("a genesis that schedules forks later starts with the earlier fork's shape", () => {
    const g = genesisFromJson({
      config: {
        chainId: 1,
        homesteadBlock: 0,
        eip150Block: 0,
        eip158Block: 0,
        byzantiumBlock: 0,
        constantinopleBlock: 0,
        petersburgBlock: 0,
        istanbulBlock: 0,
        berlinBlock: 0,
        londonBlock: 0,
        terminalTotalDifficulty: 0,
        shanghaiTime: 0,
        cancunTime: 100,
      },
      timestamp: "0x10",
    });
    const h = genesisHeader(g, ROOT);
    assert.ok(h.withdrawalsRoot);
    assert.equal(h.blobGasUsed, undefined);
  });

  test("the genesis block round-trips; Shanghai and later carry an empty withdrawals list", () => {
    const block = genesisBlock({ spec: chainSpecAtFork("Cancun"), alloc: [] }, ROOT);
    assert.deepEqual(block.body.withdrawals, []);
    const decoded = decodeBlock(encodeBlock(block.header.header, block.body));
    assert.deepEqual(decoded.header.hash, block.header.hash);
    const london = genesisBlock({ spec: chainSpecAtFork("London"), alloc: [] }, ROOT);
    assert.equal(london.body.withdrawals, undefined);
  });
});
