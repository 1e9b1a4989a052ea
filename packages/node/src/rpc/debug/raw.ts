/**
 * rpc/debug/raw: the execution-apis debug_ raw reads, as go-ethereum's internal/ethapi DebugAPI
 * serves them: debug_getRawHeader (header RLP), debug_getRawBlock (block RLP),
 * debug_getRawTransaction (the EIP-2718 canonical encoding, from the chain or the pool; null
 * when unknown) and debug_getRawReceipts (each receipt's consensus encoding, type byte first for
 * typed receipts), all selected by block number, tag or hash (EIP-1898); and debug_getBadBlocks,
 * an empty list: blocks this node builds itself are never bad, and imported bad blocks are not
 * kept.
 */
import type { Chain } from "../../chain/index.js";
import { bytesToHex } from "../../primitives/index.js";
import type { TxPool } from "../../txpool/index.js";
import { encodeBlock, encodeHeader, encodeReceipt, type SealedBlock } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { blockByNumberOrHash, rawTransactionByHash } from "../eth/blocks.js";
import { argHash } from "../params.js";
import type { MethodRegistry } from "../registry.js";

export interface DebugRawBackend {
  readonly chain: Chain;
  readonly pool?: TxPool | undefined;
}

function describe(params: unknown[]): string {
  const v = params[0];
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function registerDebugRawMethods(registry: MethodRegistry, backend: DebugRawBackend): void {
  const { chain, pool } = backend;
  registry.enableNamespace("debug");
  const block = (p: unknown[], what: string): SealedBlock => {
    const found = blockByNumberOrHash(chain, p, 0);
    if (found === undefined) throw new RpcError(SERVER_ERROR, `${what} ${describe(p)} not found`);
    return found;
  };

  registry.register("debug_getRawHeader", (p) => bytesToHex(encodeHeader(block(p, "header").header.header)), { arity: [1, 1] });
  registry.register(
    "debug_getRawBlock",
    (p) => {
      const b = block(p, "block");
      return bytesToHex(encodeBlock(b.header.header, b.body));
    },
    { arity: [1, 1] },
  );
  registry.register(
    "debug_getRawReceipts",
    (p) => {
      const b = block(p, "block");
      const receipts = chain.getReceipts(b.header.hash);
      if (receipts === undefined) throw new RpcError(SERVER_ERROR, `receipts of block ${bytesToHex(b.header.hash)} not found`);
      return receipts.map((r) => bytesToHex(encodeReceipt(r)));
    },
    { arity: [1, 1] },
  );
  registry.register("debug_getRawTransaction", (p) => rawTransactionByHash(chain, pool, argHash(p, 0)), { arity: [1, 1] });
  registry.register("debug_getBadBlocks", () => [], { arity: [0, 0] });
}
