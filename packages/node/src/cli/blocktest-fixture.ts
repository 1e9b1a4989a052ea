/**
 * cli/blocktest-fixture: reading one blockchain test (ethereum/tests BlockchainTests and
 * execution-spec-tests `blockchain_test` format) from untrusted JSON into typed data. Every
 * field is checked; anything wrong is a FixtureError naming the field, reported by the runner
 * as a failed test. A block's `rlp` is kept as given: a block that does not decode is test
 * input (the chain must reject it), not a broken fixture.
 *
 * A test is { network, pre, genesisBlockHeader, genesisRLP?, blocks: [ { rlp,
 * expectException? } ], lastblockhash, postState? | postStateHash? }.
 */
import type { ChainSpec, Genesis } from "../params/index.js";
import { chainSpecForNetwork } from "../params/index.js";
import { type Address, type Hash32, UINT64_MAX } from "../primitives/index.js";
import type { AccountInit } from "../state/index.js";
import { address, FixtureError, hexBytes, obj, parsePre, quantity } from "./statetest-fixture.js";

export interface FixtureBlock {
  /** the block's RLP as the fixture gives it (hex, possibly not even that) */
  readonly rlp: unknown;
  /** set when the chain must reject the block */
  readonly expectException: string | undefined;
}

export interface BlockTest {
  readonly network: string;
  readonly spec: ChainSpec;
  readonly pre: [Address, AccountInit][];
  /** Genesis fields from genesisBlockHeader (alloc empty: the pre-state is `pre`). */
  readonly genesis: Genesis;
  readonly genesisHash: Uint8Array;
  readonly genesisStateRoot: Uint8Array;
  readonly blocks: readonly FixtureBlock[];
  readonly lastblockhash: Uint8Array;
  /** Expected accounts of the head's state, when the fixture lists them. */
  readonly postState: [Address, AccountInit][] | undefined;
  /** Expected state root of the head, when the fixture gives only that. */
  readonly postStateHash: Uint8Array | undefined;
}

type Json = Record<string, unknown>;

function hash(v: unknown, what: string): Hash32 {
  return hexBytes(v, what, 32) as Hash32;
}

function optional<T>(v: unknown, parse: (v: unknown) => T): T | undefined {
  return v === undefined ? undefined : parse(v);
}

function parseGenesis(spec: ChainSpec, h: Json): Genesis {
  const g = "genesisBlockHeader";
  return {
    spec,
    nonce: quantity(h.nonce, `${g}.nonce`, UINT64_MAX),
    timestamp: quantity(h.timestamp, `${g}.timestamp`, UINT64_MAX),
    extraData: hexBytes(h.extraData ?? "0x", `${g}.extraData`),
    gasLimit: quantity(h.gasLimit, `${g}.gasLimit`, UINT64_MAX),
    difficulty: quantity(h.difficulty ?? "0x0", `${g}.difficulty`),
    mixHash: hash(h.mixHash ?? `0x${"00".repeat(32)}`, `${g}.mixHash`),
    coinbase: address(h.coinbase, `${g}.coinbase`),
    number: quantity(h.number ?? "0x0", `${g}.number`, UINT64_MAX),
    gasUsed: quantity(h.gasUsed ?? "0x0", `${g}.gasUsed`, UINT64_MAX),
    parentHash: h.parentHash === undefined ? undefined : hash(h.parentHash, `${g}.parentHash`),
    baseFeePerGas: optional(h.baseFeePerGas, (v) => quantity(v, `${g}.baseFeePerGas`)),
    excessBlobGas: optional(h.excessBlobGas, (v) => quantity(v, `${g}.excessBlobGas`, UINT64_MAX)),
    blobGasUsed: optional(h.blobGasUsed, (v) => quantity(v, `${g}.blobGasUsed`, UINT64_MAX)),
    parentBeaconBlockRoot: optional(h.parentBeaconBlockRoot, (v) => hash(v, `${g}.parentBeaconBlockRoot`)),
    alloc: [],
  };
}

function parseBlocks(v: unknown): FixtureBlock[] {
  if (!Array.isArray(v)) throw new FixtureError("blocks must be an array");
  return v.map((raw, i) => {
    const b = obj(raw, `blocks[${i}]`);
    const exc = b.expectException;
    if (exc !== undefined && typeof exc !== "string") throw new FixtureError(`blocks[${i}].expectException must be a string`);
    return { rlp: b.rlp, expectException: exc };
  });
}

export function parseBlockTest(v: unknown): BlockTest {
  const t = obj(v, "test");
  if (typeof t.network !== "string") throw new FixtureError("network must be a string");
  const spec = chainSpecForNetwork(t.network);
  if (spec === undefined) throw new FixtureError(`unsupported network ${JSON.stringify(t.network.slice(0, 60))}`);
  const header = obj(t.genesisBlockHeader, "genesisBlockHeader");
  return {
    network: t.network,
    spec,
    pre: parsePre(t.pre),
    genesis: parseGenesis(spec, header),
    genesisHash: hash(header.hash, "genesisBlockHeader.hash"),
    genesisStateRoot: hash(header.stateRoot, "genesisBlockHeader.stateRoot"),
    blocks: parseBlocks(t.blocks),
    lastblockhash: hash(t.lastblockhash, "lastblockhash"),
    postState: t.postState === undefined ? undefined : parsePre(t.postState, "postState"),
    postStateHash: t.postStateHash === undefined ? undefined : hash(t.postStateHash, "postStateHash"),
  };
}

/** The network named by a raw test, for entries of tests that do not parse. */
export function networkOf(v: unknown): string {
  const n = typeof v === "object" && v !== null ? (v as Json).network : undefined;
  return typeof n === "string" ? n : "";
}
