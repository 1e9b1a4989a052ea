/**
 * cli/bench-chain-setup: the untimed part of `cairn bench chain`. Derives sender keys, writes
 * a genesis funding them, and produces the blocks to import with a producer chain over an
 * in-memory database, using the chain's own BlockBuilder: setup blocks that deploy an
 * OpenZeppelin ERC-20 (bench/contracts/ChainToken.sol) and mint to every sender, then blocks
 * of signed ETH transfers and blocks of signed ERC-20 `transfer` calls, all to distinct fresh
 * recipients. Blocks are handed back as RLP, which is what an importing node receives.
 */
import { Chain } from "../chain/index.js";
import { keccak256, privateKeyToAddress } from "../crypto/index.js";
import { createAddress } from "../evm/index.js";
import { MemoryKv } from "../kv/index.js";
import { chainSpecAtFork, type Genesis } from "../params/index.js";
import { type Address, bigintToBytes, concatBytes, type Hash32 } from "../primitives/index.js";
import { encodeBlock, type SealedHeader, signTransaction, type Transaction } from "../types/index.js";

export class BenchChainError extends Error {
  override name = "BenchChainError";
}

export const BENCH_CHAIN_FORK = "Cancun";
const CHAIN_ID = 1n;
export const BLOCK_GAS_LIMIT = 30_000_000n;
const ETHER = 10n ** 18n;
const COINBASE = new Uint8Array(20).fill(0xc0) as Address;
/** Gas limit of a token transfer: above the ~51k a transfer to a fresh holder uses. */
const TOKEN_TRANSFER_GAS = 60_000n;
/** Holders per mintEach call; ~27k gas each keeps a call well inside one block. */
const MINT_BATCH = 400;

export interface ProducedBlocks {
  readonly genesis: Genesis;
  /** Deployment and minting: imported before timing starts. */
  readonly setup: Uint8Array[];
  readonly eth: Uint8Array[];
  readonly erc20: Uint8Array[];
  readonly ethTxs: number;
  readonly erc20Txs: number;
}

export interface SetupOptions {
  readonly senders: number;
  /** Blocks per workload. */
  readonly blocks: number;
  /** Most transactions per block; blocks are otherwise filled to the gas limit. */
  readonly txsPerBlock: number | undefined;
  readonly initcode: Uint8Array;
}

interface Sender {
  readonly key: Uint8Array;
  readonly address: Address;
  nonce: bigint;
}

/** Key `i`: keccak256 of a fixed tag and `i`, so every run signs the same transactions. */
function deriveSenders(count: number): Sender[] {
  const out: Sender[] = [];
  const tag = new TextEncoder().encode("cairn bench chain sender");
  for (let i = 0; i < count; i++) {
    const key = keccak256(concatBytes(tag, bigintToBytes(BigInt(i + 1))));
    out.push({ key, address: privateKeyToAddress(key), nonce: 0n });
  }
  return out;
}

/** Fresh recipient `n` of workload `kind`: never a sender, never reused. */
function recipient(kind: number, n: number): Address {
  const a = new Uint8Array(20);
  a[0] = 0xbe;
  a[1] = kind;
  new DataView(a.buffer).setUint32(16, n);
  return a as Address;
}

function sign(sender: Sender, to: Address | undefined, value: bigint, data: Uint8Array, gasLimit: bigint): Transaction {
  const tx = signTransaction(
    {
      type: 2,
      chainId: CHAIN_ID,
      nonce: sender.nonce,
      maxFeePerGas: 10n ** 11n,
      maxPriorityFeePerGas: 1n,
      gasLimit,
      to,
      value,
      data,
      accessList: [],
    },
    sender.key,
  );
  sender.nonce++;
  return tx;
}

const word = (v: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  const b = bigintToBytes(v);
  out.set(b, 32 - b.length);
  return out;
};
const addressWord = (a: Address): Uint8Array => concatBytes(new Uint8Array(12), a);
const selector = (signature: string): Uint8Array => keccak256(new TextEncoder().encode(signature)).subarray(0, 4);

/** ABI call data of `transfer(address,uint256)`. */
export function transferCalldata(to: Address, amount: bigint): Uint8Array {
  return concatBytes(selector("transfer(address,uint256)"), addressWord(to), word(amount));
}

/** ABI call data of `mintEach(address[],uint256)`. */
export function mintEachCalldata(holders: readonly Address[], amount: bigint): Uint8Array {
  return concatBytes(
    selector("mintEach(address[],uint256)"),
    word(64n),
    word(amount),
    word(BigInt(holders.length)),
    ...holders.map(addressWord),
  );
}

/**
 * Builds `blocks` blocks on `chain` from its head with transactions from `next` (undefined when
 * there are no more), each block as full as the gas limit (and `cap`) allows, importing each so
 * the next builds on it. A transaction that does not fit opens the next block. Every
 * transaction must be accepted. Returns the blocks' RLP and how many transactions they hold.
 */
function produce(
  chain: Chain,
  next: () => Transaction | undefined,
  blocks: number,
  cap: number | undefined,
): { rlp: Uint8Array[]; txs: number; leftover: boolean } {
  const rlp: Uint8Array[] = [];
  let txs = 0;
  let pending = next();
  while (pending !== undefined && rlp.length < blocks) {
    const parent: SealedHeader = chain.head;
    const builder = chain.builder(parent, {
      coinbase: COINBASE,
      timestamp: parent.header.timestamp + 12n,
      gasLimit: BLOCK_GAS_LIMIT,
      prevRandao: keccak256(parent.hash) as Hash32,
      withdrawals: [],
      parentBeaconBlockRoot: parent.hash,
    });
    let inBlock = 0;
    while (pending !== undefined && (cap === undefined || inBlock < cap) && builder.gasLeft >= pending.gasLimit) {
      const r = builder.addTransaction(pending);
      if (!r.ok) throw new BenchChainError(`producer rejected a transaction: ${r.error.message}`);
      inBlock++;
      pending = next();
    }
    if (inBlock === 0) throw new BenchChainError("a transaction does not fit in an empty block");
    const { block } = builder.finish();
    const imported = chain.importBlock(block);
    if (!imported.ok) throw new BenchChainError(`producer could not import its block: ${imported.error.message}`);
    rlp.push(encodeBlock(block.header.header, block.body));
    txs += inBlock;
  }
  return { rlp, txs, leftover: pending !== undefined };
}

/** Builds the genesis and every block of the benchmark. */
export function produceBlocks(o: SetupOptions): ProducedBlocks {
  const senders = deriveSenders(o.senders);
  const ownerKey = keccak256(new TextEncoder().encode("cairn bench chain token owner"));
  const owner: Sender = { key: ownerKey, address: privateKeyToAddress(ownerKey), nonce: 0n };
  const genesis: Genesis = {
    spec: chainSpecAtFork(BENCH_CHAIN_FORK, CHAIN_ID),
    gasLimit: BLOCK_GAS_LIMIT,
    timestamp: 1_700_000_000n,
    alloc: [owner, ...senders].map((s) => ({
      address: s.address,
      balance: 1000n * ETHER,
      nonce: 0n,
      code: new Uint8Array(0),
      storage: new Map(),
    })),
  };
  const chain = Chain.open(new MemoryKv(), genesis);

  const token = createAddress(owner.address, owner.nonce);
  const setupTxs = [sign(owner, undefined, 0n, o.initcode, 3_000_000n)];
  for (let i = 0; i < senders.length; i += MINT_BATCH) {
    const holders = senders.slice(i, i + MINT_BATCH).map((s) => s.address);
    setupTxs.push(sign(owner, token, 0n, mintEachCalldata(holders, 10n ** 24n), 200_000n + 40_000n * BigInt(holders.length)));
  }
  const setup = produce(chain, () => setupTxs.shift(), Number.MAX_SAFE_INTEGER, undefined);

  // Senders take turns, so consecutive transactions of a block come from different accounts.
  let n = 0;
  const eth = produce(
    chain,
    () => {
      const i = n++;
      return sign(senders[i % senders.length]!, recipient(1, i), 1n + BigInt(i), new Uint8Array(0), 21_000n);
    },
    o.blocks,
    o.txsPerBlock,
  );
  // The transaction that opened no block gives its nonce back.
  if (eth.leftover) senders[(n - 1) % senders.length]!.nonce--;
  n = 0;
  const erc20 = produce(
    chain,
    () => {
      const i = n++;
      return sign(senders[i % senders.length]!, token, 0n, transferCalldata(recipient(2, i), 1n + BigInt(i)), TOKEN_TRANSFER_GAS);
    },
    o.blocks,
    o.txsPerBlock,
  );
  return { genesis, setup: setup.rlp, eth: eth.rlp, erc20: erc20.rlp, ethTxs: eth.txs, erc20Txs: erc20.txs };
}
