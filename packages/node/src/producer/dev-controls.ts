/**
 * producer/dev-controls: what the developer methods (anvil_*, hardhat_*, evm_*) do to the chain,
 * the pool and the producer together: state edits on the head (chain/dev-state.ts), snapshots
 * and revert, reset to genesis, impersonated senders, and the state dump and load.
 *
 * Snapshots (evm_snapshot) are kept in memory, as anvil keeps them: each names the head block
 * and the head's edited state, if any. Reverting moves the head back (a reorg to an ancestor:
 * the later blocks leave the canonical chain, their transactions' lookups go) and restores the
 * edited state; the snapshot is used up, and those taken after it are gone (anvil answers them
 * with "Resource not found"). Ids count up from 0 and are never reused. Block time restarts from
 * the restored head's timestamp, as anvil's does.
 */
import type { Chain, DevChainState, HeadStateOverride } from "../chain/index.js";
import { type Address, asAddress, bytesToHex, type Hash32, hexToBytes } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";
import type { TxPool } from "../txpool/index.js";
import type { BlockProducer } from "./producer.js";

interface DevSnapshot {
  readonly head: Hash32;
  readonly number: bigint;
  readonly override: HeadStateOverride | undefined;
}

/** One account of a state dump, anvil's SerializableAccountRecord. */
export interface DumpedAccount {
  nonce: number;
  balance: string;
  code: string;
  storage: Record<string, string>;
}

/** What anvil_dumpState serializes (anvil's SerializableState; blocks and transactions are not included here). */
export interface DumpedState {
  block: null;
  accounts: Record<string, DumpedAccount>;
  best_block_number: number;
  blocks: [];
  transactions: [];
  historical_states: null;
}

export type RevertResult = "reverted" | "unknown" | "gone";

/** A developer method's request the chain cannot carry out (answered as invalid params, as anvil). */
export class DevControlError extends Error {
  override readonly name = "DevControlError";
}

const hex32 = (n: bigint): string => `0x${n.toString(16).padStart(64, "0")}`;

export class DevControls {
  private readonly snapshots = new Map<bigint, DevSnapshot>();
  /** snapshots dropped because an earlier one was reverted to */
  private readonly gone = new Set<bigint>();
  private nextSnapshotId = 0n;
  private readonly impersonated = new Set<string>();
  /** anvil_autoImpersonateAccount: every address may send unsigned */
  autoImpersonate = false;

  constructor(
    readonly chain: Chain,
    readonly pool: TxPool,
    readonly producer: BlockProducer,
    readonly devState: DevChainState,
    /** told after a revert or reset moved the head back (subscriptions report the rewind at once) */
    private readonly onHeadMoved: () => void = () => {},
  ) {}

  // ---- state edits ------------------------------------------------------------------------------

  /** Applies `change` to the head's state, visible at once and kept across restarts. */
  edit(change: (state: StateDb) => void): void {
    this.devState.edit(change);
    this.producer.resetPool();
  }

  setBalance(a: Address, balance: bigint): void {
    this.edit((s) => s.setBalance(a, balance));
  }

  addBalance(a: Address, amount: bigint): void {
    this.edit((s) => s.addBalance(a, amount));
  }

  setNonce(a: Address, nonce: bigint): void {
    this.edit((s) => s.setNonce(a, nonce));
  }

  setCode(a: Address, code: Uint8Array): void {
    this.edit((s) => s.setCode(a, code));
  }

  setStorage(a: Address, slot: bigint, value: bigint): void {
    this.edit((s) => s.setStorage(a, slot, value));
  }

  // ---- snapshots --------------------------------------------------------------------------------

  snapshot(): bigint {
    const id = this.nextSnapshotId++;
    const head = this.chain.head;
    this.snapshots.set(id, { head: head.hash, number: head.header.number, override: this.devState.currentOverride() });
    return id;
  }

  /** The live snapshots by id: block number and hash (anvil_metadata). */
  listSnapshots(): [bigint, bigint, Hash32][] {
    return [...this.snapshots].map(([id, s]) => [id, s.number, s.head]);
  }

  revert(id: bigint): RevertResult {
    if (this.gone.has(id)) return "gone";
    const snap = this.snapshots.get(id);
    if (snap === undefined) return "unknown";
    for (const k of [...this.snapshots.keys()]) {
      if (k < id) continue;
      this.snapshots.delete(k);
      if (k > id) this.gone.add(k);
    }
    this.chain.setHead(snap.head);
    this.devState.setOverride(snap.override);
    // as anvil: time restarts from the restored head's timestamp (an increase made since is undone)
    this.producer.clock.setTime(this.chain.head.header.timestamp);
    this.producer.resetPool();
    this.onHeadMoved();
    return "reverted";
  }

  /** anvil_rollback: the head goes `depth` blocks back (its edited state, if any, goes with it). */
  rollback(depth: bigint): void {
    const height = this.chain.head.header.number;
    if (depth > height)
      throw new DevControlError(`Rollback depth must not exceed current chain height: current height ${height}, depth ${depth}`);
    if (depth === 0n) return;
    this.chain.setHead(this.chain.canonicalHash(height - depth)!);
    this.devState.setOverride(undefined);
    this.producer.resetPool();
    this.onHeadMoved();
  }

  /** anvil_reset without forking: back to genesis, pool emptied, clock and overrides cleared. */
  reset(): void {
    this.chain.setHead(this.chain.genesis.hash);
    this.devState.setOverride(undefined);
    this.pool.clear();
    this.producer.clock.reset();
    this.producer.nextBaseFee = undefined;
    this.producer.gasLimit = undefined;
    this.producer.resetPool();
    this.snapshots.clear();
    this.gone.clear();
    this.impersonated.clear();
    this.autoImpersonate = false;
    this.onHeadMoved();
  }

  // ---- impersonation ----------------------------------------------------------------------------

  impersonate(a: Address): void {
    this.impersonated.add(bytesToHex(a));
  }

  stopImpersonating(a: Address): void {
    this.impersonated.delete(bytesToHex(a));
  }

  /** The impersonated accounts, in the order they were impersonated (eth_accounts lists them). */
  impersonatedAccounts(): Address[] {
    return [...this.impersonated].map((h) => asAddress(hexToBytes(h)));
  }

  isImpersonated(a: Address): boolean {
    return this.autoImpersonate || this.impersonated.has(bytesToHex(a));
  }

  // ---- dump and load ----------------------------------------------------------------------------

  /** The head's accounts known to the address book, in anvil's dump layout. */
  dumpState(): DumpedState {
    const state = this.chain.stateAt(this.chain.head.header.stateRoot);
    const accounts: Record<string, DumpedAccount> = {};
    for (const a of this.devState.knownAddresses()) {
      if (!state.exists(a)) continue;
      const storage: Record<string, string> = {};
      for (const slot of this.devState.knownSlots(a)) {
        const v = state.getStorage(a, slot);
        if (v !== 0n) storage[hex32(slot)] = hex32(v);
      }
      accounts[bytesToHex(a)] = {
        nonce: Number(state.getNonce(a)),
        balance: `0x${state.getBalance(a).toString(16)}`,
        code: bytesToHex(state.getCode(a)),
        storage,
      };
    }
    return {
      block: null,
      accounts,
      best_block_number: Number(this.chain.head.header.number),
      blocks: [],
      transactions: [],
      historical_states: null,
    };
  }

  /** Writes each account of a dump into the head's state (one edit); blocks in the dump are not replayed. */
  loadState(accounts: ReadonlyMap<Address, { nonce: bigint; balance: bigint; code: Uint8Array; storage: Map<bigint, bigint> }>): void {
    this.edit((s) => {
      for (const [a, acc] of accounts) {
        s.setNonce(a, acc.nonce);
        s.setBalance(a, acc.balance);
        s.setCode(a, acc.code);
        for (const [slot, value] of acc.storage) s.setStorage(a, slot, value);
      }
    });
  }
}
