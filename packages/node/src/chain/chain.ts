/**
 * chain/chain: the block chain over a KvStore: genesis, block import, the canonical head, and
 * reads of everything stored (layout in schema.ts).
 *
 * Import: a block is verified and executed by execution's executeBlock on a StateDb opened at
 * its parent's state root (reading trie nodes and code from the database); then everything of
 * the block (header, body, receipts, total difficulty, log index, trie nodes, code) and the
 * canonical-chain changes it causes (canonical index, tx lookups, address index, head pointer)
 * are staged in one KvBatch and reach the database in ONE atomic write. Only after that write
 * returns does the in-memory head move. A rejected block stages nothing that is written.
 *
 * Head rule: post-Merge the consensus layer names the head; until it is wired, the newest valid
 * imported block becomes the head (what go-ethereum does when forkchoice follows each payload),
 * and `setHead` moves it to any stored block. Moving the head to another branch is a reorg:
 * canonical-only entries of the blocks leaving the chain are deleted, those of the blocks
 * joining it written, index entries above the new head deleted, all in the head's batch.
 * State needs no undo: tries are content-addressed, so every stored block's state stays
 * readable at its header's state root, and switching branches is switching roots.
 *
 * Crash safety: each write is one LMDB transaction flushed before it returns (kv/lmdb,
 * durability "flush") and carries the head pointer with the data it points to, so the
 * database always holds a prefix of the accepted chain: after a crash the head is the last
 * block whose write completed. `open` checks this: the head's header and canonical entry are
 * present and the trie root of its state is stored.
 */
import {
  type BlockAttributes,
  BlockBuilder,
  BlockValidationError,
  type BuiltBlock,
  blockFork,
  type ChainContext,
  createEngine,
  type ExecutionEngine,
  executeBlock,
} from "../execution/index.js";
import { KvBatch, type KvReader, type KvStore } from "../kv/index.js";
import type { ChainSpec, Fork, Genesis } from "../params/index.js";
import { type Address, bytesToBigint, bytesToHex, equalBytes, type Hash32, ZERO_HASH } from "../primitives/index.js";
import { StateDb, StateReadCache } from "../state/index.js";
import { CachedNodeStore, DecodedNodeCache } from "../trie/index.js";
import {
  type BlockBody,
  encodeBody,
  genesisBlock,
  type Receipt,
  recoverSender,
  type SealedBlock,
  type SealedHeader,
  type Transaction,
  transactionHash,
} from "../types/index.js";
import { hasStateRoot, type KnownBlockTxs, readBody, readHeader, stageBlock } from "./block-records.js";
import { ChainError } from "./errors.js";
import { historyKeys } from "./history.js";
import { decodeLogIndex, decodeReceipts, decodeTxLookup, encodeTxLookup, type IndexedLog, type TxLookup } from "./records.js";
import {
  addressRange,
  canonicalKey,
  codeKey,
  GENESIS_KEY,
  HEAD_KEY,
  headerKey,
  logsKey,
  parseAddressTxKey,
  receiptsKey,
  SCHEMA_VERSION,
  totalDifficultyKey,
  trieNodeKey,
  txLookupKey,
  VERSION_KEY,
} from "./schema.js";
import { type PendingRecovery, SenderRecovery } from "./sender-recovery.js";
import { PrefixedCodeStore, PrefixedNodeStore } from "./stores.js";

export type ChainImportResult = { ok: true; header: SealedHeader } | { ok: false; error: BlockValidationError };

/** What `importBlocks` did: how many blocks it stored, the head now, and why it stopped early. */
export interface BlocksImportResult {
  readonly imported: number;
  readonly head: SealedHeader;
  /** The verdict on block `imported`, which was not stored; undefined when all were. */
  readonly error?: BlockValidationError;
}

/** A canonical transaction listed under an address (address index `a`). */
export interface AddressTx {
  readonly blockNumber: bigint;
  readonly index: number;
  readonly txHash: Hash32;
}

/**
 * What the developer chain (dev-state.ts) plugs into a Chain: `stateRoot` maps a root about to
 * be opened to the one to open instead (the edited state of the head), `sender` names the sender
 * of a transaction that carries no real signature (an impersonated account's).
 */
export interface ChainDevHooks {
  readonly stateRoot: (root: Uint8Array) => Uint8Array | undefined;
  readonly sender: (txHash: Uint8Array) => Address | undefined;
  /** The state a block was built on when it was not its parent's header state (an edited head). */
  readonly preState?: (blockHash: Uint8Array) => Uint8Array | undefined;
}

/** How far back BLOCKHASH reaches. */
const BLOCKHASH_WINDOW = 256n;

export class Chain {
  private current: SealedHeader;
  private readonly engines = new Map<Fork, ExecutionEngine>();
  /** Dev-chain hooks (dev-state.ts): a state root standing in for the head's, and known senders. */
  private devHooks: ChainDevHooks | undefined;
  /**
   * Decoded trie nodes shared by every state this chain opens (bounded, trie/node-cache): nodes
   * are content-addressed, so entries never go stale, and each eth_call's fresh StateDb finds
   * the head state's nodes already decoded.
   */
  private readonly trieNodes = new DecodedNodeCache();
  /**
   * Accounts, slots and code those states read (state/read-cache): content-addressed facts as
   * well, so repeated reads at one root (eth_call, eth_getBalance) skip the trie walks.
   */
  private readonly stateReads = new StateReadCache();

  private constructor(
    readonly kv: KvStore,
    readonly spec: ChainSpec,
    readonly genesis: SealedHeader,
    head: SealedHeader,
  ) {
    this.current = head;
  }

  /**
   * Opens the chain in `kv`. An empty database gets the genesis (state, block, canonical
   * entry, head) in one atomic write; an existing one must hold this genesis and a head whose
   * state is stored. Throws ChainError otherwise.
   */
  static open(kv: KvStore, genesis: Genesis): Chain {
    const batch = new KvBatch(kv);
    const state = new StateDb({ nodes: new PrefixedNodeStore(batch), codes: new PrefixedCodeStore(batch) });
    for (const a of genesis.alloc) state.putAccount(a.address, { nonce: a.nonce, balance: a.balance, code: a.code, storage: a.storage });
    const commit = state.commit();
    const block = genesisBlock(genesis, commit.root as Hash32);
    const storedHead = kv.get(HEAD_KEY);
    if (storedHead === undefined) {
      if (kv.get(VERSION_KEY) !== undefined) throw new ChainError("the database has a schema version but no head");
      new PrefixedNodeStore(batch).write(commit.nodes);
      for (const { hash, code } of commit.codes) batch.put(codeKey(hash), code);
      stageBlock(batch, block, [], block.header.header.difficulty);
      batch.put(canonicalKey(block.header.header.number), block.header.hash);
      batch.put(VERSION_KEY, Uint8Array.of(SCHEMA_VERSION));
      batch.put(GENESIS_KEY, block.header.hash);
      batch.put(HEAD_KEY, block.header.hash);
      batch.commit();
      return new Chain(kv, genesis.spec, block.header, block.header);
    }
    batch.discard();
    const version = kv.get(VERSION_KEY);
    if (version === undefined || version.length !== 1 || version[0] !== SCHEMA_VERSION)
      throw new ChainError(
        `database schema version ${version === undefined ? "missing" : bytesToHex(version)}, expected ${SCHEMA_VERSION}`,
      );
    const storedGenesis = kv.get(GENESIS_KEY);
    if (storedGenesis === undefined || !equalBytes(storedGenesis, block.header.hash))
      throw new ChainError(
        `the database holds genesis ${storedGenesis === undefined ? "(none)" : bytesToHex(storedGenesis)}, this chain's is ${bytesToHex(block.header.hash)}`,
      );
    const head = readHeader(kv, storedHead);
    if (head === undefined) throw new ChainError(`head ${bytesToHex(storedHead)} has no stored header`);
    const canonical = kv.get(canonicalKey(head.header.number));
    if (canonical === undefined || !equalBytes(canonical, head.hash))
      throw new ChainError(`head ${bytesToHex(head.hash)} is not the canonical block at its number`);
    if (!hasStateRoot(kv, head.header.stateRoot))
      throw new ChainError(`the state root ${bytesToHex(head.header.stateRoot)} of head ${bytesToHex(head.hash)} is not stored`);
    return new Chain(kv, genesis.spec, block.header, head);
  }

  get head(): SealedHeader {
    return this.current;
  }

  // ---- import -----------------------------------------------------------------------------------

  /**
   * Validates, executes and stores `block`, which becomes the head. A known block is not
   * executed again; it becomes the head. An invalid block is a result and changes nothing.
   */
  importBlock(block: SealedBlock): ChainImportResult {
    const r = this.importBlocks([block]);
    return r.error === undefined ? { ok: true, header: r.head } : { ok: false, error: r.error };
  }

  /**
   * Imports `blocks` in order as ONE durable write: each block is validated and executed on the
   * state the blocks before it left (read through the batch, before anything reaches the
   * database) and staged in one KvBatch, which is written, head pointer included, in one
   * flushed transaction. Stops at the first invalid block: the valid blocks before it are
   * written and the last of them is the head, so the database always holds a prefix of the
   * accepted chain. A known block is not executed again; it becomes the head. Senders are
   * recovered on a second core while the blocks execute (sender-recovery.ts).
   */
  importBlocks(blocks: readonly SealedBlock[]): BlocksImportResult {
    const batch = new KvBatch(this.kv);
    const bodies = blocks.map((b) => encodeBody(b.body));
    const recovery = SenderRecovery.shared();
    const pending: (PendingRecovery | undefined)[] = blocks.map((b, i) => {
      const h = b.header.header;
      return recovery?.prefetch(b.body.transactions, bodies[i]!, blockFork(this.spec, h.number, h.timestamp), this.spec.chainId);
    });
    let head = this.current;
    let imported = 0;
    let error: BlockValidationError | undefined;
    // The state a block leaves is its child's starting state: the next block of the batch
    // continues on it (tries and accounts already in memory) instead of reopening the root.
    let warm: { hash: Uint8Array; state: StateDb } | undefined;
    try {
      for (let i = 0; i < blocks.length; i++) {
        const block = blocks[i]!;
        const reuse = warm !== undefined && equalBytes(warm.hash, block.header.header.parentHash) ? warm.state : undefined;
        warm = undefined;
        const r = this.stageImport(batch, block, head, bodies[i]!, reuse);
        pending[i]?.cancel();
        if (!r.ok) {
          error = r.error;
          break;
        }
        head = r.header;
        if (r.state !== undefined) warm = { hash: r.header.hash, state: r.state };
        imported++;
      }
    } catch (e) {
      batch.discard();
      throw e;
    } finally {
      for (const p of pending) p?.cancel();
    }
    if (batch.size > 0) batch.commit();
    else batch.discard();
    this.current = head;
    return error === undefined ? { imported, head } : { imported, head, error };
  }

  /**
   * Validates, executes and stages one block on top of `head` (staged or stored); writes
   * nothing. Executes on `parentState` when given (the state its parent left, same batch), else
   * on the parent's state root; returns the state the block leaves when it executed one.
   */
  private stageImport(
    batch: KvBatch,
    block: SealedBlock,
    head: SealedHeader,
    encodedBody: Uint8Array,
    parentState?: StateDb,
  ): ChainImportResult & { state?: StateDb } {
    const hash = block.header.hash;
    if (batch.has(headerKey(hash))) {
      // A known block becomes the head, as setHead does, inside this batch.
      if (equalBytes(hash, head.hash)) return { ok: true, header: head };
      const known = readHeader(batch, hash)!;
      if (!hasStateRoot(batch, known.header.stateRoot))
        throw new ChainError(`cannot set head: the state of ${bytesToHex(hash)} is not stored`);
      this.stageCanonical(batch, known, undefined, head);
      return { ok: true, header: known };
    }
    const parentHash = block.header.header.parentHash;
    const parent = readHeader(batch, parentHash);
    if (parent === undefined) {
      const code = equalBytes(parentHash, ZERO_HASH) ? "UNKNOWN_PARENT_ZERO" : "UNKNOWN_PARENT";
      return { ok: false, error: new BlockValidationError(code, `parent ${bytesToHex(parentHash)} is not stored`) };
    }
    let built: ReturnType<typeof executeBlock>;
    const state = parentState ?? this.stateAt(parent.header.stateRoot, batch);
    try {
      built = executeBlock(state, this.contextFor(parent, batch), block);
    } catch (e) {
      // Only a verdict on the block rejects it; anything else is a bug and surfaces as one.
      if (e instanceof BlockValidationError) return { ok: false, error: e };
      throw e;
    }
    // Trie nodes are fresh encodings the trie no longer holds as dirty: staged without a copy.
    for (const n of built.commit.nodes) batch.putOwned(trieNodeKey(n.key), n.value);
    for (const { hash: h, code } of built.commit.codes) batch.put(codeKey(h), code);
    const parentTdBytes = batch.get(totalDifficultyKey(parentHash));
    const parentTd = parentTdBytes === undefined ? 0n : bytesToBigint(parentTdBytes);
    stageBlock(batch, block, built.receipts, parentTd + block.header.header.difficulty, encodedBody);
    this.stageCanonical(batch, block.header, { hash, transactions: block.body.transactions, senders: built.senders }, head);
    return { ok: true, header: block.header, state };
  }

  /** Makes the stored block `hash` the head, rewriting the canonical chain if it is on another branch. */
  setHead(hash: Uint8Array): void {
    if (equalBytes(hash, this.current.hash)) return;
    const header = readHeader(this.kv, hash);
    if (header === undefined) throw new ChainError(`cannot set head: block ${bytesToHex(hash)} is not stored`);
    if (!hasStateRoot(this.kv, header.header.stateRoot))
      throw new ChainError(`cannot set head: the state of ${bytesToHex(hash)} is not stored`);
    const batch = new KvBatch(this.kv);
    this.stageCanonical(batch, header);
    batch.commit();
    this.current = header;
  }

  /**
   * Stages `newHead` as head: walks its branch back to the canonical chain, drops the
   * canonical-only entries of the old blocks above the fork point and writes those of the new
   * branch. Reads go through the batch, so a block staged in it counts as stored; `oldHead` is
   * the head the batch has reached (the stored head unless blocks are staged before).
   */
  private stageCanonical(batch: KvBatch, newHead: SealedHeader, known?: KnownBlockTxs, oldHead: SealedHeader = this.current): void {
    const branch: SealedHeader[] = [];
    let h: SealedHeader = newHead;
    for (;;) {
      const c = batch.get(canonicalKey(h.header.number));
      if (c !== undefined && equalBytes(c, h.hash)) break;
      branch.push(h);
      const parent = readHeader(batch, h.header.parentHash);
      if (parent === undefined) throw new ChainError(`block ${bytesToHex(h.hash)} does not connect to the canonical chain`);
      h = parent;
    }
    const forkNumber = h.header.number;
    // Deletes first: a transaction in both branches is deleted, then written for its new block.
    for (let n = forkNumber + 1n; n <= oldHead.header.number; n++) {
      const old = batch.get(canonicalKey(n));
      if (old === undefined) continue;
      this.stageTxIndex(batch, readHeader(batch, old)!, "del");
      if (n > newHead.header.number) batch.del(canonicalKey(n));
    }
    for (let i = branch.length - 1; i >= 0; i--) {
      const b = branch[i]!;
      batch.put(canonicalKey(b.header.number), b.hash);
      this.stageTxIndex(batch, b, "put", known !== undefined && equalBytes(known.hash, b.hash) ? known : undefined);
    }
    batch.put(HEAD_KEY, newHead.hash);
  }

  /**
   * Writes or deletes the tx lookups and address entries of a block's transactions. The block
   * being imported passes its transactions and the senders execution already recovered, so
   * import neither decodes the body again nor recovers each signature a second time.
   */
  private stageTxIndex(batch: KvBatch, header: SealedHeader, op: "put" | "del", known?: KnownBlockTxs): void {
    let transactions = known?.transactions;
    if (transactions === undefined) {
      const body = readBody(batch, header.hash);
      if (body === undefined) throw new ChainError(`block ${bytesToHex(header.hash)} has no stored body`);
      transactions = body.transactions;
    }
    const number = header.header.number;
    const rules = { fork: blockFork(this.spec, number, header.header.timestamp), chainId: this.spec.chainId };
    transactions.forEach((tx, index) => {
      const txHash = transactionHash(tx);
      const sender = known?.senders[index] ?? this.senderOf(tx, rules);
      const keys = historyKeys(tx, sender, number, index);
      if (op === "put") {
        batch.putOwned(txLookupKey(txHash), encodeTxLookup({ blockHash: header.hash, blockNumber: number, index }));
        for (const k of keys) batch.putOwned(k, txHash);
      } else {
        batch.del(txLookupKey(txHash));
        for (const k of keys) batch.del(k);
      }
    });
  }

  private senderOf(tx: Transaction, rules: { fork: Fork; chainId: bigint }): Address {
    const known = this.knownSender(tx);
    if (known !== undefined) return known;
    const r = recoverSender(tx, rules);
    // A stored block was validated, so its signatures recover.
    if (!r.ok) throw new ChainError(`a stored transaction has no sender: ${r.error.message}`);
    return r.value.sender;
  }

  /** The sender of `tx`, stored in the block of `header`: the dev hooks' (impersonated) or recovered. */
  storedSender(tx: Transaction, header: SealedHeader): Address {
    const h = header.header;
    return this.senderOf(tx, { fork: blockFork(this.spec, h.number, h.timestamp), chainId: this.spec.chainId });
  }

  // ---- developer chain --------------------------------------------------------------------------

  /** Installs the developer chain's hooks (dev-state.ts); undefined removes them. */
  setDevHooks(hooks: ChainDevHooks | undefined): void {
    this.devHooks = hooks;
  }

  /** The sender the dev hooks know for `tx` (an impersonated one), else undefined: recover it. */
  knownSender(tx: Transaction): Address | undefined {
    return this.devHooks?.sender(transactionHash(tx));
  }

  /**
   * The state root `header`'s block executed on: its parent's state root, or on a developer
   * chain the edited state its parent had as head (dev-state.ts). Replays (tracing) open this.
   */
  preStateRoot(header: SealedHeader): Uint8Array | undefined {
    const edited = this.devHooks?.preState?.(header.hash);
    if (edited !== undefined) return edited;
    return readHeader(this.kv, header.header.parentHash)?.header.stateRoot;
  }

  /**
   * Stores a block this node built itself with `builder(parent)` and makes it the head, without
   * executing it again: the builder ran the very code path import runs (block-executor), and a
   * developer chain's blocks may break import rules on purpose (a base fee or gas limit set by
   * hand, impersonated senders without signatures). `stage` adds records to the same atomic write.
   */
  importBuilt(built: BuiltBlock, stage?: (batch: KvBatch) => void): SealedHeader {
    return this.importBuiltMany(1, () => ({ built, stage }))[0]!;
  }

  /**
   * Builds and stores `count` blocks one on another in ONE durable write (anvil_mine of many
   * blocks: one flush instead of one per block). `next` gets each block's parent, which may be
   * staged but not yet written, and the batch to read state through (`builder(parent, attrs,
   * batch)`); it returns the built block and records to stage with it. The head moves to the
   * last block once the write returns; a throw from `next` writes nothing.
   */
  importBuiltMany(
    count: number,
    next: (parent: SealedHeader, batch: KvBatch) => { built: BuiltBlock; stage?: ((batch: KvBatch) => void) | undefined },
  ): SealedHeader[] {
    const batch = new KvBatch(this.kv);
    let head = this.current;
    const out: SealedHeader[] = [];
    for (let i = 0; i < count; i++) {
      const { built, stage } = next(head, batch);
      const block = built.block;
      const hash = block.header.hash;
      const parentHash = block.header.header.parentHash;
      if (batch.has(headerKey(hash))) {
        // built again after a revert: the same block, already stored; it becomes the head
        this.stageCanonical(batch, block.header, undefined, head);
      } else {
        if (readHeader(batch, parentHash) === undefined) throw new ChainError(`parent ${bytesToHex(parentHash)} is not stored`);
        new PrefixedNodeStore(batch).write(built.commit.nodes);
        for (const { hash: h, code } of built.commit.codes) batch.put(codeKey(h), code);
        const parentTd = batch.get(totalDifficultyKey(parentHash));
        stageBlock(batch, block, built.receipts, (parentTd === undefined ? 0n : bytesToBigint(parentTd)) + block.header.header.difficulty);
        this.stageCanonical(batch, block.header, { hash, transactions: block.body.transactions, senders: built.senders }, head);
        stage?.(batch);
      }
      head = block.header;
      out.push(head);
    }
    batch.commit();
    this.current = head;
    return out;
  }

  // ---- execution context ------------------------------------------------------------------------

  /** A StateDb at `root` over the stored tries and code (or those of `kv`, a batch over them). */
  stateAt(root: Uint8Array, kv: KvStore | KvBatch = this.kv): StateDb {
    root = this.devHooks?.stateRoot(root) ?? root;
    const nodes = new CachedNodeStore(new PrefixedNodeStore(kv), this.trieNodes);
    return new StateDb({ nodes, codes: new PrefixedCodeStore(kv), root, reads: this.stateReads });
  }

  hasState(root: Uint8Array): boolean {
    return hasStateRoot(this.kv, root);
  }

  /** What executing a child of `parent` needs: spec, BLOCKHASH over the stored chain (or `kv`), engines. */
  contextFor(parent: SealedHeader, kv: KvReader = this.kv): ChainContext {
    return { spec: this.spec, parent, ancestorHash: (n) => this.ancestorHash(parent, n, kv), engineFor: (f) => this.engineFor(f) };
  }

  /**
   * A BlockBuilder for a child of `parent`, for block production; import its block to keep it.
   * `kv`: a batch holding staged blocks the parent may be one of (importBuiltMany).
   */
  builder(parent: SealedHeader, attributes: BlockAttributes, kv: KvStore | KvBatch = this.kv): BlockBuilder {
    return new BlockBuilder(this.stateAt(parent.header.stateRoot, kv), this.contextFor(parent, kv), attributes);
  }

  private engineFor(fork: Fork): ExecutionEngine {
    let e = this.engines.get(fork);
    if (e === undefined) {
      e = createEngine(fork);
      this.engines.set(fork, e);
    }
    return e;
  }

  /** Hash of ancestor `n` of a child of `parent`; zero outside the BLOCKHASH window. */
  private ancestorHash(parent: SealedHeader, n: bigint, kv: KvReader): Uint8Array {
    const top = parent.header.number;
    if (n > top || n + BLOCKHASH_WINDOW <= top) return ZERO_HASH;
    let h: SealedHeader | undefined = parent;
    while (h !== undefined && h.header.number > n) {
      // Once the walk reaches the canonical chain, the canonical index answers directly.
      const c = kv.get(canonicalKey(h.header.number));
      if (c !== undefined && equalBytes(c, h.hash)) return kv.get(canonicalKey(n)) ?? ZERO_HASH;
      h = readHeader(kv, h.header.parentHash);
    }
    return h?.hash ?? ZERO_HASH;
  }

  // ---- reads ------------------------------------------------------------------------------------

  canonicalHash(number: bigint): Hash32 | undefined {
    return this.kv.get(canonicalKey(number)) as Hash32 | undefined;
  }

  getHeader(hash: Uint8Array): SealedHeader | undefined {
    return readHeader(this.kv, hash);
  }

  getHeaderByNumber(number: bigint): SealedHeader | undefined {
    const hash = this.canonicalHash(number);
    return hash === undefined ? undefined : readHeader(this.kv, hash);
  }

  getBody(hash: Uint8Array): BlockBody | undefined {
    return readBody(this.kv, hash);
  }

  getBlock(hash: Uint8Array): SealedBlock | undefined {
    const header = readHeader(this.kv, hash);
    const body = header === undefined ? undefined : readBody(this.kv, hash);
    return header === undefined || body === undefined ? undefined : { header, body };
  }

  getBlockByNumber(number: bigint): SealedBlock | undefined {
    const hash = this.canonicalHash(number);
    return hash === undefined ? undefined : this.getBlock(hash);
  }

  getReceipts(hash: Uint8Array): Receipt[] | undefined {
    const bytes = this.kv.get(receiptsKey(hash));
    return bytes === undefined ? undefined : decodeReceipts(bytes);
  }

  getReceiptsByNumber(number: bigint): Receipt[] | undefined {
    const hash = this.canonicalHash(number);
    return hash === undefined ? undefined : this.getReceipts(hash);
  }

  getTotalDifficulty(hash: Uint8Array): bigint | undefined {
    const bytes = this.kv.get(totalDifficultyKey(hash));
    return bytes === undefined ? undefined : bytesToBigint(bytes);
  }

  /** Where a canonical transaction is; undefined for unknown or non-canonical transactions. */
  getTransactionLookup(txHash: Uint8Array): TxLookup | undefined {
    const bytes = this.kv.get(txLookupKey(txHash));
    return bytes === undefined ? undefined : decodeTxLookup(bytes);
  }

  getTransaction(txHash: Uint8Array): { tx: Transaction; lookup: TxLookup } | undefined {
    const lookup = this.getTransactionLookup(txHash);
    if (lookup === undefined) return undefined;
    const tx = readBody(this.kv, lookup.blockHash)?.transactions[lookup.index];
    return tx === undefined ? undefined : { tx, lookup };
  }

  /** The block's log index (schema `l`), whether or not the block is canonical. */
  getLogIndex(header: SealedHeader): IndexedLog[] | undefined {
    const bytes = this.kv.get(logsKey(header.header.number, header.hash));
    return bytes === undefined ? undefined : decodeLogIndex(bytes);
  }

  /** Canonical transactions sent by or to `address`, or creating it, oldest first (pages: history.ts). */
  *transactionsOf(address: Address): Iterable<AddressTx> {
    for (const { key, value } of this.kv.iterate(addressRange(address))) {
      const { number, index } = parseAddressTxKey(key);
      yield { blockNumber: number, index, txHash: value.slice() as Hash32 };
    }
  }
}
