/**
 * execution/block-builder: one block from its parent's state, in the phases every block has:
 *
 *   pre-changes    EIP-4788 beacon root (Cancun), EIP-2935 parent hash (Prague) system calls
 *   transactions   each through applyTransaction in the block env, in order; the block's gas
 *                  and blob gas accumulate and bound the next one
 *   finish         withdrawals credited (EIP-4895, amount in gwei), then the Prague requests
 *                  (EIP-6110 deposits, EIP-7002 and EIP-7251 system calls, EIP-7685), then the
 *                  header's commitments: state, transactions, receipts and withdrawals roots,
 *                  logs bloom, gas used, blob gas used, requests hash
 *
 * The same builder serves block production (the producer offers transactions and skips those
 * rejected) and block import (the executor feeds the block's transactions and requires each to
 * be accepted, then compares the header it got with the block's: block-executor.ts), so both
 * follow one code path. The builder mutates the StateDb it is given (opened at the parent's
 * state root); `finish` hands back the state commit for the caller to persist if it keeps the
 * block.
 */
import type { ChainSpec, Fork } from "../params/index.js";
import { chainBlobParams, forkAtLeast, GAS_PER_BLOB, maxBlobGasPerBlock } from "../params/index.js";
import type { Address, Hash32 } from "../primitives/index.js";
import type { StateCommit, StateDb, StateDiff } from "../state/index.js";
import {
  type BlockBody,
  EMPTY_OMMERS_HASH,
  GWEI,
  type Header,
  headerNonce,
  type Log,
  logsBloom,
  mergeBlooms,
  type Receipt,
  receiptsRoot,
  requestsHash,
  type SealedBlock,
  type SealedHeader,
  sealHeader,
  type Transaction,
  transactionsRoot,
  type Withdrawal,
  withdrawalsRoot,
} from "../types/index.js";
import { type ApplyResult, applyTransaction, type ExecutionEngine, type TxOutcome } from "./apply-transaction.js";
import type { BlockEnv } from "./block-env.js";
import { BlockValidationError } from "./block-error.js";
import { blockFork, type DerivedHeaderFields, deriveHeaderFields } from "./block-header.js";
import { blockRequests, depositRequests, MAINNET_DEPOSIT_CONTRACT_ADDRESS } from "./block-requests.js";
import {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_REQUEST_ADDRESS,
  checkedSystemCall,
  HISTORY_STORAGE_ADDRESS,
  systemCall,
  WITHDRAWAL_REQUEST_ADDRESS,
} from "./block-system-calls.js";
import { TxRejection } from "./rejection.js";

/** What a block's execution needs from the chain it extends. */
export interface ChainContext {
  readonly spec: ChainSpec;
  readonly parent: SealedHeader;
  /**
   * Hash of an ancestor of the new block, by number (BLOCKHASH); asked only for the 256 blocks
   * before it, the parent included.
   */
  readonly ancestorHash: (number: bigint) => Uint8Array;
  /** The EVM of a fork; callers build one per fork and reuse it (evm-factory). */
  readonly engineFor: (fork: Fork) => ExecutionEngine;
}

/** The header fields the proposer decides; the rest follow from the parent or from execution. */
export interface BlockAttributes {
  readonly coinbase: Address;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  readonly extraData?: Uint8Array | undefined;
  /** EIP-4399 prevRandao, the header's mix hash */
  readonly prevRandao: Hash32;
  /** Shanghai and later (EIP-4895) */
  readonly withdrawals?: readonly Withdrawal[] | undefined;
  /** Cancun and later (EIP-4788) */
  readonly parentBeaconBlockRoot?: Hash32 | undefined;
  /** A base fee set by hand (developer chain, anvil_setNextBlockBaseFeePerGas); import would refuse it. */
  readonly baseFeePerGas?: bigint | undefined;
}

export interface IncludedTx {
  readonly outcome: TxOutcome;
  readonly receipt: Receipt;
}

export type AddTxResult = { ok: true; value: IncludedTx } | { ok: false; error: TxRejection };

export interface BuiltBlock {
  readonly block: SealedBlock;
  readonly fork: Fork;
  readonly receipts: readonly Receipt[];
  /** The sender of each transaction, in block order (recovered once, during validation). */
  readonly senders: readonly Address[];
  /** EIP-7685 requests, type byte first (Prague); empty before */
  readonly requests: readonly Uint8Array[];
  /** Trie nodes and code for the caller to store when it keeps the block. */
  readonly commit: StateCommit;
  /** State changes in the order they happened: pre-changes, each transaction, finish. */
  readonly diffs: readonly StateDiff[];
}

function receiptLogs(logs: TxOutcome["logs"]): Log[] {
  return logs.map((l) => ({ address: l.address, topics: l.topics as Hash32[], data: l.data }));
}

export class BlockBuilder {
  readonly fork: Fork;
  readonly env: BlockEnv;
  private readonly engine: ExecutionEngine;
  private readonly transactions: Transaction[] = [];
  private readonly receipts: Receipt[] = [];
  private readonly senders: Address[] = [];
  private readonly diffs: StateDiff[] = [];
  private readonly maxBlobGas: bigint;
  private readonly derived: DerivedHeaderFields;
  private gasUsed = 0n;
  private blobGasUsed = 0n;
  private finished = false;

  /** Opens the block and applies its pre-changes. Throws BlockValidationError for attributes the fork does not allow. */
  constructor(
    private readonly state: StateDb,
    private readonly chain: ChainContext,
    private readonly attributes: BlockAttributes,
  ) {
    const { spec, parent } = chain;
    const number = parent.header.number + 1n;
    const fork = blockFork(spec, number, attributes.timestamp);
    if (!forkAtLeast(fork, "Paris"))
      throw new BlockValidationError("UNSUPPORTED_FORK", `${fork} blocks need proof-of-work rules, which this builder does not have`);
    if ((attributes.withdrawals !== undefined) !== forkAtLeast(fork, "Shanghai"))
      throw new BlockValidationError("INCORRECT_BLOCK_FORMAT", `withdrawals exist exactly from Shanghai; the block is ${fork}`);
    if ((attributes.parentBeaconBlockRoot !== undefined) !== forkAtLeast(fork, "Cancun"))
      throw new BlockValidationError(
        "INCORRECT_BLOCK_FORMAT",
        `a parent beacon block root exists exactly from Cancun; the block is ${fork}`,
      );
    this.fork = fork;
    const derived = deriveHeaderFields(spec, parent.header, fork);
    this.derived =
      attributes.baseFeePerGas !== undefined && derived.baseFeePerGas !== undefined
        ? { ...derived, baseFeePerGas: attributes.baseFeePerGas }
        : derived;
    const blobParams = chainBlobParams(spec, fork);
    this.maxBlobGas = blobParams === undefined ? 0n : maxBlobGasPerBlock(blobParams);
    this.env = {
      fork,
      chainId: spec.chainId,
      coinbase: attributes.coinbase,
      number,
      timestamp: attributes.timestamp,
      gasLimit: attributes.gasLimit,
      prevRandao: attributes.prevRandao,
      baseFee: this.derived.baseFeePerGas ?? 0n,
      excessBlobGas: this.derived.excessBlobGas ?? 0n,
      blobParams,
      blockHash: chain.ancestorHash,
    };
    this.engine = chain.engineFor(fork);
    this.applyPreChanges();
  }

  private applyPreChanges(): void {
    if (forkAtLeast(this.fork, "Cancun")) {
      const root = this.attributes.parentBeaconBlockRoot!;
      this.diffs.push(systemCall(this.state, this.engine, this.env, BEACON_ROOTS_ADDRESS, root).diff);
    }
    if (forkAtLeast(this.fork, "Prague")) {
      const parentHash = this.chain.parent.hash;
      this.diffs.push(systemCall(this.state, this.engine, this.env, HISTORY_STORAGE_ADDRESS, parentHash).diff);
    }
  }

  /** Gas the block has not used yet. */
  get gasLeft(): bigint {
    return this.env.gasLimit - this.gasUsed;
  }

  get transactionCount(): number {
    return this.transactions.length;
  }

  /**
   * Executes `tx` as the block's next transaction. A rejected transaction changes nothing and
   * the block goes on without it (a producer skips it; an importer rejects the block).
   */
  addTransaction(tx: Transaction, sender?: Address, impersonated?: boolean): AddTxResult {
    if (this.finished) throw new Error("BlockBuilder: addTransaction after finish");
    if (tx.type === 3) {
      const blobGas = BigInt(tx.blobVersionedHashes.length) * GAS_PER_BLOB;
      if (this.blobGasUsed + blobGas > this.maxBlobGas)
        return {
          ok: false,
          error: new TxRejection(
            "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED",
            `blob gas ${blobGas} exceeds the ${this.maxBlobGas - this.blobGasUsed} the block has left`,
          ),
        };
    }
    const result: ApplyResult = applyTransaction(this.state, this.engine, this.env, tx, {
      blockGasLeft: this.gasLeft,
      sender,
      impersonated,
    });
    if (!result.ok) return result;
    const outcome = result.value;
    this.gasUsed += outcome.gasUsed;
    this.blobGasUsed += outcome.blobGasUsed;
    const logs = receiptLogs(outcome.logs);
    const receipt: Receipt = {
      type: tx.type,
      status: outcome.status === "success" ? 1 : 0,
      cumulativeGasUsed: this.gasUsed,
      logsBloom: logsBloom(logs),
      logs,
    };
    this.transactions.push(tx);
    this.senders.push(outcome.sender);
    this.receipts.push(receipt);
    this.diffs.push(outcome.diff);
    return { ok: true, value: { outcome, receipt } };
  }

  /** Applies the post-changes and seals the header. The builder cannot be used afterwards. */
  finish(): BuiltBlock {
    if (this.finished) throw new Error("BlockBuilder: finish called twice");
    this.finished = true;
    const { attributes, fork, state } = this;
    const withdrawals = attributes.withdrawals === undefined ? undefined : [...attributes.withdrawals];
    if (withdrawals !== undefined) this.applyWithdrawals(withdrawals);
    const requests = forkAtLeast(fork, "Prague") ? this.collectRequests() : [];

    const commit = state.commit();
    const header: Header = {
      parentHash: this.chain.parent.hash,
      ommersHash: EMPTY_OMMERS_HASH,
      coinbase: attributes.coinbase,
      stateRoot: commit.root as Hash32,
      transactionsRoot: transactionsRoot(this.transactions),
      receiptsRoot: receiptsRoot(this.receipts),
      logsBloom: mergeBlooms(this.receipts.map((r) => r.logsBloom)),
      difficulty: 0n,
      number: this.env.number,
      gasLimit: attributes.gasLimit,
      gasUsed: this.gasUsed,
      timestamp: attributes.timestamp,
      extraData: attributes.extraData ?? new Uint8Array(0),
      mixHash: attributes.prevRandao,
      nonce: headerNonce(0n),
      baseFeePerGas: this.derived.baseFeePerGas,
    };
    if (withdrawals !== undefined) header.withdrawalsRoot = withdrawalsRoot(withdrawals);
    if (forkAtLeast(fork, "Cancun")) {
      header.blobGasUsed = this.blobGasUsed;
      header.excessBlobGas = this.derived.excessBlobGas;
      header.parentBeaconBlockRoot = attributes.parentBeaconBlockRoot;
    }
    if (forkAtLeast(fork, "Prague")) header.requestsHash = requestsHash(requests);
    const body: BlockBody = { transactions: this.transactions, ommers: [], withdrawals };
    return {
      block: { header: sealHeader(header), body },
      fork,
      receipts: this.receipts,
      senders: this.senders,
      requests,
      commit,
      diffs: this.diffs,
    };
  }

  /** EIP-4895: each withdrawal credits amount gwei; a zero amount only touches (and EIP-161 removes an empty account). */
  private applyWithdrawals(withdrawals: readonly Withdrawal[]): void {
    this.state.beginTransaction();
    for (const w of withdrawals) this.state.addBalance(w.address, w.amount * GWEI);
    this.diffs.push(this.state.finalizeTransaction(true));
  }

  private collectRequests(): Uint8Array[] {
    const depositContract = this.chain.spec.depositContractAddress ?? MAINNET_DEPOSIT_CONTRACT_ADDRESS;
    const deposits = depositRequests(
      this.receipts.flatMap((r) => r.logs),
      depositContract,
    );
    const withdrawalRequests = checkedSystemCall(this.state, this.engine, this.env, WITHDRAWAL_REQUEST_ADDRESS);
    this.diffs.push(withdrawalRequests.diff);
    const consolidations = checkedSystemCall(this.state, this.engine, this.env, CONSOLIDATION_REQUEST_ADDRESS);
    this.diffs.push(consolidations.diff);
    return blockRequests(deposits, withdrawalRequests.output, consolidations.output);
  }
}
