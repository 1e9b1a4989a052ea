/**
 * cli/bench-rpc-setup: the untimed part of `cairn bench rpc`. Signs, once, the transactions that
 * give both servers the same state: dev account 0 deploys an OpenZeppelin ERC-20
 * (bench/contracts/ChainToken.sol), mints to every holder (one Transfer log each), funds one
 * sender per client with ether and makes token transfers (more logs). Both servers receive the
 * same raw bytes with eth_sendRawTransaction in automine mode, so each transaction is its own
 * block on both. Then the request bodies of the timed workloads are built: eth_call
 * `balanceOf`, eth_getBalance, eth_getLogs by recipient over the whole chain, and per client a
 * list of pre-signed ether transfers with consecutive nonces for eth_sendRawTransaction.
 */
import { keccak256, privateKeyToAddress } from "../crypto/index.js";
import { createAddress } from "../evm/index.js";
import { devAccounts } from "../node/index.js";
import { type Address, bigintToBytes, bigintToFixedBytes, bytesToHex, concatBytes, hexToBytes } from "../primitives/index.js";
import { encodeTransaction, signTransaction, transactionHash } from "../types/index.js";
import { BENCH_RPC_CHAIN_ID, BENCH_RPC_MNEMONIC, BenchRpcError, type RpcClient } from "./bench-rpc-peers.js";

const GWEI = 10n ** 9n;
const ETHER = 10n ** 18n;
/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

export interface SetupPlan {
  readonly token: string;
  /** Raw setup transactions in sending order and the hash of the last one. */
  readonly setupRaw: readonly string[];
  readonly lastHash: string;
  readonly holders: readonly string[];
  readonly senders: readonly string[];
  /** Pre-signed ether transfers: per client, nonces 0, 1, 2, ... */
  readonly sendRaw: readonly (readonly string[])[];
}

export interface SetupOptions {
  readonly clients: number;
  readonly holders: number;
  readonly transfers: number;
  /** Pre-signed transactions per client for eth_sendRawTransaction. */
  readonly txsPerClient: number;
}

interface Signer {
  readonly key: Uint8Array;
  readonly address: Address;
  nonce: bigint;
}

function derive(tag: string, i: number): Signer {
  const key = keccak256(concatBytes(new TextEncoder().encode(tag), bigintToBytes(BigInt(i + 1))));
  return { key, address: privateKeyToAddress(key), nonce: 0n };
}

function sign(from: Signer, to: Address | undefined, value: bigint, data: Uint8Array, gasLimit: bigint): { raw: string; hash: string } {
  const tx = signTransaction(
    {
      type: 2,
      chainId: BENCH_RPC_CHAIN_ID,
      nonce: from.nonce++,
      maxFeePerGas: 20n * GWEI,
      maxPriorityFeePerGas: GWEI,
      gasLimit,
      to,
      value,
      data,
      accessList: [],
    },
    from.key,
  );
  return { raw: bytesToHex(encodeTransaction(tx)), hash: bytesToHex(transactionHash(tx)) };
}

const word = (v: bigint): Uint8Array => bigintToFixedBytes(v, 32);
const addressWord = (a: Address): Uint8Array => concatBytes(new Uint8Array(12), a);
const selector = (signature: string): Uint8Array => keccak256(new TextEncoder().encode(signature)).subarray(0, 4);

/** Calldata of `balanceOf(holder)`. */
export function balanceOfData(holder: string): string {
  return bytesToHex(concatBytes(selector("balanceOf(address)"), addressWord(hexToBytes(holder) as Address)));
}

export function planSetup(initcode: Uint8Array, opts: SetupOptions): SetupPlan {
  const dev = devAccounts(BENCH_RPC_MNEMONIC, 1)[0]!;
  const owner: Signer = { key: dev.privateKey, address: dev.address, nonce: 0n };
  const holders = Array.from({ length: opts.holders }, (_, i) => derive("cairn bench rpc holder", i).address);
  const senders = Array.from({ length: opts.clients }, (_, i) => derive("cairn bench rpc sender", i));
  const raw: string[] = [];
  let last = "";
  const push = (t: { raw: string; hash: string }) => {
    raw.push(t.raw);
    last = t.hash;
  };
  const token = createAddress(owner.address, owner.nonce);
  push(sign(owner, undefined, 0n, initcode, 3_000_000n));
  // mintEach(address[] holders, uint256 amount): the owner is a holder too, for the transfers.
  const minted = [owner.address, ...holders];
  const args = [word(64n), word(10n ** 24n), word(BigInt(minted.length)), ...minted.map(addressWord)];
  push(sign(owner, token, 0n, concatBytes(selector("mintEach(address[],uint256)"), ...args), 200_000n + 40_000n * BigInt(minted.length)));
  for (const s of senders) push(sign(owner, s.address, 10n * ETHER, new Uint8Array(0), 21_000n));
  const transfer = selector("transfer(address,uint256)");
  for (let i = 0; i < opts.transfers; i++) {
    const to = holders[i % holders.length]!;
    push(sign(owner, token, 0n, concatBytes(transfer, addressWord(to), word(BigInt(i + 1))), 80_000n));
  }
  const sendRaw = senders.map((s, c) =>
    Array.from({ length: opts.txsPerClient }, (_, i) => {
      const to = new Uint8Array(20) as Address;
      to[0] = 0xbe;
      new DataView(to.buffer).setUint32(12, c);
      new DataView(to.buffer).setUint32(16, i);
      return sign(s, to, 1n, new Uint8Array(0), 21_000n).raw;
    }),
  );
  return {
    token: bytesToHex(token),
    setupRaw: raw,
    lastHash: last,
    holders: holders.map((h) => bytesToHex(h)),
    senders: senders.map((s) => bytesToHex(s.address)),
    sendRaw,
  };
}

/** Sends the setup transactions in order and waits until the last one is mined successfully. */
export async function applySetup(client: RpcClient, plan: SetupPlan): Promise<void> {
  for (const raw of plan.setupRaw) await client.call("eth_sendRawTransaction", [raw]);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const receipt = (await client.call("eth_getTransactionReceipt", [plan.lastHash])) as { status: string } | null;
    if (receipt !== null) {
      if (receipt.status !== "0x1") throw new BenchRpcError(`setup transaction ${plan.lastHash} failed on ${client.url}`);
      return;
    }
    if (Date.now() > deadline) throw new BenchRpcError(`setup not mined within 60 s on ${client.url}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
