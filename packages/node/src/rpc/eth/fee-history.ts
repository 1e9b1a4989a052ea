/**
 * rpc/eth/fee-history: eth_feeHistory as go-ethereum's gas price oracle computes it
 * (eth/gasprice/feehistory.go) and eth_blobBaseFee.
 *
 * For each of `blockCount` blocks ending at `newestBlock` (at most 1024, silently truncated, and
 * never before genesis): the base fee, the gas used ratio, the blob base fee and blob gas used
 * ratio, and for each requested percentile the effective tip of the transaction at which the
 * cumulative gas used (transactions sorted by tip, stably) first reaches that percentile of the
 * block's gas used. baseFeePerGas and baseFeePerBlobGas carry one entry more than blocks: the
 * fees of the block after the newest (computed from the newest header as geth does, the blob one
 * at the same timestamp). Percentiles must be within [0, 100], strictly increasing, at most 100.
 * "pending" names the head: the dev chain mines its pending block at once.
 */
import type { Chain } from "../../chain/index.js";
import { blockFork } from "../../execution/index.js";
import { chainBlobParams, maxBlobGasPerBlock } from "../../params/index.js";
import { bigintToQuantity } from "../../primitives/index.js";
import { calcBaseFee, calcExcessBlobGas, type Header, headerBlobBaseFee, type Transaction } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { argBlockNumber, invalidArgument } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { lookupBlockNumber } from "./args.js";

/** geth's FeeHistory MaxHeaderHistory / MaxBlockHistory defaults. */
export const MAX_FEE_HISTORY = 1024n;
/** geth's maxQueryLimit: reward percentiles per query. */
export const MAX_REWARD_PERCENTILES = 100;

const q = bigintToQuantity;

/** geth's txGasAndReward. */
export interface GasAndReward {
  readonly gasUsed: bigint;
  readonly reward: bigint;
}

/** The effective tip a transaction paid over `baseFee` (geth's EffectiveGasTip). */
export function effectiveGasTip(tx: Transaction, baseFee: bigint | undefined): bigint {
  const tipCap = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxPriorityFeePerGas;
  const feeCap = tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
  if (baseFee === undefined) return tipCap;
  const headroom = feeCap - baseFee;
  // bigints: Math.min does not apply
  if (tipCap < headroom) return tipCap;
  return headroom;
}

/**
 * The reward row of one block: geth's processBlock loop. `blockGasUsed` is the header's gas
 * used; `txs` in block order. No transactions: a row of zeros.
 */
export function rewardPercentiles(blockGasUsed: bigint, txs: readonly GasAndReward[], percentiles: readonly number[]): bigint[] {
  if (txs.length === 0) return percentiles.map(() => 0n);
  // Array.prototype.sort is stable, as geth's slices.SortStableFunc.
  const sorted = [...txs].sort((a, b) => (a.reward < b.reward ? -1 : a.reward > b.reward ? 1 : 0));
  let txIndex = 0;
  let sumGasUsed = sorted[0]!.gasUsed;
  return percentiles.map((p) => {
    // uint64(float64(gasUsed) * p / 100), evaluated left to right as in Go
    const threshold = BigInt(Math.floor((Number(blockGasUsed) * p) / 100));
    while (sumGasUsed < threshold && txIndex < sorted.length - 1) {
      txIndex++;
      sumGasUsed += sorted[txIndex]!.gasUsed;
    }
    return sorted[txIndex]!.reward;
  });
}

/** geth's percentile checks, with its messages (fmt %f prints six decimals). */
export function checkPercentiles(percentiles: readonly number[]): void {
  const bad = (detail: string): RpcError => new RpcError(SERVER_ERROR, `invalid reward percentile: ${detail}`);
  if (percentiles.length > MAX_REWARD_PERCENTILES) throw bad(`over the query limit ${MAX_REWARD_PERCENTILES}`);
  percentiles.forEach((p, i) => {
    if (p < 0 || p > 100) throw bad(p.toFixed(6));
    if (i > 0 && p <= percentiles[i - 1]!) throw bad(`#${i - 1}:${percentiles[i - 1]!.toFixed(6)} >= #${i}:${p.toFixed(6)}`);
  });
}

/** math.HexOrDecimal64: a JSON number, or a string in hex (0x) or decimal. */
function argHexOrDecimal64(params: unknown[], index: number): bigint {
  const v = params[index];
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v : undefined;
  if (text === undefined) throw invalidArgument(index, `invalid hex or decimal integer ${JSON.stringify(JSON.stringify(v) ?? "")}`);
  let n: bigint | undefined;
  if (text === "") n = 0n;
  else if (/^0[xX][0-9a-fA-F]{1,16}$/.test(text)) n = BigInt(`0x${text.slice(2)}`);
  else if (/^[0-9]{1,20}$/.test(text)) n = BigInt(text);
  if (n === undefined || n > 0xffffffffffffffffn) throw invalidArgument(index, `invalid hex or decimal integer ${JSON.stringify(text)}`);
  return n;
}

function argPercentiles(params: unknown[], index: number): number[] {
  const v = params[index];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidArgument(index, `json: cannot unmarshal ${typeof v} into Go value of type []float64`);
  return v.map((p) => {
    if (typeof p !== "number") throw invalidArgument(index, `json: cannot unmarshal ${typeof p} into Go value of type float64`);
    return p;
  });
}

interface BlockFees {
  baseFee: bigint;
  nextBaseFee: bigint;
  blobBaseFee: bigint;
  nextBlobBaseFee: bigint;
  gasUsedRatio: number;
  blobGasUsedRatio: number;
  reward: bigint[] | undefined;
}

function headerFees(chain: Chain, h: Header): BlockFees {
  const spec = chain.spec;
  const fork = blockFork(spec, h.number, h.timestamp);
  let blobBaseFee = 0n;
  let nextBlobBaseFee = 0n;
  if (h.excessBlobGas !== undefined) {
    blobBaseFee = headerBlobBaseFee(h, fork, spec.blobSchedule);
    const nextFork = blockFork(spec, h.number + 1n, h.timestamp);
    const excess = calcExcessBlobGas(h, nextFork, spec.blobSchedule);
    nextBlobBaseFee = headerBlobBaseFee({ ...h, excessBlobGas: excess }, nextFork, spec.blobSchedule);
  }
  let blobGasUsedRatio = 0;
  const blobParams = chainBlobParams(spec, fork);
  if (h.blobGasUsed !== undefined && blobParams !== undefined) {
    blobGasUsedRatio = Number(h.blobGasUsed) / Number(maxBlobGasPerBlock(blobParams));
  }
  return {
    baseFee: h.baseFeePerGas ?? 0n,
    nextBaseFee: h.baseFeePerGas !== undefined ? calcBaseFee(h) : 0n,
    blobBaseFee,
    nextBlobBaseFee,
    gasUsedRatio: Number(h.gasUsed) / Number(h.gasLimit),
    blobGasUsedRatio,
    reward: undefined,
  };
}

export function registerFeeHistory(registry: MethodRegistry, chain: Chain): void {
  registry.register(
    "eth_feeHistory",
    (p) => {
      let blocks = argHexOrDecimal64(p, 0);
      const last = argBlockNumber(p, 1);
      const percentiles = argPercentiles(p, 2);
      if (blocks < 1n) return { oldestBlock: "0x0", gasUsedRatio: null };
      checkPercentiles(percentiles);
      if (blocks > MAX_FEE_HISTORY) blocks = MAX_FEE_HISTORY;
      const head = chain.head.header.number;
      let newest: bigint;
      if (typeof last === "bigint") {
        if (last > head) throw new RpcError(SERVER_ERROR, `request beyond head block: requested ${last}, head ${head}`);
        newest = last;
      } else newest = lookupBlockNumber(chain, last)!.header.number;
      if (newest + 1n < blocks) blocks = newest + 1n;
      const oldest = newest + 1n - blocks;
      const rows: BlockFees[] = [];
      for (let n = oldest; n <= newest; n++) {
        const block = chain.getBlockByNumber(n);
        if (block === undefined) break;
        const h = block.header.header;
        const fees = headerFees(chain, h);
        if (percentiles.length > 0) {
          const receipts = chain.getReceipts(block.header.hash) ?? [];
          const txs = block.body.transactions.map((tx, i) => ({
            gasUsed: receipts[i]!.cumulativeGasUsed - (i === 0 ? 0n : receipts[i - 1]!.cumulativeGasUsed),
            reward: effectiveGasTip(tx, h.baseFeePerGas),
          }));
          fees.reward = rewardPercentiles(h.gasUsed, txs, percentiles);
        }
        rows.push(fees);
      }
      if (rows.length === 0) return { oldestBlock: "0x0", gasUsedRatio: null };
      const lastRow = rows[rows.length - 1]!;
      const out: Record<string, unknown> = { oldestBlock: q(oldest) };
      if (percentiles.length > 0) out.reward = rows.map((r) => r.reward!.map((x) => q(x)));
      out.baseFeePerGas = [...rows.map((r) => q(r.baseFee)), q(lastRow.nextBaseFee)];
      out.gasUsedRatio = rows.map((r) => r.gasUsedRatio);
      out.baseFeePerBlobGas = [...rows.map((r) => q(r.blobBaseFee)), q(lastRow.nextBlobBaseFee)];
      out.blobGasUsedRatio = rows.map((r) => r.blobGasUsedRatio);
      return out;
    },
    { arity: [2, 3] },
  );

  // geth: the blob base fee of the current head (eip4844.CalcBlobFee of its excess blob gas).
  registry.register(
    "eth_blobBaseFee",
    () => {
      const h = chain.head.header;
      if (h.excessBlobGas === undefined) return null;
      return q(headerBlobBaseFee(h, blockFork(chain.spec, h.number, h.timestamp), chain.spec.blobSchedule));
    },
    { arity: [0, 0] },
  );
}
