/**
 * rpc/eth/backend: what the eth_ methods need from the node, which wires it: the chain for
 * reads, the pool for pending nonces, a way in for new transactions (the producer mines them
 * when automine is on), and the node's unlocked accounts for eth_sendTransaction.
 */
import type { Chain } from "../../chain/index.js";
import type { Address } from "../../primitives/index.js";
import type { AddResult, TxPool } from "../../txpool/index.js";
import type { Transaction } from "../../types/index.js";

export interface EthBackend {
  readonly chain: Chain;
  readonly pool: TxPool;
  /** Admits a signed transaction. */
  submit(tx: Transaction): AddResult;
  /** Admits an encoded transaction as received over RPC. */
  submitRaw(bytes: Uint8Array): AddResult;
  /** Accounts whose keys the node holds, in eth_accounts order. */
  accounts(): readonly Address[];
  /** The private key of an account in `accounts()`, else undefined. */
  signingKey(address: Address): Uint8Array | undefined;
  /** Whether `address` may send without a key (anvil_impersonateAccount); absent: none may. */
  isImpersonated?(address: Address): boolean;
  /** Admits an impersonated account's transaction, whose sender is given, not recovered. */
  submitAs?(tx: Transaction, sender: Address): AddResult;
  /** eth_call / eth_estimateGas gas cap; default 50M (geth's --rpc.gascap). */
  readonly gasCap?: bigint;
  /** eth_call / eth_estimateGas timeout in ms; default 5000 (geth's --rpc.evmtimeout). */
  readonly callTimeoutMs?: number;
}
