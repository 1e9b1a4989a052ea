/**
 * rpc/eth/blocks: block-level reads of go-ethereum's internal/ethapi, answered with null where
 * geth answers nil: eth_getBlockReceipts, eth_getBlockTransactionCountByHash/ByNumber,
 * eth_getTransactionByBlockHashAndIndex/ByBlockNumberAndIndex,
 * eth_getRawTransactionByHash/ByBlockHashAndIndex/ByBlockNumberAndIndex, the uncle methods
 * (post-merge blocks have none, so counts are 0 and lookups null), and the node status methods
 * a dev chain answers as anvil and geth's dev mode do: eth_syncing (false), eth_coinbase,
 * eth_mining, eth_hashrate ("0x0"). eth_protocolVersion is not served: geth removed it.
 */
import type { Chain } from "../../chain/index.js";
import { type Address, bigintToQuantity, bytesToHex } from "../../primitives/index.js";
import type { TxPool } from "../../txpool/index.js";
import { encodeTransaction, type SealedBlock, type Transaction } from "../../types/index.js";
import { RpcError } from "../errors.js";
import { argBlockNumber, argHash, argUint64, invalidArgument } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { lookupBlockNumber } from "./args.js";
import { formatReceipt, formatTransaction } from "./format.js";

const q = bigintToQuantity;

export interface BlockReadsBackend {
  readonly chain: Chain;
  readonly pool: TxPool;
  /** the fee recipient of produced blocks (eth_coinbase) */
  readonly coinbase: () => Address;
  /** whether blocks are being produced (eth_mining) */
  readonly mining: () => boolean;
}

/** hexutil.Uint (a transaction index). */
function argUint(params: unknown[], index: number): number {
  try {
    const n = argUint64(params, index);
    if (n > 0xffffffffn) throw invalidArgument(index, "hex number > 64 bits");
    return Number(n);
  } catch (e) {
    if (e instanceof RpcError) throw new RpcError(e.code, e.message.replace("hexutil.Uint64", "hexutil.Uint"));
    throw e;
  }
}

/** A transaction's canonical encoding (EIP-2718) from the chain, else the pool; null if unknown. */
export function rawTransactionByHash(chain: Chain, pool: TxPool | undefined, hash: Uint8Array): string | null {
  const found = chain.getTransaction(hash);
  if (found !== undefined) return bytesToHex(encodeTransaction(found.tx));
  const pooled = pool?.get(hash);
  return pooled === undefined ? null : bytesToHex(encodeTransaction(pooled.tx));
}

/**
 * rpc.BlockNumberOrHash: a 32-byte hash string, a number or tag, or an object with blockHash
 * or blockNumber (EIP-1898). Undefined when no such block is stored.
 */
export function blockByNumberOrHash(chain: Chain, params: unknown[], index: number): SealedBlock | undefined {
  const v = params[index];
  if (typeof v === "string" && v.length === 66) return chain.getBlock(argHash(params, index));
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const hasHash = o.blockHash !== undefined && o.blockHash !== null;
    const hasNumber = o.blockNumber !== undefined && o.blockNumber !== null;
    if (hasHash && hasNumber) throw invalidArgument(index, "cannot specify both BlockHash and BlockNumber, choose one or the other");
    if (hasHash) return chain.getBlock(argHash([o.blockHash], 0));
    if (hasNumber) {
      const h = lookupBlockNumber(chain, argBlockNumber([o.blockNumber], 0));
      return h === undefined ? undefined : chain.getBlock(h.hash);
    }
    throw invalidArgument(index, "invalid block selector");
  }
  const h = lookupBlockNumber(chain, argBlockNumber(params, index));
  return h === undefined ? undefined : chain.getBlock(h.hash);
}

function blockByNumber(chain: Chain, params: unknown[], index: number): SealedBlock | undefined {
  const h = lookupBlockNumber(chain, argBlockNumber(params, index));
  return h === undefined ? undefined : chain.getBlock(h.hash);
}

export function registerBlockReads(registry: MethodRegistry, backend: BlockReadsBackend): void {
  const { chain, pool } = backend;

  const senderOf = (tx: Transaction, block: SealedBlock): Address => chain.storedSender(tx, block.header);

  function txAt(block: SealedBlock | undefined, index: number): unknown {
    const tx = block?.body.transactions[index];
    if (block === undefined || tx === undefined) return null;
    return formatTransaction(tx, senderOf(tx, block), {
      blockHash: block.header.hash,
      blockNumber: block.header.header.number,
      index,
      baseFee: block.header.header.baseFeePerGas,
    });
  }
  const rawAt = (block: SealedBlock | undefined, index: number): string | null => {
    const tx = block?.body.transactions[index];
    return tx === undefined ? null : bytesToHex(encodeTransaction(tx));
  };
  const txCount = (block: SealedBlock | undefined): string | null => (block === undefined ? null : q(block.body.transactions.length));
  const uncleCount = (block: SealedBlock | undefined): string | null => (block === undefined ? null : q(block.body.ommers.length));

  registry.register(
    "eth_getBlockReceipts",
    (p) => {
      const block = blockByNumberOrHash(chain, p, 0);
      if (block === undefined) return null;
      const receipts = chain.getReceipts(block.header.hash);
      if (receipts === undefined) return null;
      let firstLogIndex = 0;
      return block.body.transactions.map((tx, index) => {
        const out = formatReceipt({ block, receipts, index, from: senderOf(tx, block), firstLogIndex });
        firstLogIndex += receipts[index]!.logs.length;
        return out;
      });
    },
    { arity: [1, 1] },
  );

  registry.register("eth_getBlockTransactionCountByHash", (p) => txCount(chain.getBlock(argHash(p, 0))), { arity: [1, 1] });
  registry.register("eth_getBlockTransactionCountByNumber", (p) => txCount(blockByNumber(chain, p, 0)), { arity: [1, 1] });
  registry.register("eth_getTransactionByBlockHashAndIndex", (p) => txAt(chain.getBlock(argHash(p, 0)), argUint(p, 1)), {
    arity: [2, 2],
  });
  registry.register("eth_getTransactionByBlockNumberAndIndex", (p) => txAt(blockByNumber(chain, p, 0), argUint(p, 1)), {
    arity: [2, 2],
  });
  registry.register("eth_getRawTransactionByBlockHashAndIndex", (p) => rawAt(chain.getBlock(argHash(p, 0)), argUint(p, 1)), {
    arity: [2, 2],
  });
  registry.register("eth_getRawTransactionByBlockNumberAndIndex", (p) => rawAt(blockByNumber(chain, p, 0), argUint(p, 1)), {
    arity: [2, 2],
  });
  registry.register("eth_getRawTransactionByHash", (p) => rawTransactionByHash(chain, pool, argHash(p, 0)), { arity: [1, 1] });

  registry.register("eth_getUncleCountByBlockHash", (p) => uncleCount(chain.getBlock(argHash(p, 0))), { arity: [1, 1] });
  registry.register("eth_getUncleCountByBlockNumber", (p) => uncleCount(blockByNumber(chain, p, 0)), { arity: [1, 1] });
  // Uncles are returned as headers by geth; a post-merge chain has none, so every index is out of range.
  registry.register(
    "eth_getUncleByBlockHashAndIndex",
    (p) => {
      argHash(p, 0);
      argUint(p, 1);
      return null;
    },
    { arity: [2, 2] },
  );
  registry.register(
    "eth_getUncleByBlockNumberAndIndex",
    (p) => {
      argBlockNumber(p, 0);
      argUint(p, 1);
      return null;
    },
    { arity: [2, 2] },
  );

  registry.register("eth_syncing", () => false, { arity: [0, 0] });
  registry.register("eth_coinbase", () => bytesToHex(backend.coinbase()), { arity: [0, 0] });
  registry.register("eth_mining", () => backend.mining(), { arity: [0, 0] });
  registry.register("eth_hashrate", () => "0x0", { arity: [0, 0] });
}
