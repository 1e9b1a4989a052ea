/**
 * params/chain-spec: which rules a chain runs and when they start. A chain spec holds the chain
 * id, each fork's activation (by block number through London, by block or terminal total
 * difficulty for the Merge, by timestamp from Shanghai on, as go-ethereum configures them),
 * the blob schedule (EIP-7840) and the EIP-1559 parameters. `forkAt` answers which fork governs
 * a block. Reading genesis.json into a spec lives in genesis-json.ts.
 */
import type { Address } from "../primitives/index.js";
import { type BlobParams, type BlobSchedule, blobParamsFor, DEFAULT_BLOB_SCHEDULE, FIRST_BLOB_FORK } from "./blob-schedule.js";
import { ChainSpecError } from "./errors.js";
import { EIP1559_PARAMS, type FeeMarketParams } from "./fee-market.js";
import { FORKS, type Fork, forkAtLeast, forkIndex, parseFork } from "./forks.js";

export type ForkActivation =
  | { readonly kind: "block"; readonly block: bigint }
  | { readonly kind: "timestamp"; readonly timestamp: bigint }
  /** The Merge when no block is configured: the first block past this total difficulty. */
  | { readonly kind: "ttd"; readonly terminalTotalDifficulty: bigint };

export interface ChainSpec {
  readonly chainId: bigint;
  /** Forks after Frontier that this chain activates; a fork not listed never activates. */
  readonly activations: Readonly<Partial<Record<Fork, ForkActivation>>>;
  readonly terminalTotalDifficulty: bigint | undefined;
  /** Complete schedule: the defaults with the chain's own entries on top. */
  readonly blobSchedule: BlobSchedule;
  readonly feeMarket: FeeMarketParams;
  /** EIP-6110 (Prague): where deposit events come from; undefined leaves the choice to the chain's defaults */
  readonly depositContractAddress?: Address | undefined;
}

/** How a fork may be scheduled. Frontier is always active from block 0. */
export type ActivationRule = "genesis" | "block" | "merge" | "timestamp";

export function activationRule(fork: Fork): ActivationRule {
  if (fork === "Frontier") return "genesis";
  if (fork === "Paris") return "merge";
  return forkAtLeast(fork, "Shanghai") ? "timestamp" : "block";
}

/** Options for `forkAt` that only the chain knows. */
export interface ForkAtOptions {
  /**
   * Whether the chain has passed its terminal total difficulty. Needed only when the Merge is
   * scheduled by a non-zero TTD without a block number: a (number, timestamp) pair cannot tell.
   * Default: merged exactly when the TTD is zero.
   */
  readonly merged?: boolean;
}

function isActive(a: ForkActivation, number: bigint, timestamp: bigint, opts: ForkAtOptions | undefined): boolean {
  switch (a.kind) {
    case "block":
      return number >= a.block;
    case "timestamp":
      return timestamp >= a.timestamp;
    case "ttd":
      return opts?.merged ?? a.terminalTotalDifficulty === 0n;
  }
}

/** The fork whose rules govern the block with this number and timestamp. */
export function forkAt(spec: ChainSpec, number: bigint, timestamp: bigint, opts?: ForkAtOptions): Fork {
  for (let i = FORKS.length - 1; i > 0; i--) {
    const fork = FORKS[i]!;
    const a = spec.activations[fork];
    if (a && isActive(a, number, timestamp, opts)) return fork;
  }
  return "Frontier";
}

/** True when `fork` (or a later fork) governs the block with this number and timestamp. */
export function isForkActive(spec: ChainSpec, fork: Fork, number: bigint, timestamp: bigint, opts?: ForkAtOptions): boolean {
  return forkAtLeast(forkAt(spec, number, timestamp, opts), fork);
}

/** The blob parameters of a fork on this chain; undefined before Cancun. */
export function chainBlobParams(spec: ChainSpec, fork: Fork): BlobParams | undefined {
  return blobParamsFor(fork, spec.blobSchedule);
}

function checkBlobParams(fork: string, p: BlobParams): void {
  const where = `blobSchedule.${fork}`;
  if (!Number.isSafeInteger(p.target) || !Number.isSafeInteger(p.max))
    throw new ChainSpecError(`${where}: target and max must be integers`);
  if (p.max < 1) throw new ChainSpecError(`${where}: max must be at least 1, got ${p.max}`);
  if (p.target < 0 || p.target > p.max) throw new ChainSpecError(`${where}: target ${p.target} must be between 0 and max ${p.max}`);
  if (p.baseFeeUpdateFraction < 1n) throw new ChainSpecError(`${where}: baseFeeUpdateFraction must be positive`);
}

/**
 * Checks a spec's internal consistency and throws ChainSpecError naming the first problem:
 * each fork scheduled the way its era allows, no fork without all earlier ones (a chain cannot
 * skip a fork, as in go-ethereum's fork-order check), activation points non-decreasing in fork
 * order, and sound blob parameters.
 */
export function validateChainSpec(spec: ChainSpec): void {
  if (spec.chainId < 1n) throw new ChainSpecError(`chainId must be a positive integer, got ${spec.chainId}`);
  if (spec.terminalTotalDifficulty !== undefined && spec.terminalTotalDifficulty < 0n)
    throw new ChainSpecError("terminalTotalDifficulty must not be negative");
  let missing: Fork | undefined;
  let lastBlock: { fork: Fork; block: bigint } | undefined;
  let lastTime: { fork: Fork; timestamp: bigint } | undefined;
  for (const fork of FORKS) {
    const rule = activationRule(fork);
    const a = spec.activations[fork];
    if (rule === "genesis") {
      if (a) throw new ChainSpecError("Frontier is always active from block 0 and takes no activation");
      continue;
    }
    if (!a) {
      missing ??= fork;
      continue;
    }
    if (missing) throw new ChainSpecError(`${fork} is scheduled but the earlier fork ${missing} is not: forks cannot be skipped`);
    const allowed = rule === "merge" ? a.kind === "block" || a.kind === "ttd" : a.kind === rule;
    if (!allowed)
      throw new ChainSpecError(`${fork} cannot activate by ${a.kind}; it activates by ${rule === "merge" ? "block or ttd" : rule}`);
    if (a.kind === "block") {
      if (a.block < 0n) throw new ChainSpecError(`${fork}: activation block must not be negative`);
      if (lastBlock && a.block < lastBlock.block)
        throw new ChainSpecError(`${fork} activates at block ${a.block}, before ${lastBlock.fork} at block ${lastBlock.block}`);
      lastBlock = { fork, block: a.block };
    } else if (a.kind === "timestamp") {
      if (a.timestamp < 0n) throw new ChainSpecError(`${fork}: activation timestamp must not be negative`);
      if (lastTime && a.timestamp < lastTime.timestamp)
        throw new ChainSpecError(`${fork} activates at timestamp ${a.timestamp}, before ${lastTime.fork} at ${lastTime.timestamp}`);
      lastTime = { fork, timestamp: a.timestamp };
    } else if (a.terminalTotalDifficulty < 0n) {
      throw new ChainSpecError(`${fork}: terminal total difficulty must not be negative`);
    }
  }
  for (const [name, p] of Object.entries(spec.blobSchedule)) {
    const fork = parseFork(name);
    if (!fork) throw new ChainSpecError(`blobSchedule: unknown fork ${name}`);
    if (!forkAtLeast(fork, FIRST_BLOB_FORK)) throw new ChainSpecError(`blobSchedule.${name}: ${fork} has no blobs`);
    checkBlobParams(name, p as BlobParams);
  }
}

export interface ChainSpecInput {
  chainId: bigint;
  activations: Partial<Record<Fork, ForkActivation>>;
  terminalTotalDifficulty?: bigint | undefined;
  /** Entries override the defaults fork by fork. */
  blobSchedule?: BlobSchedule | undefined;
  feeMarket?: FeeMarketParams | undefined;
  depositContractAddress?: Address | undefined;
}

/** Builds and validates a spec. */
export function makeChainSpec(input: ChainSpecInput): ChainSpec {
  const spec: ChainSpec = Object.freeze({
    chainId: input.chainId,
    activations: Object.freeze({ ...input.activations }),
    terminalTotalDifficulty: input.terminalTotalDifficulty,
    blobSchedule: Object.freeze({ ...DEFAULT_BLOB_SCHEDULE, ...input.blobSchedule }),
    feeMarket: input.feeMarket ?? EIP1559_PARAMS,
    depositContractAddress: input.depositContractAddress,
  });
  validateChainSpec(spec);
  return spec;
}

function activationAt(fork: Fork, point: bigint): ForkActivation {
  switch (activationRule(fork)) {
    case "timestamp":
      return { kind: "timestamp", timestamp: point };
    case "merge":
      return point === 0n ? { kind: "ttd", terminalTotalDifficulty: 0n } : { kind: "block", block: point };
    default:
      return { kind: "block", block: point };
  }
}

/** A chain that runs `fork` (and every earlier fork) from genesis: the dev chain and the test fixtures. */
export function chainSpecAtFork(fork: Fork, chainId = 1n, blobSchedule?: BlobSchedule): ChainSpec {
  const activations: Partial<Record<Fork, ForkActivation>> = {};
  for (let i = 1; i <= forkIndex(fork); i++) activations[FORKS[i]!] = activationAt(FORKS[i]!, 0n);
  return makeChainSpec({ chainId, activations, terminalTotalDifficulty: forkAtLeast(fork, "Paris") ? 0n : undefined, blobSchedule });
}

/**
 * The spec of a fixture `network` name: a fork ("Cancun") or a transition such as
 * "BerlinToLondonAt5", "ParisToShanghaiAtTime15k" or "ShanghaiToCancunAtTime15k" (the second
 * fork starts at that block number or, with "Time", that timestamp; "k" means thousands).
 * Undefined for a name that is neither.
 */
export function chainSpecForNetwork(name: string, chainId = 1n): ChainSpec | undefined {
  const single = parseFork(name);
  if (single) return chainSpecAtFork(single, chainId);
  const m = /^([A-Za-z0-9]+)To([A-Za-z0-9]+)At(Time)?(\d+)(k?)$/.exec(name);
  if (!m) return undefined;
  const from = parseFork(m[1]!);
  const to = parseFork(m[2]!);
  if (!from || !to || forkIndex(to) !== forkIndex(from) + 1) return undefined;
  const point = BigInt(m[4]!) * (m[5] ? 1000n : 1n);
  const isTime = m[3] !== undefined;
  if (isTime !== (activationRule(to) === "timestamp")) return undefined;
  const base = chainSpecAtFork(from, chainId);
  return makeChainSpec({
    chainId,
    activations: { ...base.activations, [to]: activationAt(to, point) },
    terminalTotalDifficulty: base.terminalTotalDifficulty,
  });
}
