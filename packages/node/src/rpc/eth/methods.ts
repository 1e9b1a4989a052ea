/**
 * rpc/eth/methods: the eth_ methods of the developer chain, answered as
 * go-ethereum answers them, over an EthBackend the node wires.
 */
import { type Address, bigintToFixedBytes, bigintToQuantity, bytesToBigint, bytesToHex } from "../../primitives/index.js";
import {
  calcBaseFee,
  type SealedBlock,
  type SealedHeader,
  signTransaction,
  type Transaction,
  transactionHash,
  type UnsignedTransaction,
} from "../../types/index.js";
import { impersonatedTransaction } from "../dev/impersonation.js";
import { invalidParams, RpcError, SERVER_ERROR } from "../errors.js";
import { argBlockNumber, argBool, argBytes, argHash } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { addressArg, argBlockHeader, argCallArgs, lookupBlockNumber } from "./args.js";
import type { EthBackend } from "./backend.js";
import { ethCall, RPC_CALL_TIMEOUT_MS, RPC_GAS_CAP } from "./call.js";
import { estimateGas } from "./estimate.js";
import { formatBlock, formatReceipt, formatTransaction } from "./format.js";
import { argBlockOverrides, argStateOverride } from "./overrides.js";
import { decodeProofKey } from "./proof.js";

/** The tip the dev chain suggests: 1 gwei, go-ethereum's gas price oracle floor for new chains. */
export const SUGGESTED_TIP = 1_000_000_000n;

const q = bigintToQuantity;

export function registerEthMethods(registry: MethodRegistry, backend: EthBackend): void {
  const { chain, pool } = backend;
  const chainId = chain.spec.chainId;
  const limits = { gasCap: backend.gasCap ?? RPC_GAS_CAP, timeoutMs: backend.callTimeoutMs ?? RPC_CALL_TIMEOUT_MS };

  const senderOf = (tx: Transaction, header: SealedHeader): Address => chain.storedSender(tx, header);

  const sendersOf = (block: SealedBlock): Address[] => block.body.transactions.map((tx) => senderOf(tx, block.header));
  const nextBaseFee = (): bigint => calcBaseFee(chain.head.header);

  function admit(result: ReturnType<EthBackend["submit"]>): string {
    if (!result.ok) throw new RpcError(SERVER_ERROR, result.error.message);
    return result.tx.hashHex;
  }

  registry.register("eth_chainId", () => q(chainId), { arity: [0, 0] });
  registry.register("eth_blockNumber", () => q(chain.head.header.number), { arity: [0, 0] });
  registry.register("eth_accounts", () => backend.accounts().map((a) => bytesToHex(a)), { arity: [0, 0] });
  registry.register("eth_gasPrice", () => q(nextBaseFee() + SUGGESTED_TIP), { arity: [0, 0] });
  registry.register("eth_maxPriorityFeePerGas", () => q(SUGGESTED_TIP), { arity: [0, 0] });

  registry.register(
    "eth_getBalance",
    (p) => {
      const a = addressArg(p, 0);
      return q(chain.stateAt(argBlockHeader(chain, p, 1).header.stateRoot).getBalance(a));
    },
    { arity: [1, 2] },
  );
  registry.register(
    "eth_getTransactionCount",
    (p) => {
      const a = addressArg(p, 0);
      if (p[1] === "pending") return q(pool.pendingNonce(a));
      return q(chain.stateAt(argBlockHeader(chain, p, 1).header.stateRoot).getNonce(a));
    },
    { arity: [1, 2] },
  );
  registry.register(
    "eth_getCode",
    (p) => {
      const a = addressArg(p, 0);
      return bytesToHex(chain.stateAt(argBlockHeader(chain, p, 1).header.stateRoot).getCode(a));
    },
    { arity: [1, 2] },
  );
  registry.register(
    "eth_getStorageAt",
    (p) => {
      const a = addressArg(p, 0);
      // geth decodes the key as a hash: up to 32 bytes of hex, leading zeros allowed.
      if (typeof p[1] !== "string") throw invalidParams("invalid argument 1: hex string without 0x prefix");
      const slot = bytesToBigint(decodeProofKey(p[1]).key);
      const value = chain.stateAt(argBlockHeader(chain, p, 2).header.stateRoot).getStorage(a, slot);
      return bytesToHex(bigintToFixedBytes(value, 32));
    },
    { arity: [2, 3] },
  );

  function blockJson(block: SealedBlock | undefined, full: boolean): unknown {
    return block === undefined ? null : formatBlock(block, full ? sendersOf(block) : undefined);
  }
  registry.register(
    "eth_getBlockByNumber",
    (p) => {
      const header = lookupBlockNumber(chain, argBlockNumber(p, 0));
      return blockJson(header === undefined ? undefined : chain.getBlock(header.hash), argBool(p, 1));
    },
    { arity: [2, 2] },
  );
  registry.register("eth_getBlockByHash", (p) => blockJson(chain.getBlock(argHash(p, 0)), argBool(p, 1)), { arity: [2, 2] });

  registry.register(
    "eth_getTransactionByHash",
    (p) => {
      const hash = argHash(p, 0);
      const found = chain.getTransaction(hash);
      if (found !== undefined) {
        const header = chain.getHeader(found.lookup.blockHash)!;
        return formatTransaction(found.tx, senderOf(found.tx, header), {
          blockHash: header.hash,
          blockNumber: header.header.number,
          index: found.lookup.index,
          baseFee: header.header.baseFeePerGas,
        });
      }
      const pooled = pool.get(hash);
      return pooled === undefined ? null : formatTransaction(pooled.tx, pooled.sender, undefined);
    },
    { arity: [1, 1] },
  );
  registry.register(
    "eth_getTransactionReceipt",
    (p) => {
      const lookup = chain.getTransactionLookup(argHash(p, 0));
      if (lookup === undefined) return null;
      const block = chain.getBlock(lookup.blockHash);
      const receipts = chain.getReceipts(lookup.blockHash);
      if (block === undefined || receipts === undefined) return null;
      let firstLogIndex = 0;
      for (let i = 0; i < lookup.index; i++) firstLogIndex += receipts[i]!.logs.length;
      const tx = block.body.transactions[lookup.index]!;
      return formatReceipt({ block, receipts, index: lookup.index, from: senderOf(tx, block.header), firstLogIndex });
    },
    { arity: [1, 1] },
  );

  registry.register("eth_sendRawTransaction", (p) => admit(backend.submitRaw(argBytes(p, 0))), { arity: [1, 1] });

  registry.register(
    "eth_sendTransaction",
    (p) => {
      const args = argCallArgs(p, 0);
      if (args.from === undefined) throw new RpcError(SERVER_ERROR, "missing from address");
      const key = backend.signingKey(args.from);
      const impersonated = key === undefined && backend.isImpersonated?.(args.from) === true;
      if (key === undefined && !impersonated) throw new RpcError(SERVER_ERROR, "unknown account");
      const head = chain.head;
      const nonce = args.nonce ?? pool.pendingNonce(args.from);
      const gasLimit = args.gas ?? estimateGas(chain, head, args, {}, limits);
      const common = { nonce, gasLimit, to: args.to, value: args.value ?? 0n, data: args.data ?? new Uint8Array(0) };
      let unsigned: UnsignedTransaction;
      // geth's TransactionArgs.toTransaction: a gas price with an access list is an EIP-2930
      // transaction, without one legacy; fee caps (filled when absent) make an EIP-1559 one.
      if (args.gasPrice !== undefined) {
        unsigned =
          args.accessList === undefined
            ? { type: 0, gasPrice: args.gasPrice, chainId, ...common }
            : { type: 1, gasPrice: args.gasPrice, chainId, accessList: args.accessList, ...common };
      } else {
        const tip = args.maxPriorityFeePerGas ?? SUGGESTED_TIP;
        // geth's default fee cap: twice the next base fee plus the tip.
        const maxFee = args.maxFeePerGas ?? 2n * nextBaseFee() + tip;
        if (maxFee < tip) throw new RpcError(SERVER_ERROR, `maxFeePerGas (${maxFee}) < maxPriorityFeePerGas (${tip})`);
        const fees = { chainId, maxFeePerGas: maxFee, maxPriorityFeePerGas: tip, accessList: args.accessList ?? [] };
        if (args.authorizationList !== undefined) {
          // An authorization list makes an EIP-7702 transaction, which cannot create a contract.
          if (args.to === undefined) throw new RpcError(SERVER_ERROR, "set code transaction must have a recipient");
          unsigned = { type: 4, ...fees, ...common, to: args.to, authorizationList: [...args.authorizationList] };
        } else unsigned = { type: 2, ...fees, ...common };
      }
      if (impersonated) {
        // anvil_impersonateAccount: accepted unsigned and mined as `from`
        const itx = impersonatedTransaction(unsigned, args.from);
        admit(backend.submitAs!(itx, args.from));
        return bytesToHex(transactionHash(itx));
      }
      const tx = signTransaction(unsigned, key!);
      admit(backend.submit(tx));
      return bytesToHex(transactionHash(tx));
    },
    { arity: [1, 1] },
  );

  registry.register(
    "eth_call",
    (p) => {
      const args = argCallArgs(p, 0);
      const header = argBlockHeader(chain, p, 1);
      const scope = { stateOverride: argStateOverride(p, 2), blockOverrides: argBlockOverrides(p, 3) };
      return bytesToHex(ethCall(chain, header, args, scope, limits));
    },
    { arity: [1, 4] },
  );
  registry.register(
    "eth_estimateGas",
    (p) => {
      const args = argCallArgs(p, 0);
      const header = argBlockHeader(chain, p, 1);
      const scope = { stateOverride: argStateOverride(p, 2), blockOverrides: argBlockOverrides(p, 3) };
      return q(estimateGas(chain, header, args, scope, limits));
    },
    { arity: [1, 4] },
  );
}
