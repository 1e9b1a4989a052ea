/**
 * execution/block-testing: helpers for the block unit tests: a genesis at a fork with given
 * accounts over one node and code store, the ChainContext of a child, and a signed transfer.
 * Not exported from the module surface.
 */
import { privateKeyToAddress } from "../crypto/index.js";
import { type ChainSpec, chainSpecAtFork, type Fork } from "../params/index.js";
import { type Address, type Hash32, hexToBytes } from "../primitives/index.js";
import { type AccountInit, MemoryCodeStore, StateDb } from "../state/index.js";
import { MemoryNodeStore } from "../trie/index.js";
import { genesisHeader, type SealedHeader, sealHeader, signTransaction, type Transaction } from "../types/index.js";
import type { ExecutionEngine } from "./apply-transaction.js";
import type { BlockAttributes, ChainContext } from "./block-builder.js";
import { CONSOLIDATION_REQUEST_ADDRESS, WITHDRAWAL_REQUEST_ADDRESS } from "./block-system-calls.js";
import { createEngine } from "./evm-factory.js";

export const KEY = new Uint8Array(32).fill(0x42);
export const SENDER: Address = privateKeyToAddress(KEY);
export const COINBASE = hexToBytes("0x00000000000000000000000000000000000c0ffe") as Address;
export const RECIPIENT = hexToBytes("0x0000000000000000000000000000000000001234") as Address;
export const ETHER = 10n ** 18n;
export const GAS_LIMIT = 30_000_000n;

/** PUSH0 CALLDATALOAD PUSH0 SSTORE STOP: keeps the first 32 bytes of call data in slot 0. */
export const STORE_CALLDATA_CODE = hexToBytes("0x5f355f5500");

/**
 * Stand-ins for the Prague request contracts (EIP-7002, EIP-7251): code that stops at once,
 * returning no requests. A Prague block needs code at both addresses.
 */
export function requestContracts(): [Address, AccountInit][] {
  return [
    [WITHDRAWAL_REQUEST_ADDRESS, { code: Uint8Array.of(0x00) }],
    [CONSOLIDATION_REQUEST_ADDRESS, { code: Uint8Array.of(0x00) }],
  ];
}

const engines = new Map<Fork, ExecutionEngine>();
export function engineFor(fork: Fork): ExecutionEngine {
  let e = engines.get(fork);
  if (e === undefined) {
    e = createEngine(fork);
    engines.set(fork, e);
  }
  return e;
}

export interface TestChain {
  readonly spec: ChainSpec;
  readonly nodes: MemoryNodeStore;
  readonly codes: MemoryCodeStore;
  readonly genesis: SealedHeader;
}

/** A chain running `fork` from genesis, whose genesis state holds `accounts`. */
export function testChain(fork: Fork, accounts: [Address, AccountInit][]): TestChain {
  const spec = chainSpecAtFork(fork);
  const nodes = new MemoryNodeStore();
  const codes = new MemoryCodeStore();
  const state = new StateDb({ nodes, codes });
  for (const [a, init] of accounts) state.putAccount(a, init);
  const root = state.persist(codes) as Hash32;
  const genesis = sealHeader(genesisHeader({ spec, gasLimit: GAS_LIMIT, timestamp: 1000n, alloc: [] }, root));
  return { spec, nodes, codes, genesis };
}

/** The context of a block on top of `parent` (BLOCKHASH answers the parent only). */
export function childContext(chain: TestChain, parent: SealedHeader = chain.genesis): ChainContext {
  return {
    spec: chain.spec,
    parent,
    ancestorHash: (n) => (n === parent.header.number ? parent.hash : new Uint8Array(32)),
    engineFor,
  };
}

/** A StateDb at `parent`'s state root. */
export function stateAt(chain: TestChain, parent: SealedHeader = chain.genesis): StateDb {
  return new StateDb({ nodes: chain.nodes, codes: chain.codes, root: parent.header.stateRoot });
}

/** Proposer fields of a child of `parent`, 12 seconds later, with what its fork requires. */
export function childAttributes(chain: TestChain, parent: SealedHeader = chain.genesis): BlockAttributes {
  const timestamp = parent.header.timestamp + 12n;
  const fork = chain.spec.activations;
  return {
    coinbase: COINBASE,
    timestamp,
    gasLimit: parent.header.gasLimit,
    prevRandao: new Uint8Array(32).fill(7) as Hash32,
    withdrawals: fork.Shanghai ? [] : undefined,
    parentBeaconBlockRoot: fork.Cancun ? (new Uint8Array(32).fill(9) as Hash32) : undefined,
  };
}

/** An EIP-1559 transaction from SENDER, to RECIPIENT unless `to` is given. */
export function transfer(
  nonce: bigint,
  value: bigint,
  fields: { gasLimit?: bigint; maxFeePerGas?: bigint; to?: Address } = {},
): Transaction {
  return signTransaction(
    {
      type: 2,
      chainId: 1n,
      nonce,
      maxFeePerGas: fields.maxFeePerGas ?? 10n ** 10n,
      maxPriorityFeePerGas: 2n,
      gasLimit: fields.gasLimit ?? 21_000n,
      to: fields.to ?? RECIPIENT,
      value,
      data: new Uint8Array(0),
      accessList: [],
    },
    KEY,
  );
}
