/**
 * rpc/eth/format: go-ethereum's JSON shapes for blocks (RPCMarshalBlock), transactions
 * (RPCTransaction) and receipts (MarshalReceipt), with quantities as 0x-hex without leading
 * zeros and byte strings as 0x-hex. Fields exist exactly when geth writes them: fork-dependent
 * header fields when the header has them, fee fields by transaction type.
 */
import { createAddress } from "../../evm/index.js";
import { effectiveGasPrice } from "../../execution/index.js";
import { type Address, bigintToQuantity, bytesToHex } from "../../primitives/index.js";
import {
  type AccessList,
  encodeBlock,
  type Header,
  type Receipt,
  type SealedBlock,
  type SealedHeader,
  type Transaction,
  transactionHash,
} from "../../types/index.js";

const q = bigintToQuantity;
type Json = Record<string, unknown>;

export function formatHeader(sealed: SealedHeader): Json {
  const h: Header = sealed.header;
  const out: Json = {
    hash: bytesToHex(sealed.hash),
    parentHash: bytesToHex(h.parentHash),
    sha3Uncles: bytesToHex(h.ommersHash),
    miner: bytesToHex(h.coinbase),
    stateRoot: bytesToHex(h.stateRoot),
    transactionsRoot: bytesToHex(h.transactionsRoot),
    receiptsRoot: bytesToHex(h.receiptsRoot),
    logsBloom: bytesToHex(h.logsBloom),
    difficulty: q(h.difficulty),
    number: q(h.number),
    gasLimit: q(h.gasLimit),
    gasUsed: q(h.gasUsed),
    timestamp: q(h.timestamp),
    extraData: bytesToHex(h.extraData),
    mixHash: bytesToHex(h.mixHash),
    nonce: bytesToHex(h.nonce),
  };
  if (h.baseFeePerGas !== undefined) out.baseFeePerGas = q(h.baseFeePerGas);
  if (h.withdrawalsRoot !== undefined) out.withdrawalsRoot = bytesToHex(h.withdrawalsRoot);
  if (h.blobGasUsed !== undefined) out.blobGasUsed = q(h.blobGasUsed);
  if (h.excessBlobGas !== undefined) out.excessBlobGas = q(h.excessBlobGas);
  if (h.parentBeaconBlockRoot !== undefined) out.parentBeaconBlockRoot = bytesToHex(h.parentBeaconBlockRoot);
  if (h.requestsHash !== undefined) out.requestsHash = bytesToHex(h.requestsHash);
  return out;
}

/** Where a transaction sits, when it is in a block. */
export interface TxPlacement {
  readonly blockHash: Uint8Array;
  readonly blockNumber: bigint;
  readonly index: number;
  readonly baseFee: bigint | undefined;
}

function formatAccessList(list: AccessList): Json[] {
  return list.map((e) => ({ address: bytesToHex(e.address), storageKeys: e.storageKeys.map((k) => bytesToHex(k)) }));
}

/** The price a transaction pays per gas in a block of `baseFee` (EIP-1559); before London, its gas price. */
export function txGasPrice(tx: Transaction, baseFee: bigint | undefined): bigint {
  if (tx.type !== 0 && tx.type !== 1 && baseFee === undefined) return tx.maxFeePerGas;
  return effectiveGasPrice(tx, baseFee ?? 0n);
}

export function formatTransaction(tx: Transaction, from: Address, placement: TxPlacement | undefined): Json {
  const out: Json = {
    blockHash: placement === undefined ? null : bytesToHex(placement.blockHash),
    blockNumber: placement === undefined ? null : q(placement.blockNumber),
    from: bytesToHex(from),
    gas: q(tx.gasLimit),
    gasPrice: q(
      tx.type === 0 || tx.type === 1 ? tx.gasPrice : placement === undefined ? tx.maxFeePerGas : txGasPrice(tx, placement.baseFee),
    ),
    hash: bytesToHex(transactionHash(tx)),
    input: bytesToHex(tx.data),
    nonce: q(tx.nonce),
    to: tx.to === undefined ? null : bytesToHex(tx.to),
    transactionIndex: placement === undefined ? null : q(placement.index),
    value: q(tx.value),
    type: q(tx.type),
  };
  if (tx.type === 0) {
    const chainId = tx.v >= 35n ? (tx.v - 35n) / 2n : undefined;
    if (chainId !== undefined) out.chainId = q(chainId);
    out.v = q(tx.v);
  } else {
    if (tx.type !== 1) {
      out.maxFeePerGas = q(tx.maxFeePerGas);
      out.maxPriorityFeePerGas = q(tx.maxPriorityFeePerGas);
    }
    out.accessList = formatAccessList(tx.accessList);
    out.chainId = q(tx.chainId);
    if (tx.type === 3) {
      out.maxFeePerBlobGas = q(tx.maxFeePerBlobGas);
      out.blobVersionedHashes = tx.blobVersionedHashes.map((h) => bytesToHex(h));
    }
    if (tx.type === 4)
      out.authorizationList = tx.authorizationList.map((a) => ({
        chainId: q(a.chainId),
        address: bytesToHex(a.address),
        nonce: q(a.nonce),
        yParity: q(a.yParity),
        r: q(a.r),
        s: q(a.s),
      }));
    out.v = q(tx.yParity);
    out.yParity = q(tx.yParity);
  }
  out.r = q(tx.r);
  out.s = q(tx.s);
  return out;
}

export function formatBlock(block: SealedBlock, senders: readonly Address[] | undefined): Json {
  const out = formatHeader(block.header);
  const h = block.header.header;
  out.size = q(encodeBlock(h, block.body).length);
  out.uncles = block.body.ommers.map(() => null);
  const placement = (index: number): TxPlacement => ({
    blockHash: block.header.hash,
    blockNumber: h.number,
    index,
    baseFee: h.baseFeePerGas,
  });
  out.transactions =
    senders === undefined
      ? block.body.transactions.map((tx) => bytesToHex(transactionHash(tx)))
      : block.body.transactions.map((tx, i) => formatTransaction(tx, senders[i]!, placement(i)));
  if (block.body.withdrawals !== undefined)
    out.withdrawals = block.body.withdrawals.map((w) => ({
      index: q(w.index),
      validatorIndex: q(w.validatorIndex),
      address: bytesToHex(w.address),
      amount: q(w.amount),
    }));
  return out;
}

export interface ReceiptContext {
  readonly block: SealedBlock;
  readonly receipts: readonly Receipt[];
  readonly index: number;
  readonly from: Address;
  /** logs in the block before this transaction's, the first logIndex */
  readonly firstLogIndex: number;
}

export function formatReceipt(c: ReceiptContext): Json {
  const { block, receipts, index } = c;
  const tx = block.body.transactions[index]!;
  const receipt = receipts[index]!;
  const h = block.header.header;
  const blockHash = bytesToHex(block.header.hash);
  const txHash = bytesToHex(transactionHash(tx));
  const gasUsed = receipt.cumulativeGasUsed - (index === 0 ? 0n : receipts[index - 1]!.cumulativeGasUsed);
  const out: Json = {
    blockHash,
    blockNumber: q(h.number),
    contractAddress: tx.to === undefined ? bytesToHex(createAddress(c.from, tx.nonce)) : null,
    cumulativeGasUsed: q(receipt.cumulativeGasUsed),
    effectiveGasPrice: q(txGasPrice(tx, h.baseFeePerGas)),
    from: bytesToHex(c.from),
    gasUsed: q(gasUsed),
    logs: receipt.logs.map((l, i) => ({
      address: bytesToHex(l.address),
      topics: l.topics.map((t) => bytesToHex(t)),
      data: bytesToHex(l.data),
      blockNumber: q(h.number),
      transactionHash: txHash,
      transactionIndex: q(index),
      blockHash,
      // geth 1.16 carries the block's timestamp in every log (eth_getLogs, receipts)
      blockTimestamp: q(h.timestamp),
      logIndex: q(c.firstLogIndex + i),
      removed: false,
    })),
    logsBloom: bytesToHex(receipt.logsBloom),
    status: q(receipt.status ?? 0),
    to: tx.to === undefined ? null : bytesToHex(tx.to),
    transactionHash: txHash,
    transactionIndex: q(index),
    type: q(tx.type),
  };
  return out;
}
