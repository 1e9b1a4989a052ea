/**
 * txpool/pool: the transaction pool of go-ethereum's legacypool, for one node.
 *
 * Per sender, `pending` is the executable run (gap-free nonces starting at the account nonce)
 * and `queued` holds the rest (nonce gaps, or beyond the per-account pending slots); queued
 * transactions are promoted when the gap fills or a new head raises the nonce. Admission runs
 * the static rules (execution's validateTransaction, size, block gas limit, minimum tip) then
 * the stateful ones (nonce too low, funds), then replacement (price bump) and the account and
 * global limits, evicting the cheapest transactions of other, non-local senders when full.
 * Blob transactions (EIP-4844) share the nonce lists but are limited separately, and an
 * account holds either blob or non-blob transactions, never both (geth's reservation between
 * its blob pool and legacy pool), so a blob transaction is only ever replaced by another.
 *
 * Refusals are results carrying a TxPoolError; nothing is thrown for bad input.
 */
import { checkTransactionStatic, validateTransaction } from "../execution/index.js";
import { type Fork, forkAtLeast, txGasSchedule } from "../params/index.js";
import { type Address, bytesToHex, equalBytes } from "../primitives/index.js";
import {
  decodePooledTransaction,
  encodePooledTransaction,
  encodeTransaction,
  type PooledTransaction,
  type Transaction,
  TxError,
  transactionHash,
  tryDecodeTransaction,
} from "../types/index.js";
import { BestTransactions, type PooledTx } from "./best.js";
import { sidecarToV1, verifySidecarProofs } from "./blob-proofs.js";
import { type PoolStateReader, type ResolvedTxPoolConfig, resolveConfig, type TxPoolConfig } from "./config.js";
import { fromTxError, TxPoolError } from "./errors.js";
import { comparePrice, feeCap, replaces, tipCap, txCost } from "./pricing.js";

export type AddResult = { ok: true; tx: PooledTx; pending: boolean; replaced?: PooledTx } | { ok: false; error: TxPoolError };

interface Account {
  readonly sender: Address;
  /** the account nonce at the head */
  nonce: bigint;
  /** executable: pending[i].tx.nonce === nonce + i */
  pending: PooledTx[];
  queued: Map<bigint, PooledTx>;
}

export interface ResetOptions {
  blockGasLimit?: bigint;
  /** the fork of the next block, when the head crossed a fork boundary */
  fork?: Fork;
  blobBaseFee?: bigint;
}

function mapStatic(r: ReturnType<typeof checkTransactionStatic>, tx: Transaction, sender: Address): ReturnType<typeof validateTransaction> {
  return r.ok ? { ok: true, value: { recovered: { tx, sender }, intrinsic: r.value } } : r;
}

function fail(code: ConstructorParameters<typeof TxPoolError>[0], detail?: string): AddResult {
  return { ok: false, error: new TxPoolError(code, detail) };
}

export class TxPool {
  readonly config: ResolvedTxPoolConfig;
  private state: PoolStateReader;
  private baseFee: bigint | undefined;
  private blobBaseFee: bigint | undefined;
  private readonly accounts = new Map<string, Account>();
  private readonly byHash = new Map<string, PooledTx>();
  private readonly locals = new Set<string>();
  private readonly listeners = new Set<(hashes: PooledTx["hash"][]) => void>();
  /** non-blob counts, the ones the global limits bound */
  private pendingCount = 0;
  private queuedCount = 0;
  private arrivals = 0;

  constructor(config: TxPoolConfig, state: PoolStateReader, baseFee?: bigint) {
    this.config = resolveConfig(config);
    this.state = state;
    this.baseFee = baseFee;
    for (const a of this.config.locals) this.locals.add(bytesToHex(a));
  }

  /** Marks an account local: never evicted, exempt from the minimum tip and the per-account pending slots. */
  markLocal(address: Address): void {
    this.locals.add(bytesToHex(address));
  }

  /** Subscribes to hashes of transactions that became pending; returns the unsubscribe function. */
  onNewPending(listener: (hashes: PooledTx["hash"][]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Admits raw bytes as received by eth_sendRawTransaction (blob form per config.blobForm). */
  addRaw(bytes: Uint8Array, opts: { local?: boolean } = {}): AddResult {
    if (bytes.length > 0 && bytes[0] === 3 && this.config.blobForm === "network") {
      let pooled: PooledTransaction;
      try {
        pooled = decodePooledTransaction(bytes);
      } catch (e) {
        if (!(e instanceof TxError)) throw e;
        // geth decodes the canonical form too, then refuses it for its missing sidecar
        if (tryDecodeTransaction(bytes).ok) return fail("BLOB_MISSING_SIDECAR");
        return { ok: false, error: fromTxError(e) };
      }
      return this.addNetworkBlob(pooled, bytes, opts);
    }
    const decoded = tryDecodeTransaction(bytes);
    if (!decoded.ok) return { ok: false, error: fromTxError(decoded.error) };
    return this.add(decoded.value, opts);
  }

  /**
   * A blob transaction in the network wrapper: geth's eth_sendRawTransaction turns a version-0
   * sidecar into cell proofs once Osaka is active, then the pool checks the version the fork
   * wants and verifies the KZG proofs (blob-proofs.ts). The wrapper is kept with the entry; the
   * block carries the canonical transaction.
   */
  private addNetworkBlob(pooled: PooledTransaction, bytes: Uint8Array, opts: { local?: boolean }): AddResult {
    let sidecar = pooled.sidecar!;
    let networkForm = bytes;
    const osaka = forkAtLeast(this.config.fork, "Osaka");
    if (osaka && sidecar.version === 0) {
      const converted = sidecarToV1(sidecar);
      if (typeof converted === "string") return fail("BLOB_INVALID", `blob sidecar conversion failed: ${converted}`);
      sidecar = converted;
      networkForm = encodePooledTransaction({ tx: pooled.tx, sidecar });
    }
    if (!osaka && sidecar.version !== 0) return fail("BLOB_INVALID", `invalid sidecar version pre-osaka: ${sidecar.version}`);
    const bad = verifySidecarProofs(sidecar);
    if (bad !== undefined) return fail("KZG_VERIFICATION", bad);
    return this.add(pooled.tx, { ...opts, networkForm });
  }

  /** Admits a decoded transaction. */
  add(tx: Transaction, opts: { local?: boolean; networkForm?: Uint8Array; sender?: Address } = {}): AddResult {
    const cfg = this.config;
    const hash = transactionHash(tx);
    const hashHex = bytesToHex(hash);
    if (this.byHash.has(hashHex)) return fail("ALREADY_KNOWN");
    const size = encodeTransaction(tx).length;
    if (tx.type !== 3 && size > cfg.maxTxSize) return fail("OVERSIZED_DATA", `transaction size ${size}, limit ${cfg.maxTxSize}`);
    // `sender` given: a developer chain's impersonated account, whose placeholder signature recovers to nobody
    const valid =
      opts.sender === undefined
        ? validateTransaction(tx, { fork: cfg.fork, chainId: cfg.chainId })
        : mapStatic(checkTransactionStatic(tx, { fork: cfg.fork, chainId: cfg.chainId }), tx, opts.sender);
    if (!valid.ok) return { ok: false, error: fromTxError(valid.error) };
    // geth answers a bare ErrGasLimit here
    if (tx.gasLimit > cfg.blockGasLimit) return fail("GAS_LIMIT");
    const sender = valid.value.recovered.sender;
    const senderHex = bytesToHex(sender);
    const local = opts.local === true || this.locals.has(senderHex);
    if (!local && tipCap(tx) < cfg.minTip) return fail("UNDERPRICED", `gas tip cap ${tipCap(tx)}, minimum needed ${cfg.minTip}`);

    // a refused transaction must not leave an empty account behind, so it is stored only on success
    const acc = this.accounts.get(senderHex) ?? { sender, nonce: this.state.nonce(sender), pending: [], queued: new Map() };
    if (tx.nonce < acc.nonce) return fail("NONCE_TOO_LOW", `next nonce ${acc.nonce}, tx nonce ${tx.nonce}`);
    const existing = this.atNonce(acc, tx.nonce);
    const any = acc.pending[0] ?? acc.queued.values().next().value;
    if (any && (any.tx.type === 3) !== (tx.type === 3)) return fail("ALREADY_RESERVED");
    if (existing && !replaces(existing.tx, tx, cfg.priceBump)) return fail("REPLACE_UNDERPRICED");

    const funds = this.checkFunds(acc, tx, existing);
    if (funds) return funds;

    const entry: PooledTx = { tx, sender, hash, hashHex, size, local, seq: this.arrivals++, networkForm: opts.networkForm };
    if (existing) {
      this.store(senderHex, acc, opts.local);
      this.replace(acc, existing, entry);
      return { ok: true, tx: entry, pending: this.isPending(acc, entry), replaced: existing };
    }
    const count = acc.pending.length + acc.queued.size;
    if (tx.type === 3 && count >= cfg.blobAccountLimit) return fail("ACCOUNT_LIMIT_EXCEEDED", `pooled ${count} blob txs`);
    const next = acc.nonce + BigInt(acc.pending.length);
    const toPending = tx.nonce === next && (local || acc.pending.length < cfg.accountSlots);
    if (!toPending && tx.type !== 3 && acc.queued.size >= cfg.accountQueue)
      return fail("ACCOUNT_LIMIT_EXCEEDED", `pooled ${acc.queued.size} queued txs`);
    if (tx.type !== 3) {
      const full = this.makeRoom(entry, toPending);
      if (full) return full;
    }
    this.store(senderHex, acc, opts.local);
    if (toPending) {
      this.pushPending(acc, entry);
      const promoted = this.promote(acc);
      this.enforceGlobal();
      this.emit([entry, ...promoted].filter((e) => this.byHash.has(e.hashHex)));
    } else {
      this.setQueued(acc, entry);
      this.enforceGlobal();
    }
    return { ok: true, tx: entry, pending: toPending };
  }

  /**
   * A new head: re-reads nonces and balances, drops mined and stale transactions (nonce below
   * the account nonce) and those the balance or the block gas limit no longer admits, demotes
   * what follows a gap, promotes what became executable, and re-applies the limits.
   */
  reset(state: PoolStateReader, baseFee: bigint | undefined, opts: ResetOptions = {}): void {
    this.state = state;
    this.baseFee = baseFee;
    if (opts.blobBaseFee !== undefined) this.blobBaseFee = opts.blobBaseFee;
    if (opts.blockGasLimit !== undefined) this.config.blockGasLimit = opts.blockGasLimit;
    if (opts.fork !== undefined) this.config.fork = opts.fork;
    const promoted: PooledTx[] = [];
    for (const [key, acc] of this.accounts) {
      const nonce = state.nonce(acc.sender);
      const balance = state.balance(acc.sender);
      const wasPending = new Set(acc.pending.map((e) => e.hashHex));
      const all = [...acc.pending, ...acc.queued.values()];
      for (const e of all) this.forget(e);
      acc.pending = [];
      acc.queued = new Map();
      acc.nonce = nonce;
      const keep = all
        .filter((e) => e.tx.nonce >= nonce && txCost(e.tx, this.blobGasPerBlob()) <= balance && e.tx.gasLimit <= this.config.blockGasLimit)
        .sort((a, b) => (a.tx.nonce < b.tx.nonce ? -1 : 1));
      for (const e of keep) this.setQueued(acc, e);
      for (const e of this.promote(acc)) if (!wasPending.has(e.hashHex)) promoted.push(e);
      this.trimAccountQueue(acc);
      if (acc.pending.length === 0 && acc.queued.size === 0) this.accounts.delete(key);
    }
    this.enforceGlobal();
    this.emit(promoted.filter((e) => this.byHash.has(e.hashHex)));
  }

  /** Removes one transaction (anvil_dropTransaction); later pending ones of its sender are demoted. */
  drop(hash: Uint8Array): boolean {
    const e = this.byHash.get(bytesToHex(hash));
    if (!e) return false;
    this.remove(e);
    return true;
  }

  clear(): void {
    this.accounts.clear();
    this.byHash.clear();
    this.pendingCount = 0;
    this.queuedCount = 0;
  }

  get(hash: Uint8Array): PooledTx | undefined {
    return this.byHash.get(bytesToHex(hash));
  }

  has(hash: Uint8Array): boolean {
    return this.byHash.has(bytesToHex(hash));
  }

  /** Executable transactions by sender (0x-hex key), each list in nonce order. */
  pending(): Map<string, PooledTx[]> {
    const out = new Map<string, PooledTx[]>();
    for (const [k, acc] of this.accounts) if (acc.pending.length > 0) out.set(k, [...acc.pending]);
    return out;
  }

  /** Non-executable transactions by sender, each list in nonce order. */
  queued(): Map<string, PooledTx[]> {
    const out = new Map<string, PooledTx[]>();
    for (const [k, acc] of this.accounts) {
      if (acc.queued.size > 0)
        out.set(
          k,
          [...acc.queued.values()].sort((a, b) => (a.tx.nonce < b.tx.nonce ? -1 : 1)),
        );
    }
    return out;
  }

  /** Pending transactions by effective tip across senders, nonce order within one (block building). */
  best(baseFee: bigint | undefined, blobBaseFee?: bigint): BestTransactions {
    return new BestTransactions([...this.pending().values()], baseFee, blobBaseFee ?? this.blobBaseFee);
  }

  /** The next nonce the pool expects from `address` (eth_getTransactionCount "pending"). */
  pendingNonce(address: Address): bigint {
    const acc = this.accounts.get(bytesToHex(address));
    return acc ? acc.nonce + BigInt(acc.pending.length) : this.state.nonce(address);
  }

  /** Counts for txpool_status (blob transactions included). */
  status(): { pending: number; queued: number } {
    let pending = 0;
    let queued = 0;
    for (const acc of this.accounts.values()) {
      pending += acc.pending.length;
      queued += acc.queued.size;
    }
    return { pending, queued };
  }

  /** The counts the global limits bound (non-blob transactions). */
  limitedCounts(): { pending: number; queued: number } {
    return { pending: this.pendingCount, queued: this.queuedCount };
  }

  // --- internals ---

  private blobGasPerBlob(): bigint {
    return txGasSchedule(this.config.fork).blobGasPerBlob;
  }

  /** Keeps the account (and the sender's local mark) once a transaction of it is admitted. */
  private store(key: string, acc: Account, local: boolean | undefined): void {
    this.accounts.set(key, acc);
    if (local) this.locals.add(key);
  }

  private atNonce(acc: Account, nonce: bigint): PooledTx | undefined {
    const i = nonce - acc.nonce;
    if (i >= 0n && i < BigInt(acc.pending.length)) return acc.pending[Number(i)];
    return acc.queued.get(nonce);
  }

  private isPending(acc: Account, e: PooledTx): boolean {
    return acc.pending.includes(e);
  }

  /** geth's ValidateTransactionWithState funds rules: the tx alone, then with the pending spend. */
  private checkFunds(acc: Account, tx: Transaction, existing: PooledTx | undefined): AddResult | undefined {
    const balance = this.state.balance(acc.sender);
    const perBlob = this.blobGasPerBlob();
    const cost = txCost(tx, perBlob);
    if (balance < cost) return fail("INSUFFICIENT_FUNDS", `balance ${balance}, tx cost ${cost}, overshot ${cost - balance}`);
    let spent = 0n;
    for (const e of acc.pending) spent += txCost(e.tx, perBlob);
    if (existing && this.isPending(acc, existing)) {
      const bump = cost - txCost(existing.tx, perBlob);
      const need = spent + bump;
      if (balance < need)
        return fail("INSUFFICIENT_FUNDS", `balance ${balance}, queued cost ${spent}, tx bumped ${bump}, overshot ${need - balance}`);
    } else if (balance < spent + cost) {
      return fail("INSUFFICIENT_FUNDS", `balance ${balance}, queued cost ${spent}, tx cost ${cost}, overshot ${spent + cost - balance}`);
    }
    return undefined;
  }

  private replace(acc: Account, old: PooledTx, entry: PooledTx): void {
    this.byHash.delete(old.hashHex);
    this.byHash.set(entry.hashHex, entry);
    const i = acc.pending.indexOf(old);
    if (i >= 0) {
      acc.pending[i] = entry;
      this.emit([entry]);
    } else {
      acc.queued.set(entry.tx.nonce, entry);
    }
  }

  private pushPending(acc: Account, e: PooledTx): void {
    acc.pending.push(e);
    this.byHash.set(e.hashHex, e);
    if (e.tx.type !== 3) this.pendingCount++;
  }

  private setQueued(acc: Account, e: PooledTx): void {
    acc.queued.set(e.tx.nonce, e);
    this.byHash.set(e.hashHex, e);
    if (e.tx.type !== 3) this.queuedCount++;
  }

  private unqueue(acc: Account, e: PooledTx): void {
    acc.queued.delete(e.tx.nonce);
    this.byHash.delete(e.hashHex);
    if (e.tx.type !== 3) this.queuedCount--;
  }

  /** Drops an entry from the index and counters (its list is rebuilt by the caller). */
  private forget(e: PooledTx): void {
    if (!this.byHash.delete(e.hashHex)) return;
    const acc = this.accounts.get(bytesToHex(e.sender));
    const pending = acc !== undefined && this.isPending(acc, e);
    if (e.tx.type !== 3) {
      if (pending) this.pendingCount--;
      else this.queuedCount--;
    }
  }

  /** Moves queued transactions that continue the pending run into pending, within the slots. */
  private promote(acc: Account): PooledTx[] {
    const out: PooledTx[] = [];
    const local = this.locals.has(bytesToHex(acc.sender));
    for (;;) {
      if (!local && acc.pending.length >= this.config.accountSlots) break;
      const next = acc.queued.get(acc.nonce + BigInt(acc.pending.length));
      if (!next) break;
      this.unqueue(acc, next);
      this.pushPending(acc, next);
      out.push(next);
    }
    return out;
  }

  /** Removes one entry; pending transactions after it can no longer execute and go back to queued. */
  private remove(e: PooledTx): void {
    const key = bytesToHex(e.sender);
    const acc = this.accounts.get(key);
    if (!acc) return;
    const i = acc.pending.indexOf(e);
    if (i >= 0) {
      const tail = acc.pending.slice(i + 1);
      for (const t of acc.pending.slice(i)) this.forget(t);
      acc.pending.length = i;
      for (const t of tail) this.setQueued(acc, t);
      this.trimAccountQueue(acc);
    } else if (acc.queued.get(e.tx.nonce) === e) {
      this.unqueue(acc, e);
    }
    if (acc.pending.length === 0 && acc.queued.size === 0) this.accounts.delete(key);
  }

  /** Keeps at most accountQueue queued transactions per account, dropping the highest nonces. */
  private trimAccountQueue(acc: Account): void {
    const limit =
      acc.pending[0]?.tx.type === 3 || acc.queued.values().next().value?.tx.type === 3
        ? this.config.blobAccountLimit
        : this.config.accountQueue;
    if (acc.queued.size <= limit) return;
    const nonces = [...acc.queued.keys()].sort((a, b) => (a < b ? 1 : -1));
    for (const n of nonces.slice(0, acc.queued.size - limit)) this.unqueue(acc, acc.queued.get(n)!);
  }

  /** The cheapest evictable (non-local, non-blob) transaction in pending or queued, excluding `sender`. */
  private cheapest(inPending: boolean, exclude: Address | undefined): PooledTx | undefined {
    let best: PooledTx | undefined;
    for (const [key, acc] of this.accounts) {
      if (this.locals.has(key) || (exclude && equalBytes(acc.sender, exclude))) continue;
      const list = inPending ? acc.pending : acc.queued.values();
      for (const e of list) {
        if (e.tx.type === 3) continue;
        if (!best || comparePrice(e.tx, best.tx, this.baseFee) < 0) best = e;
      }
    }
    return best;
  }

  /** Frees one slot in the region the new transaction goes to, or refuses it (geth's overflow rule). */
  private makeRoom(entry: PooledTx, toPending: boolean): AddResult | undefined {
    const full = toPending ? this.pendingCount >= this.config.globalSlots : this.queuedCount >= this.config.globalQueue;
    if (!full) return undefined;
    const victim = this.cheapest(toPending, entry.sender);
    if (!victim) return entry.local ? undefined : fail("TXPOOL_OVERFLOW");
    if (!entry.local && comparePrice(entry.tx, victim.tx, this.baseFee) <= 0) {
      return fail("UNDERPRICED", `gas tip cap ${tipCap(entry.tx)}, fee cap ${feeCap(entry.tx)}, cheapest in pool is not cheaper`);
    }
    this.remove(victim);
    return undefined;
  }

  /** After a reset or a promotion: evicts the cheapest non-local transactions above the global limits. */
  private enforceGlobal(): void {
    while (this.pendingCount > this.config.globalSlots) {
      const victim = this.cheapest(true, undefined);
      if (!victim) break;
      this.remove(victim);
    }
    while (this.queuedCount > this.config.globalQueue) {
      const victim = this.cheapest(false, undefined);
      if (!victim) break;
      this.remove(victim);
    }
  }

  private emit(entries: PooledTx[]): void {
    if (entries.length === 0 || this.listeners.size === 0) return;
    const hashes = entries.map((e) => e.hash);
    for (const l of this.listeners) l(hashes);
  }
}
