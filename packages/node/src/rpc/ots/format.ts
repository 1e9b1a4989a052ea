/**
 * rpc/ots/format: arguments and JSON shapes shared by the ots_ methods. Otterscan sends block
 * numbers and page sizes as JSON numbers (Erigon's rpc.BlockNumber and uint16 accept them), so
 * the arguments take numbers as well as hex quantities and tags. Transactions and receipts are
 * eth_'s (rpc/eth/format.ts); a receipt in a history page also carries its block's `timestamp`,
 * as Erigon adds it. `BlockReader` caches the blocks and receipts one request touches.
 */
import type { Chain } from "../../chain/index.js";
import { bigintToQuantity } from "../../primitives/index.js";
import type { Receipt, SealedBlock, SealedHeader } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { lookupBlockNumber } from "../eth/args.js";
import { formatReceipt, formatTransaction } from "../eth/format.js";
import { argBlockNumber, invalidArgument } from "../params.js";

type Json = Record<string, unknown>;
const q = bigintToQuantity;

/** A non-negative integer given as a JSON number or a hex quantity (Erigon's uint16/uint64 params). */
export function argCount(params: unknown[], index: number, max: bigint): bigint {
  const v = params[index];
  let n: bigint | undefined;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) n = BigInt(v);
  else if (typeof v === "string" && /^0x(0|[1-9a-f][0-9a-f]*)$/i.test(v)) n = BigInt(v);
  if (n === undefined || n > max) throw invalidArgument(index, `expected a number from 0 to ${max}`);
  return n;
}

/** A block given as a JSON number, a hex quantity or a tag; undefined when not stored. */
export function argBlockRef(chain: Chain, params: unknown[], index: number): SealedHeader | undefined {
  const v = params[index];
  if (typeof v === "number") return chain.getHeaderByNumber(argCount(params, index, 0x7fffffffffffffffn));
  return lookupBlockNumber(chain, argBlockNumber(params, index));
}

interface LoadedBlock {
  readonly block: SealedBlock;
  readonly receipts: readonly Receipt[];
  /** firstLogIndex[i]: the block's logs before transaction i */
  readonly firstLogIndex: readonly number[];
}

/** Reads blocks and receipts once per request, however many of their transactions it formats. */
export class BlockReader {
  private readonly loaded = new Map<bigint, LoadedBlock>();

  constructor(private readonly chain: Chain) {}

  /** The canonical block `number` with its receipts; throws if the store lacks them. */
  load(number: bigint): LoadedBlock {
    let l = this.loaded.get(number);
    if (l === undefined) {
      const block = this.chain.getBlockByNumber(number);
      const receipts = block === undefined ? undefined : this.chain.getReceipts(block.header.hash);
      if (block === undefined || receipts === undefined) throw new RpcError(SERVER_ERROR, `block ${number} not found`);
      const firstLogIndex: number[] = [];
      let n = 0;
      for (const r of receipts) {
        firstLogIndex.push(n);
        n += r.logs.length;
      }
      l = { block, receipts, firstLogIndex };
      this.loaded.set(number, l);
    }
    return l;
  }

  /** eth_getTransactionByHash's and eth_getTransactionReceipt's answers for transaction `index` of block `number`. */
  txAndReceipt(number: bigint, index: number, withTimestamp: boolean): { tx: Json; receipt: Json } {
    const { block, receipts, firstLogIndex } = this.load(number);
    const t = block.body.transactions[index];
    if (t === undefined) throw new RpcError(SERVER_ERROR, `transaction ${index} of block ${number} not found`);
    const from = this.chain.storedSender(t, block.header);
    const h = block.header.header;
    const tx = formatTransaction(t, from, { blockHash: block.header.hash, blockNumber: h.number, index, baseFee: h.baseFeePerGas });
    const receipt = formatReceipt({ block, receipts, index, from, firstLogIndex: firstLogIndex[index]! });
    if (withTimestamp) receipt.timestamp = q(h.timestamp);
    return { tx, receipt };
  }
}
