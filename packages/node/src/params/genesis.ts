/**
 * params/genesis: the genesis of a chain as data: its chain spec, the header fields a
 * genesis.json may set, and the initial accounts. Absent fields stay undefined here; the
 * defaults that depend on the fork active at genesis (base fee, blob gas, withdrawals and
 * requests commitments) are applied where the header is built (types `genesisHeader`), and the
 * state root is computed by the state layer from `alloc`.
 */
import type { Address, Hash32 } from "../primitives/index.js";
import type { ChainSpec } from "./chain-spec.js";
import { forkAt } from "./chain-spec.js";
import type { Fork } from "./forks.js";

export interface GenesisAccount {
  readonly address: Address;
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly code: Uint8Array;
  /** slot -> value, both as 256-bit words */
  readonly storage: ReadonlyMap<bigint, bigint>;
}

export interface Genesis {
  readonly spec: ChainSpec;
  /** header nonce as a 64-bit integer (the header holds its 8-byte big-endian form) */
  readonly nonce?: bigint | undefined;
  readonly timestamp?: bigint | undefined;
  readonly extraData?: Uint8Array | undefined;
  readonly gasLimit?: bigint | undefined;
  readonly difficulty?: bigint | undefined;
  readonly mixHash?: Hash32 | undefined;
  readonly coinbase?: Address | undefined;
  /** go-ethereum allows a non-zero genesis number and parent for tests */
  readonly number?: bigint | undefined;
  readonly gasUsed?: bigint | undefined;
  readonly parentHash?: Hash32 | undefined;
  readonly baseFeePerGas?: bigint | undefined;
  readonly excessBlobGas?: bigint | undefined;
  readonly blobGasUsed?: bigint | undefined;
  readonly parentBeaconBlockRoot?: Hash32 | undefined;
  readonly alloc: readonly GenesisAccount[];
}

/** go-ethereum's params.GenesisGasLimit, used when genesis.json gives no (or a zero) gas limit. */
export const DEFAULT_GENESIS_GAS_LIMIT = 4712388n;
/** go-ethereum's params.GenesisDifficulty, for a proof-of-work genesis that gives none. */
export const DEFAULT_GENESIS_DIFFICULTY = 131072n;

/** The fork that governs the genesis block itself. */
export function genesisFork(genesis: Genesis): Fork {
  return forkAt(genesis.spec, genesis.number ?? 0n, genesis.timestamp ?? 0n);
}
