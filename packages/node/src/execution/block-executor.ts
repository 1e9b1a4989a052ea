/**
 * execution/block-executor: block import. A block received from outside is checked and
 * executed on its parent's state through the same BlockBuilder that produces blocks:
 *
 *   1. header rules against the parent (block-header.ts);
 *   2. body commitments: ommers (none after the Merge) and withdrawals root;
 *   3. a BlockBuilder opened with the header's proposer fields (coinbase, timestamp, gas limit,
 *      extra data, prevRandao, withdrawals, parent beacon block root) runs the pre-changes and
 *      every transaction in order; a transaction the builder rejects makes the block invalid;
 *   4. the header the builder seals is compared with the block's, result by result
 *      (transactions root, then go-ethereum's order: gas used, blob gas used, logs bloom,
 *      receipts root, requests hash, state root), and finally as a whole: same hash.
 * Every failure is a BlockValidationError; the state passed in is then garbage and the caller
 * drops it. On success the caller persists `commit` and records the block.
 */
import { equalBytes, bytesToHex as hex } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";
import { type Header, ommersHash, type SealedBlock, withdrawalsRoot } from "../types/index.js";
import { BlockBuilder, type BuiltBlock, type ChainContext } from "./block-builder.js";
import { type BlockValidationCode, BlockValidationError } from "./block-error.js";
import { validateHeader } from "./block-header.js";

function fail(code: BlockValidationCode, message: string): never {
  throw new BlockValidationError(code, message);
}

/**
 * The commitments of the header to its body checked before execution: ommers and withdrawals.
 * The transactions root is checked after: a transaction the block may not include is reported
 * as such (TransactionException), as the execution specs order it, even when the root was
 * computed without it.
 */
export function validateBody(block: SealedBlock): void {
  const header = block.header.header;
  const body = block.body;
  if (body.ommers.length > 0) fail("IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS", `${body.ommers.length} ommers after the Merge`);
  if (!equalBytes(ommersHash(body.ommers), header.ommersHash)) fail("INVALID_UNCLES_HASH", "ommers hash does not match the ommers");
  if ((header.withdrawalsRoot === undefined) !== (body.withdrawals === undefined))
    fail("INCORRECT_BLOCK_FORMAT", "withdrawals and the withdrawals root come together");
  if (header.withdrawalsRoot !== undefined) {
    const root = withdrawalsRoot(body.withdrawals!);
    if (!equalBytes(root, header.withdrawalsRoot))
      fail("INVALID_WITHDRAWALS_ROOT", `withdrawals root ${hex(header.withdrawalsRoot)}, the body gives ${hex(root)}`);
  }
}

/**
 * The results of execution against the header's claims: the transactions root first (see
 * executeBlock), then go-ethereum's order.
 */
function compareResults(claimed: Header, got: Header): void {
  if (!equalBytes(claimed.transactionsRoot, got.transactionsRoot))
    fail("INVALID_TRANSACTIONS_ROOT", `transactions root ${hex(claimed.transactionsRoot)}, the body gives ${hex(got.transactionsRoot)}`);
  if (claimed.gasUsed !== got.gasUsed) fail("INVALID_GAS_USED", `gas used ${claimed.gasUsed}, execution used ${got.gasUsed}`);
  if (claimed.blobGasUsed !== got.blobGasUsed)
    fail("INCORRECT_BLOB_GAS_USED", `blob gas used ${claimed.blobGasUsed}, the transactions carry ${got.blobGasUsed}`);
  if (!equalBytes(claimed.logsBloom, got.logsBloom)) fail("INVALID_LOG_BLOOM", "logs bloom differs from the receipts'");
  if (!equalBytes(claimed.receiptsRoot, got.receiptsRoot))
    fail("INVALID_RECEIPTS_ROOT", `receipts root ${hex(claimed.receiptsRoot)}, execution gives ${hex(got.receiptsRoot)}`);
  if (claimed.requestsHash !== undefined && !equalBytes(claimed.requestsHash, got.requestsHash!))
    fail("INVALID_REQUESTS", `requests hash ${hex(claimed.requestsHash)}, execution gives ${hex(got.requestsHash!)}`);
  if (!equalBytes(claimed.stateRoot, got.stateRoot))
    fail("INVALID_STATE_ROOT", `state root ${hex(claimed.stateRoot)}, execution gives ${hex(got.stateRoot)}`);
}

/**
 * Validates and executes `block` on `state` (opened at the parent's state root). Returns what
 * the builder built, which equals the block. Throws BlockValidationError.
 */
export function executeBlock(state: StateDb, chain: ChainContext, block: SealedBlock): BuiltBlock {
  const header = block.header.header;
  validateHeader(chain.spec, chain.parent, header);
  validateBody(block);
  const builder = new BlockBuilder(state, chain, {
    coinbase: header.coinbase,
    timestamp: header.timestamp,
    gasLimit: header.gasLimit,
    extraData: header.extraData,
    prevRandao: header.mixHash,
    withdrawals: block.body.withdrawals,
    parentBeaconBlockRoot: header.parentBeaconBlockRoot,
  });
  const txs = block.body.transactions;
  for (let i = 0; i < txs.length; i++) {
    const r = builder.addTransaction(txs[i]!);
    if (!r.ok) throw new BlockValidationError("INVALID_TRANSACTION", `transaction ${i}: ${r.error.message}`, { index: i, error: r.error });
  }
  const built = builder.finish();
  const got = built.block.header;
  compareResults(header, got.header);
  if (!equalBytes(got.hash, block.header.hash))
    fail("INVALID_BLOCK_HASH", `the header rebuilt from execution hashes to ${hex(got.hash)}, the block's to ${hex(block.header.hash)}`);
  return built;
}
