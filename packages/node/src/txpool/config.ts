/**
 * txpool/config: the pool's limits and admission settings, with DESIGN.md's security
 * defaults taken from go-ethereum's legacypool (DefaultConfig) and txpool (txMaxSize).
 */
import type { Fork } from "../params/index.js";
import type { Address } from "../primitives/index.js";

/** What the pool reads from the head state: the account nonce and balance. */
export interface PoolStateReader {
  nonce(address: Address): bigint;
  balance(address: Address): bigint;
}

export interface TxPoolConfig {
  chainId: bigint;
  fork: Fork;
  blockGasLimit: bigint;
  /** minimum tip (gas price for legacy) a remote transaction must offer; geth's PriceLimit, 1 wei */
  minTip?: bigint;
  /** replacement price bump in percent; geth's PriceBump, 10 */
  priceBump?: bigint;
  /** executable transactions per account; geth's AccountSlots, 16 */
  accountSlots?: number;
  /** non-executable transactions per account; geth's AccountQueue, 64 */
  accountQueue?: number;
  /** executable transactions in all; geth's GlobalSlots, 5120 */
  globalSlots?: number;
  /** non-executable transactions in all; geth's GlobalQueue, 1024 */
  globalQueue?: number;
  /** largest non-blob transaction in bytes; geth's txMaxSize, 128 KiB */
  maxTxSize?: number;
  /** blob transactions per account (geth keeps them in a separate blob pool) */
  blobAccountLimit?: number;
  /** "network": raw blob transactions must carry their sidecar (eth/68 form); "canonical": they must not */
  blobForm?: "network" | "canonical";
  /** accounts whose transactions are never evicted and skip the minimum tip */
  locals?: Address[];
}

export interface ResolvedTxPoolConfig extends Required<Omit<TxPoolConfig, "locals">> {
  locals: Address[];
}

export const TXPOOL_DEFAULTS = {
  minTip: 1n,
  priceBump: 10n,
  accountSlots: 16,
  accountQueue: 64,
  globalSlots: 5120,
  globalQueue: 1024,
  maxTxSize: 128 * 1024,
  blobAccountLimit: 16,
  blobForm: "network",
} as const;

export function resolveConfig(config: TxPoolConfig): ResolvedTxPoolConfig {
  return { ...TXPOOL_DEFAULTS, ...stripUndefined(config), locals: config.locals ?? [] } as ResolvedTxPoolConfig;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
