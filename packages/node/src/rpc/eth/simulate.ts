/**
 * rpc/eth/simulate: eth_simulateV1 as go-ethereum's internal/ethapi/simulate.go serves it.
 * Blocks are built one on another over the requested block's state with the same BlockBuilder
 * block production uses; everything stays in one StateDb that is never persisted (the trie keeps
 * committed nodes in memory, so a later simulated block reads what an earlier one wrote).
 *
 * As geth: block numbers and timestamps default to the previous block's plus 1 and plus 12
 * seconds, a jump in numbers is filled with empty blocks, at most 256 blocks past the base
 * (-38026 "too many blocks"), numbers and timestamps must increase (-38020, -38021). Without
 * `validation` the base fee is 0 unless overridden, nonce and EOA checks are skipped; with it, the
 * base fee follows EIP-1559 from the parent. A call without nonce takes the sender's next one, a
 * call without gas the block's remaining gas, and all calls share the RPC gas cap (geth's gas
 * pool: each call's gas is capped to what is left of it). A call the block cannot include aborts the whole
 * request with the spec's code (-38010 nonce too low, -38011 too high, -38013 intrinsic gas,
 * -38014 funds, -38015 block gas limit, -38024 sender not an EOA, -38025 initcode size); a
 * reverted or halted call is a result with status 0 and an error object (-32000 with the revert
 * data, -32015 for a halt). `traceTransfers` adds an ERC-7528 Transfer log (address
 * 0xeeee...eeee) for every ether movement, in order with the call's own logs, dropped with the
 * frame that reverts.
 */
import type { Chain } from "../../chain/index.js";
import { keccak256, toChecksumAddress } from "../../crypto/index.js";
import { Evm, type Tracer } from "../../evm/index.js";
import { BlockBuilder, blockFork, type ChainContext, type ExecutionEngine, intrinsicGas } from "../../execution/index.js";
import { type Fork, GAS_PER_BLOB } from "../../params/index.js";
import {
  type Address,
  asAddress,
  bigintToQuantity,
  bytesToBigint,
  bytesToHex,
  type Hash32,
  hexToBytes,
  ZERO_ADDRESS,
} from "../../primitives/index.js";
import type { StateDb } from "../../state/index.js";
import { type SealedBlock, type SealedHeader, type Transaction, transactionHash, type Withdrawal } from "../../types/index.js";
import { INVALID_PARAMS, RpcError, SERVER_ERROR } from "../errors.js";
import { argAddress, argHash, argUint64, invalidArgument } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { argBlockHeader, argCallArgs } from "./args.js";
import { type CallArgs, checkFeeArgs, RPC_CALL_TIMEOUT_MS, RPC_GAS_CAP, revertReason, withCallTimeout } from "./call.js";
import { formatBlock } from "./format.js";
import { registerHeaderMethods } from "./headers.js";
import { applyStateOverride, argBlockOverrides, argStateOverride, type BlockOverrides, type StateOverride } from "./overrides.js";

const q = bigintToQuantity;
type Json = Record<string, unknown>;

/** geth's maxSimulateBlocks and timestampIncrement. */
export const MAX_SIMULATE_BLOCKS = 256n;
export const SIMULATE_TIMESTAMP_INCREMENT = 12n;

/** ERC-7528: the pseudo-address of ether in token-style logs. */
export const ETH_PSEUDO_ADDRESS = hexToBytes("0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee") as Address;
/** keccak256("Transfer(address,address,uint256)") */
const TRANSFER_TOPIC = hexToBytes("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

interface SimBlockInput {
  readonly overrides: BlockOverrides;
  readonly beaconRoot?: Hash32 | undefined;
  readonly withdrawals?: Withdrawal[] | undefined;
  readonly stateOverride?: StateOverride | undefined;
  readonly calls: CallArgs[];
}

export interface SimulateOptions {
  readonly blocks: SimBlockInput[];
  readonly traceTransfers: boolean;
  readonly validation: boolean;
  readonly returnFullTransactions: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseWithdrawals(v: unknown): Withdrawal[] {
  if (!Array.isArray(v)) throw invalidArgument(0, "json: cannot unmarshal non-array into Go value of type types.Withdrawals");
  return v.map((w) => {
    if (!isObject(w)) throw invalidArgument(0, "json: cannot unmarshal non-object into Go value of type types.Withdrawal");
    return {
      index: argUint64([w.index], 0),
      validatorIndex: argUint64([w.validatorIndex], 0),
      address: asAddress(argAddress([w.address], 0)),
      amount: argUint64([w.amount], 0),
    };
  });
}

/** Decodes eth_simulateV1's first argument (simOpts). */
export function argSimulateOptions(params: unknown[], index: number): SimulateOptions {
  const v = params[index];
  if (!isObject(v)) throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type ethapi.simOpts");
  const raw = v.blockStateCalls;
  if (raw !== undefined && raw !== null && !Array.isArray(raw))
    throw invalidArgument(index, "json: cannot unmarshal non-array into Go value of type []ethapi.simBlock");
  const list = (raw ?? []) as unknown[];
  if (list.length === 0) throw new RpcError(INVALID_PARAMS, "empty input");
  if (BigInt(list.length) > MAX_SIMULATE_BLOCKS) throw new RpcError(-38026, "too many blocks");
  const blocks = list.map((b): SimBlockInput => {
    if (!isObject(b)) throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type ethapi.simBlock");
    const bo = isObject(b.blockOverrides) ? b.blockOverrides : {};
    const { beaconRoot, withdrawals, ...rest } = bo;
    const calls = b.calls ?? [];
    if (!Array.isArray(calls))
      throw invalidArgument(index, "json: cannot unmarshal non-array into Go value of type []ethapi.TransactionArgs");
    return {
      overrides: argBlockOverrides([rest], 0) ?? {},
      beaconRoot: beaconRoot === undefined || beaconRoot === null ? undefined : (argHash([beaconRoot], 0) as Hash32),
      withdrawals: withdrawals === undefined || withdrawals === null ? undefined : parseWithdrawals(withdrawals),
      stateOverride: argStateOverride([b.stateOverrides], 0),
      calls: calls.map((c) => argCallArgs([c], 0)),
    };
  });
  return {
    blocks,
    traceTransfers: v.traceTransfers === true,
    validation: v.validation === true,
    returnFullTransactions: v.returnFullTransactions === true,
  };
}

interface PlannedBlock {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly input: SimBlockInput;
}

/** geth's sanitizeChain: defaults, order checks, gaps filled with empty blocks. */
function planBlocks(base: SealedHeader, blocks: readonly SimBlockInput[]): PlannedBlock[] {
  const out: PlannedBlock[] = [];
  let prevNumber = base.header.number;
  let prevTime = base.header.timestamp;
  for (const input of blocks) {
    const number = input.overrides.number ?? prevNumber + 1n;
    if (number <= prevNumber) throw new RpcError(-38020, `block numbers must be in order: ${number} <= ${prevNumber}`);
    if (number - base.header.number > MAX_SIMULATE_BLOCKS) throw new RpcError(-38026, "too many blocks");
    for (let n = prevNumber + 1n; n < number; n++) {
      prevTime += SIMULATE_TIMESTAMP_INCREMENT;
      out.push({ number: n, timestamp: prevTime, input: { overrides: {}, calls: [] } });
    }
    prevNumber = number;
    const timestamp = input.overrides.time ?? prevTime + SIMULATE_TIMESTAMP_INCREMENT;
    if (timestamp <= prevTime) throw new RpcError(-38021, `block timestamps must be in order: ${timestamp} <= ${prevTime}`);
    prevTime = timestamp;
    out.push({ number, timestamp, input });
  }
  return out;
}

interface SimLog {
  readonly address: Uint8Array;
  readonly topics: readonly Uint8Array[];
  readonly data: Uint8Array;
}

/** geth's simulate tracer: the call's logs with ERC-7528 transfers, frame by frame. */
class TransferTracer implements Tracer {
  private frames: SimLog[][] = [[]];
  reset(): void {
    this.frames = [[]];
  }
  get logs(): SimLog[] {
    return this.frames[0] ?? [];
  }
  enter(frame: { type: string; from: Address; to: Address; value: bigint | undefined; depth: number }): void {
    if (frame.depth > 0) this.frames.push([]);
    if (frame.type !== "DELEGATECALL" && frame.value !== undefined && frame.value > 0n) {
      const pad = (a: Uint8Array): Uint8Array => {
        const out = new Uint8Array(32);
        out.set(a, 12);
        return out;
      };
      const data = hexToBytes(`0x${frame.value.toString(16).padStart(64, "0")}`);
      this.top().push({ address: ETH_PSEUDO_ADDRESS, topics: [TRANSFER_TOPIC, pad(frame.from), pad(frame.to)], data });
    }
  }
  exit(frame: { depth: number; reverted: boolean; error: string | undefined }): void {
    const failed = frame.reverted || frame.error !== undefined;
    if (frame.depth === 0) {
      if (failed) this.frames = [[]];
      return;
    }
    const child = this.frames.pop() ?? [];
    if (!failed) this.top().push(...child);
  }
  log(address: Address, topics: readonly Uint8Array[], data: Uint8Array): void {
    this.top().push({ address, topics: [...topics], data: data.slice() });
  }
  private top(): SimLog[] {
    return this.frames[this.frames.length - 1]!;
  }
}

const REJECTION_CODES: Record<string, number> = {
  NONCE_MISMATCH_TOO_LOW: -38010,
  NONCE_MISMATCH_TOO_HIGH: -38011,
  INTRINSIC_GAS_TOO_LOW: -38013,
  INTRINSIC_GAS_BELOW_FLOOR_GAS_COST: -38013,
  INSUFFICIENT_ACCOUNT_FUNDS: -38014,
  GAS_ALLOWANCE_EXCEEDED: -38015,
  SENDER_NOT_EOA: -38024,
  INITCODE_SIZE_EXCEEDED: -38025,
  // geth answers these fee errors as invalid params
  INSUFFICIENT_MAX_FEE_PER_GAS: -32602,
  PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS: -32602,
};

/** secp256k1 group order */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The unsigned message as a transaction. geth leaves v, r, s zero; the builder's static checks
 * want a well-formed signature, so it carries the placeholder an impersonated sender's
 * transaction carries (rpc/dev/impersonation.ts: r from the sender, s = 1, parity 0), and the
 * sender is handed to the builder beside it. Transaction hashes differ from geth's for that.
 */
function buildTx(args: CallArgs, sender: Address, nonce: bigint, gas: bigint, chainId: bigint): Transaction {
  const r = (bytesToBigint(keccak256(sender)) % (N - 1n)) + 1n;
  const s = 1n;
  const common = { nonce, gasLimit: gas, to: args.to, value: args.value ?? 0n, data: args.data ?? new Uint8Array(0) };
  if (args.gasPrice !== undefined) {
    return args.accessList === undefined
      ? { type: 0, gasPrice: args.gasPrice, v: chainId * 2n + 35n, r, s, ...common }
      : { type: 1, chainId, gasPrice: args.gasPrice, accessList: args.accessList, yParity: 0, r, s, ...common };
  }
  const dynamic = {
    chainId,
    maxFeePerGas: args.maxFeePerGas ?? 0n,
    maxPriorityFeePerGas: args.maxPriorityFeePerGas ?? 0n,
    accessList: args.accessList ?? [],
    yParity: 0 as const,
    r,
    s,
    ...common,
  };
  if (args.blobVersionedHashes !== undefined && common.to !== undefined)
    return {
      ...dynamic,
      type: 3,
      to: common.to,
      maxFeePerBlobGas: args.maxFeePerBlobGas ?? 0n,
      blobVersionedHashes: [...args.blobVersionedHashes],
    };
  if (args.authorizationList !== undefined && common.to !== undefined)
    return { ...dynamic, type: 4, to: common.to, authorizationList: [...args.authorizationList] };
  return { ...dynamic, type: 2 };
}

/** geth's core error wording for the rejections the spec gives codes to; our detail otherwise. */
function rejectionMessage(
  code: string,
  detail: string,
  c: { state: StateDb; tx: Transaction; sender: Address; stateNonce: bigint; fork: Fork },
): string {
  const who = toChecksumAddress(c.sender);
  const { tx } = c;
  switch (code) {
    case "NONCE_MISMATCH_TOO_LOW":
      return `nonce too low: address ${who}, tx: ${tx.nonce} state: ${c.stateNonce}`;
    case "NONCE_MISMATCH_TOO_HIGH":
      return `nonce too high: address ${who}, tx: ${tx.nonce} state: ${c.stateNonce}`;
    case "INTRINSIC_GAS_TOO_LOW":
      return `intrinsic gas too low: have ${tx.gasLimit}, want ${intrinsicGas(tx, c.fork).gas}`;
    case "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST":
      return `insufficient gas for floor data gas cost: have ${tx.gasLimit}, want ${intrinsicGas(tx, c.fork).floor}`;
    case "INSUFFICIENT_ACCOUNT_FUNDS": {
      const feeCap = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
      const blob = tx.type === 3 ? BigInt(tx.blobVersionedHashes.length) * GAS_PER_BLOB * tx.maxFeePerBlobGas : 0n;
      const want = tx.gasLimit * feeCap + tx.value + blob;
      return `insufficient funds for gas * price + value: address ${who} have ${c.state.getBalance(c.sender)} want ${want}`;
    }
    case "INITCODE_SIZE_EXCEEDED":
      return `max initcode size exceeded: code size ${tx.data.length} limit 49152`;
    case "INSUFFICIENT_MAX_FEE_PER_GAS": {
      const feeCap = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
      return `max fee per gas less than block base fee: address ${who}, maxFeePerGas: ${feeCap}, baseFee: ${detail.replace(/.* /, "")}`;
    }
    case "SENDER_NOT_EOA":
      return `sender not an eoa: address ${who}, codehash: ${bytesToHex(keccak256(c.state.getCode(c.sender)))}`;
    default:
      return detail;
  }
}

function formatLogs(logs: readonly SimLog[], block: SealedBlock, txHash: string, txIndex: number, firstIndex: number): Json[] {
  const h = block.header.header;
  return logs.map((l, i) => ({
    address: bytesToHex(l.address),
    topics: l.topics.map((t) => bytesToHex(t)),
    data: bytesToHex(l.data),
    blockNumber: q(h.number),
    transactionHash: txHash,
    transactionIndex: q(txIndex),
    blockHash: bytesToHex(block.header.hash),
    blockTimestamp: q(h.timestamp),
    logIndex: q(firstIndex + i),
    removed: false,
  }));
}

interface CallRecord {
  readonly status: "success" | "revert" | "halt";
  readonly error: string | undefined;
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  readonly logs: SimLog[];
}

/** Runs one simulated block on `state`; returns the sealed block and its calls' results. */
function simulateBlock(
  chain: Chain,
  state: StateDb,
  base: ChainContext,
  parent: SealedHeader,
  hashes: Map<bigint, Uint8Array>,
  plan: PlannedBlock,
  opts: SimulateOptions,
  budget: { gas: bigint },
): { json: Json; header: SealedHeader } {
  const { input } = plan;
  const spec = chain.spec;
  const fork = blockFork(spec, plan.number, plan.timestamp);
  const tracer = opts.traceTransfers ? new TransferTracer() : undefined;
  let engine: ExecutionEngine = applyStateOverride(state, base.engineFor(fork), fork, input.stateOverride);
  if (tracer !== undefined) engine = { evm: new Evm({ fork, precompiles: engine.precompiles, tracer }), precompiles: engine.precompiles };
  const context: ChainContext = {
    spec,
    parent,
    ancestorHash: (n) => hashes.get(n) ?? base.ancestorHash(n),
    engineFor: () => engine,
  };
  const o = input.overrides;
  const shanghai = fork !== "Paris";
  const cancun = shanghai && fork !== "Shanghai";
  // Without validation an unpriced call must fit any block: base fee 0 unless set (geth).
  const baseFeePerGas = o.baseFeePerGas ?? (opts.validation ? undefined : 0n);
  const builder = new BlockBuilder(state, context, {
    coinbase: o.feeRecipient ?? parent.header.coinbase,
    timestamp: plan.timestamp,
    gasLimit: o.gasLimit ?? parent.header.gasLimit,
    prevRandao: (o.prevRandao ?? new Uint8Array(32)) as Hash32,
    withdrawals: shanghai ? (input.withdrawals ?? []) : undefined,
    parentBeaconBlockRoot: cancun ? (input.beaconRoot ?? (new Uint8Array(32) as Hash32)) : undefined,
    baseFeePerGas,
  });
  const records: CallRecord[] = [];
  for (const args of input.calls) {
    checkFeeArgs(args);
    const sender = args.from ?? ZERO_ADDRESS;
    const stateNonce = state.getNonce(sender);
    // Without validation nonce checks are skipped: the call runs with the sender's nonce.
    const nonce = args.nonce === undefined || !opts.validation ? stateNonce : args.nonce;
    const gasLeft = builder.gasLeft;
    const wanted = args.gas ?? gasLeft;
    if (wanted > gasLeft)
      throw new RpcError(-38015, `block gas limit reached: ${builder.env.gasLimit - gasLeft} >= ${builder.env.gasLimit}`);
    // geth's gas pool: all calls of the request share the RPC gas cap (CallDefaults caps each).
    const gas = wanted < budget.gas ? wanted : budget.gas;
    const tx = buildTx(args, sender, nonce, gas, spec.chainId);
    tracer?.reset();
    // As geth, the EOA check (EIP-3607) is skipped even with validation.
    const added = builder.addTransaction(tx, sender, true);
    if (!added.ok) {
      const r = added.error;
      const message = rejectionMessage(r.code, r.message.slice(r.code.length + 2), { state, tx, sender, stateNonce, fork });
      throw new RpcError(REJECTION_CODES[r.code] ?? -32603, `err: ${message} (supplied gas ${gas})`);
    }
    const outcome = added.value.outcome;
    budget.gas -= outcome.gasUsed;
    const logs: SimLog[] =
      outcome.status !== "success" ? [] : tracer !== undefined ? tracer.logs : outcome.logs.map((l) => ({ ...l, topics: [...l.topics] }));
    records.push({ status: outcome.status, error: outcome.error, output: outcome.output, gasUsed: outcome.gasUsed, logs });
  }
  const built = builder.finish();
  const block = built.block;
  hashes.set(block.header.header.number, block.header.hash);
  const out = formatBlock(block, opts.returnFullTransactions ? built.senders : undefined);
  let logIndex = 0;
  out.calls = records.map((r, i) => {
    const txHash = bytesToHex(transactionHash(block.body.transactions[i]!));
    const call: Json = {
      returnData: r.status === "success" ? bytesToHex(r.output) : "0x",
      logs: formatLogs(r.logs, block, txHash, i, logIndex),
      gasUsed: q(r.gasUsed),
      status: r.status === "success" ? "0x1" : "0x0",
    };
    logIndex += r.logs.length;
    if (r.status === "revert") {
      const reason = revertReason(r.output);
      call.error = {
        code: SERVER_ERROR,
        message: reason === undefined ? "execution reverted" : `execution reverted: ${reason}`,
        data: bytesToHex(r.output),
      };
    } else if (r.status === "halt") call.error = { code: -32015, message: r.error ?? "execution halted" };
    return call;
  });
  return { json: out, header: block.header };
}

export interface SimulateLimits {
  readonly timeoutMs: number;
  /** gas all calls of one request may use together (geth: --rpc.gascap) */
  readonly gasCap?: bigint | undefined;
}

/** eth_simulateV1 over `base` (the block named by the second argument). */
export function simulateV1(chain: Chain, base: SealedHeader, opts: SimulateOptions, limits: SimulateLimits): Json[] {
  const plan = planBlocks(base, opts.blocks);
  return withCallTimeout(limits.timeoutMs, () => {
    const state = chain.stateAt(base.header.stateRoot);
    const baseContext = chain.contextFor(base);
    const hashes = new Map<bigint, Uint8Array>();
    const budget = { gas: limits.gasCap ?? RPC_GAS_CAP };
    const out: Json[] = [];
    let parent = base;
    for (const p of plan) {
      const { json, header } = simulateBlock(chain, state, baseContext, parent, hashes, p, opts, budget);
      out.push(json);
      parent = header;
    }
    return out;
  });
}

export interface SimulateBackend {
  readonly chain: Chain;
  readonly callTimeoutMs?: number | undefined;
}

/** Registers eth_simulateV1, eth_getHeaderByNumber and eth_getHeaderByHash. */
export function registerSimulateMethods(registry: MethodRegistry, backend: SimulateBackend): void {
  const { chain } = backend;
  registry.register(
    "eth_simulateV1",
    (p) => {
      const opts = argSimulateOptions(p, 0);
      const base = argBlockHeader(chain, p, 1);
      return simulateV1(chain, base, opts, { timeoutMs: backend.callTimeoutMs ?? RPC_CALL_TIMEOUT_MS });
    },
    { arity: [1, 2] },
  );
  registerHeaderMethods(registry, chain);
}
