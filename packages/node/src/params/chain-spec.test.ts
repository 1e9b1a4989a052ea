import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  activationRule,
  type ChainSpec,
  chainBlobParams,
  chainSpecAtFork,
  chainSpecForNetwork,
  forkAt,
  isForkActive,
  makeChainSpec,
} from "./chain-spec.js";
import { ChainSpecError } from "./errors.js";
import { EIP1559_PARAMS } from "./fee-market.js";
import { FORKS } from "./forks.js";
import { chainSpecFromJson } from "./genesis-json.js";

/** Mainnet's schedule as go-ethereum's genesis config writes it. */
const MAINNET_CONFIG = {
  chainId: 1,
  homesteadBlock: 1150000,
  daoForkBlock: 1920000,
  daoForkSupport: true,
  eip150Block: 2463000,
  eip155Block: 2675000,
  eip158Block: 2675000,
  byzantiumBlock: 4370000,
  constantinopleBlock: 7280000,
  petersburgBlock: 7280000,
  istanbulBlock: 9069000,
  muirGlacierBlock: 9200000,
  berlinBlock: 12244000,
  londonBlock: 12965000,
  arrowGlacierBlock: 13773000,
  grayGlacierBlock: 15050000,
  terminalTotalDifficulty: "58750000000000000000000",
  shanghaiTime: 1681338455,
  cancunTime: 1710338135,
  pragueTime: 1746612311,
  ethash: {},
};

describe("forkAt", () => {
  const mainnet = chainSpecFromJson(MAINNET_CONFIG);

  test("block-numbered forks switch at their first block", () => {
    assert.equal(forkAt(mainnet, 0n, 0n), "Frontier");
    assert.equal(forkAt(mainnet, 1149999n, 0n), "Frontier");
    assert.equal(forkAt(mainnet, 1150000n, 0n), "Homestead");
    assert.equal(forkAt(mainnet, 2675000n, 0n), "EIP158");
    assert.equal(forkAt(mainnet, 7280000n, 0n), "ConstantinopleFix");
    assert.equal(forkAt(mainnet, 12964999n, 0n), "Berlin");
    assert.equal(forkAt(mainnet, 12965000n, 0n), "London");
  });

  test("a non-zero TTD without a merge block: Paris only when the chain says it merged", () => {
    assert.equal(forkAt(mainnet, 15537394n, 1663224179n), "London");
    assert.equal(forkAt(mainnet, 15537394n, 1663224179n, { merged: true }), "Paris");
    assert.equal(isForkActive(mainnet, "Paris", 15537394n, 1663224179n, { merged: true }), true);
  });

  test("timestamp forks switch at their first second, whatever the block number", () => {
    assert.equal(forkAt(mainnet, 17034870n, 1681338454n, { merged: true }), "Paris");
    assert.equal(forkAt(mainnet, 17034870n, 1681338455n), "Shanghai");
    assert.equal(forkAt(mainnet, 19426587n, 1710338135n), "Cancun");
    assert.equal(forkAt(mainnet, 22431084n, 1746612311n), "Prague");
    assert.equal(forkAt(mainnet, 30000000n, 2000000000n), "Prague", "Osaka is not scheduled");
  });

  test("the big TTD is read exactly", () => {
    assert.equal(mainnet.terminalTotalDifficulty, 58750000000000000000000n);
    assert.deepEqual(mainnet.activations.Paris, { kind: "ttd", terminalTotalDifficulty: 58750000000000000000000n });
  });

  test("mergeNetsplitBlock schedules Paris by block", () => {
    const spec = chainSpecFromJson({ ...MAINNET_CONFIG, mergeNetsplitBlock: 15537394 });
    assert.equal(forkAt(spec, 15537393n, 0n), "London");
    assert.equal(forkAt(spec, 15537394n, 0n), "Paris");
  });

  test("every fork from genesis", () => {
    for (const fork of FORKS) {
      const spec = chainSpecAtFork(fork);
      assert.equal(forkAt(spec, 0n, 0n), fork);
      assert.equal(forkAt(spec, 1000000n, 2000000000n), fork);
    }
  });

  test("activation rules by era", () => {
    assert.equal(activationRule("Frontier"), "genesis");
    assert.equal(activationRule("London"), "block");
    assert.equal(activationRule("Paris"), "merge");
    assert.equal(activationRule("Shanghai"), "timestamp");
    assert.equal(activationRule("Osaka"), "timestamp");
  });
});

describe("chainSpecForNetwork", () => {
  test("a single fork", () => {
    const spec = chainSpecForNetwork("Cancun")!;
    assert.equal(forkAt(spec, 0n, 0n), "Cancun");
  });

  test("transitions by block and by timestamp", () => {
    const byBlock = chainSpecForNetwork("BerlinToLondonAt5")!;
    assert.equal(forkAt(byBlock, 4n, 0n), "Berlin");
    assert.equal(forkAt(byBlock, 5n, 0n), "London");
    const byTime = chainSpecForNetwork("ShanghaiToCancunAtTime15k")!;
    assert.equal(forkAt(byTime, 1n, 14999n), "Shanghai");
    assert.equal(forkAt(byTime, 1n, 15000n), "Cancun");
    const merge = chainSpecForNetwork("ParisToShanghaiAtTime15k")!;
    assert.equal(forkAt(merge, 0n, 0n), "Paris");
  });

  test("unknown names and impossible transitions", () => {
    assert.equal(chainSpecForNetwork("Atlantis"), undefined);
    assert.equal(chainSpecForNetwork("BerlinToCancunAt5"), undefined, "not consecutive");
    assert.equal(chainSpecForNetwork("BerlinToLondonAtTime5"), undefined, "London is block-numbered");
    assert.equal(chainSpecForNetwork("ShanghaiToCancunAt5"), undefined, "Cancun is timestamped");
  });
});

describe("validation", () => {
  const base = (): Parameters<typeof makeChainSpec>[0] => ({
    chainId: 1n,
    activations: { Homestead: { kind: "block", block: 0n }, EIP150: { kind: "block", block: 0n } },
  });

  test("a fork cannot be skipped", () => {
    assert.throws(
      () =>
        makeChainSpec({ chainId: 1n, activations: { Homestead: { kind: "block", block: 0n }, Byzantium: { kind: "block", block: 5n } } }),
      /Byzantium is scheduled but the earlier fork EIP150 is not/,
    );
  });

  test("activations must not go backwards", () => {
    const input = base();
    input.activations.EIP150 = { kind: "block", block: 0n };
    input.activations.Homestead = { kind: "block", block: 10n };
    assert.throws(() => makeChainSpec(input), /EIP150 activates at block 0, before Homestead at block 10/);
    assert.throws(
      () => chainSpecFromJson({ chainId: 1, ...allBlocksZero(), terminalTotalDifficulty: 0, shanghaiTime: 10, cancunTime: 5 }),
      /Cancun activates at timestamp 5, before Shanghai at 10/,
    );
  });

  test("each fork activates the way its era allows", () => {
    const input = base();
    input.activations.EIP150 = { kind: "timestamp", timestamp: 0n };
    assert.throws(() => makeChainSpec(input), /EIP150 cannot activate by timestamp/);
    assert.throws(
      () => makeChainSpec({ chainId: 1n, activations: { Frontier: { kind: "block", block: 0n } } }),
      /Frontier is always active/,
    );
  });

  test("chain id must be positive", () => {
    assert.throws(() => makeChainSpec({ chainId: 0n, activations: {} }), ChainSpecError);
  });

  test("blob schedule entries are checked and merged over the defaults", () => {
    const cancun = chainSpecAtFork("Osaka", 1n, { Osaka: { target: 10, max: 15, baseFeeUpdateFraction: 8346193n } });
    assert.deepEqual(chainBlobParams(cancun, "Osaka"), { target: 10, max: 15, baseFeeUpdateFraction: 8346193n });
    assert.deepEqual(chainBlobParams(cancun, "Prague"), { target: 6, max: 9, baseFeeUpdateFraction: 5007716n });
    assert.throws(
      () => chainSpecAtFork("Cancun", 1n, { Cancun: { target: 7, max: 6, baseFeeUpdateFraction: 1n } }),
      /target 7 must be between 0 and max 6/,
    );
    assert.throws(
      () => chainSpecAtFork("Cancun", 1n, { Cancun: { target: 0, max: 0, baseFeeUpdateFraction: 1n } }),
      /max must be at least 1/,
    );
    assert.throws(
      () => chainSpecAtFork("Cancun", 1n, { Cancun: { target: 3, max: 6, baseFeeUpdateFraction: 0n } }),
      /baseFeeUpdateFraction/,
    );
    assert.throws(() => chainSpecAtFork("Cancun", 1n, { London: { target: 3, max: 6, baseFeeUpdateFraction: 1n } }), /London has no blobs/);
  });

  test("defaults: EIP-1559 parameters", () => {
    const spec: ChainSpec = chainSpecAtFork("London");
    assert.equal(spec.feeMarket, EIP1559_PARAMS);
    assert.equal(spec.feeMarket.initialBaseFee, 1000000000n);
    assert.equal(spec.feeMarket.elasticityMultiplier, 2n);
    assert.equal(spec.feeMarket.baseFeeMaxChangeDenominator, 8n);
  });
});

function allBlocksZero(): Record<string, number> {
  const keys = ["homestead", "eip150", "eip155", "eip158", "byzantium", "constantinople", "petersburg", "istanbul", "berlin", "london"];
  return Object.fromEntries(keys.map((k) => [`${k}Block`, 0]));
}
