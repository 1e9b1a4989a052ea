/**
 * rpc/ots/methods: Otterscan's API (API level 8) as Erigon serves it (turbo/jsonrpc/otterscan_*.go),
 * plus erigon_getHeaderByNumber, which Otterscan also calls. History reads come from the chain's
 * account-history indexes (chain/history.ts): a page of an address's transactions costs the page.
 * Traces replay the transaction's block up to it (traces.ts). Registering enables the ots and
 * erigon namespaces.
 */
import { type Chain, searchHistory, txHashBySenderAndNonce } from "../../chain/index.js";
import { type Address, bigintToQuantity, bytesToHex } from "../../primitives/index.js";
import type { SealedBlock } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { addressArg, argBlockHeader } from "../eth/args.js";
import { formatBlock, formatHeader, txGasPrice } from "../eth/format.js";
import { argHash } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { contractCreator } from "./creator.js";
import { argBlockRef, argCount, BlockReader } from "./format.js";
import { internalOperations, traceEntries, transactionError } from "./traces.js";

/** Otterscan's API level this node implements (Erigon's API_LEVEL). */
export const OTS_API_LEVEL = 8;
/** The largest page ots_searchTransactions* serves (Erigon's maxPageSize flag). */
export const OTS_MAX_PAGE_SIZE = 1000;

type Json = Record<string, unknown>;
const q = bigintToQuantity;

export interface OtsBackend {
  readonly chain: Chain;
}

/** Erigon's delegateGetBlockByNumber: the block without transaction bodies, with their count. */
function blockJson(chain: Chain, block: SealedBlock): Json {
  const out = formatBlock(block, undefined);
  delete out.transactions;
  out.totalDifficulty = q(chain.getTotalDifficulty(block.header.hash) ?? 0n);
  out.transactionCount = block.body.transactions.length;
  // Erigon drops it explicitly: Otterscan never shows it and it is 256 bytes per block.
  out.logsBloom = null;
  return out;
}

/** ots_getBlockDetails: the block, its issuance (none after the Merge) and the fees its transactions paid. */
function blockDetails(chain: Chain, block: SealedBlock | undefined): Json | null {
  if (block === undefined) return null;
  const receipts = chain.getReceipts(block.header.hash) ?? [];
  const baseFee = block.header.header.baseFeePerGas;
  let fees = 0n;
  block.body.transactions.forEach((tx, i) => {
    const used = receipts[i]!.cumulativeGasUsed - (i === 0 ? 0n : receipts[i - 1]!.cumulativeGasUsed);
    fees += used * txGasPrice(tx, baseFee);
  });
  return {
    block: blockJson(chain, block),
    issuance: { blockReward: "0x0", uncleReward: "0x0", issuance: "0x0" },
    totalFees: q(fees),
  };
}

export function registerOtsMethods(registry: MethodRegistry, backend: OtsBackend): void {
  const { chain } = backend;
  registry.enableNamespace("ots");
  registry.enableNamespace("erigon");

  registry.register("ots_getApiLevel", () => OTS_API_LEVEL, { arity: [0, 0] });

  registry.register(
    "ots_hasCode",
    (p) => {
      const address = addressArg(p, 0);
      const header = argBlockHeader(chain, p, 1);
      return chain.stateAt(header.header.stateRoot).getCode(address).length > 0;
    },
    { arity: [1, 2] },
  );

  registry.register(
    "erigon_getHeaderByNumber",
    (p) => {
      const header = argBlockRef(chain, p, 0);
      return header === undefined ? null : formatHeader(header);
    },
    { arity: [1, 1] },
  );

  registry.register(
    "ots_getBlockDetails",
    (p) => {
      const header = argBlockRef(chain, p, 0);
      return blockDetails(chain, header === undefined ? undefined : chain.getBlock(header.hash));
    },
    { arity: [1, 1] },
  );
  registry.register("ots_getBlockDetailsByHash", (p) => blockDetails(chain, chain.getBlock(argHash(p, 0))), { arity: [1, 1] });

  registry.register(
    "ots_getBlockTransactions",
    (p) => {
      const header = argBlockRef(chain, p, 0);
      const pageNumber = Number(argCount(p, 1, 255n));
      const pageSize = Number(argCount(p, 2, 255n));
      if (header === undefined) return null;
      const reader = new BlockReader(chain);
      const { block } = reader.load(header.header.number);
      const count = block.body.transactions.length;
      // Erigon's paging counts from the end of the block: page 0 holds its last transactions.
      const end = Math.max(0, count - pageNumber * pageSize);
      const start = Math.max(0, end - pageSize);
      const txs: Json[] = [];
      const receipts: Json[] = [];
      for (let i = start; i < end; i++) {
        const { tx, receipt } = reader.txAndReceipt(header.header.number, i, false);
        // Otterscan shows the method selector only: inputs are cut to 4 bytes.
        if (typeof tx.input === "string" && tx.input.length > 10) tx.input = tx.input.slice(0, 10);
        receipt.logs = null;
        receipt.logsBloom = null;
        txs.push(tx);
        receipts.push(receipt);
      }
      const fullblock = formatBlock(block, undefined);
      fullblock.totalDifficulty = q(chain.getTotalDifficulty(block.header.hash) ?? 0n);
      fullblock.transactionCount = count;
      fullblock.transactions = txs;
      fullblock.logsBloom = null;
      return { fullblock, receipts };
    },
    { arity: [3, 3] },
  );

  /** A page of history in Otterscan's shape: newest first in both directions. */
  function historyPage(address: Address, direction: { before: bigint } | { after: bigint }, pageSize: number): Json {
    const page = searchHistory(chain.kv, address, direction, pageSize);
    const entries = "before" in direction ? page.entries : [...page.entries].reverse();
    const reader = new BlockReader(chain);
    const txs: Json[] = [];
    const receipts: Json[] = [];
    for (const e of entries) {
      const { tx, receipt } = reader.txAndReceipt(e.blockNumber, e.index, true);
      txs.push(tx);
      receipts.push(receipt);
    }
    // Before block 0 is the newest page; after block 0 the oldest (Erigon's isFirstPage/isLastPage).
    if ("before" in direction) return { txs, receipts, firstPage: direction.before === 0n, lastPage: !page.hasMore };
    return { txs, receipts, firstPage: !page.hasMore, lastPage: direction.after === 0n };
  }
  const pageSizeArg = (p: unknown[]): number => {
    const n = argCount(p, 2, 0xffffn);
    if (n > BigInt(OTS_MAX_PAGE_SIZE)) throw new RpcError(SERVER_ERROR, `max allowed page size: ${OTS_MAX_PAGE_SIZE}`);
    return Number(n);
  };
  registry.register(
    "ots_searchTransactionsBefore",
    (p) => historyPage(addressArg(p, 0), { before: argCount(p, 1, 0xffffffffffffffffn) }, pageSizeArg(p)),
    { arity: [3, 3] },
  );
  registry.register(
    "ots_searchTransactionsAfter",
    (p) => historyPage(addressArg(p, 0), { after: argCount(p, 1, 0xffffffffffffffffn) }, pageSizeArg(p)),
    { arity: [3, 3] },
  );

  registry.register(
    "ots_getTransactionBySenderAndNonce",
    (p) => {
      const hash = txHashBySenderAndNonce(chain.kv, addressArg(p, 0), argCount(p, 1, 0xffffffffffffffffn));
      return hash === undefined ? null : bytesToHex(hash);
    },
    { arity: [2, 2] },
  );

  registry.register("ots_getContractCreator", (p) => contractCreator(chain, addressArg(p, 0)), { arity: [1, 1] });

  registry.register("ots_getInternalOperations", (p) => internalOperations(chain, argHash(p, 0)), { arity: [1, 1] });
  registry.register("ots_getTransactionError", (p) => transactionError(chain, argHash(p, 0)), { arity: [1, 1] });
  registry.register("ots_traceTransaction", (p) => traceEntries(chain, argHash(p, 0)), { arity: [1, 1] });
}
