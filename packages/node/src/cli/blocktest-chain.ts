/**
 * cli/blocktest-chain: the in-memory block tree a blockchain test imports into. Blocks may
 * extend any known block (side chains), so each is executed on a StateDb opened at its parent's
 * state root over one shared node and code store; only an accepted block's trie nodes and code
 * are written, and only an accepted block enters the tree: a rejected one leaves nothing behind
 * that any later block could see.
 *
 * Head rule: these are post-Merge chains, where the consensus layer names the head; a test's
 * blocks arrive as go-ethereum's test runner inserts them, each valid block becoming the head
 * (forkchoice follows the latest payload). So the head is the most recently imported valid
 * block, whatever its height or branch.
 */
import { BlockValidationError, type ChainContext, createEngine, type ExecutionEngine, executeBlock } from "../execution/index.js";
import type { ChainSpec, Fork } from "../params/index.js";
import { bytesToUnprefixedHex, equalBytes, ZERO_HASH } from "../primitives/index.js";
import { type MemoryCodeStore, StateDb } from "../state/index.js";
import type { MemoryNodeStore } from "../trie/index.js";
import { BlockError, decodeBlock, type SealedBlock, type SealedHeader } from "../types/index.js";

/** A rejected block: it does not decode (BlockError) or breaks a rule (BlockValidationError). */
export type ImportResult = { ok: true; header: SealedHeader } | { ok: false; error: BlockError | BlockValidationError };

/** How far back BLOCKHASH reaches. */
const BLOCKHASH_WINDOW = 256n;

function key(hash: Uint8Array): string {
  return bytesToUnprefixedHex(hash);
}

export class BlockTree {
  private readonly headers = new Map<string, SealedHeader>();
  private current: SealedHeader;

  constructor(
    private readonly spec: ChainSpec,
    genesis: SealedHeader,
    private readonly nodes: MemoryNodeStore,
    private readonly codes: MemoryCodeStore,
    private readonly engineFor: (fork: Fork) => ExecutionEngine,
  ) {
    this.headers.set(key(genesis.hash), genesis);
    this.current = genesis;
  }

  get head(): SealedHeader {
    return this.current;
  }

  /** Decodes, validates and executes one block; a valid block becomes the head. */
  importRlp(bytes: Uint8Array): ImportResult {
    let block: SealedBlock;
    try {
      block = decodeBlock(bytes);
    } catch (e) {
      if (e instanceof BlockError) return { ok: false, error: e };
      throw e;
    }
    return this.importBlock(block);
  }

  importBlock(block: SealedBlock): ImportResult {
    const known = this.headers.get(key(block.header.hash));
    if (known !== undefined) {
      this.current = known;
      return { ok: true, header: known };
    }
    const parentHash = block.header.header.parentHash;
    const parent = this.headers.get(key(parentHash));
    if (parent === undefined) {
      const zero = equalBytes(parentHash, ZERO_HASH);
      return {
        ok: false,
        error: new BlockValidationError(zero ? "UNKNOWN_PARENT_ZERO" : "UNKNOWN_PARENT", "no known block is the parent"),
      };
    }
    const state = new StateDb({ nodes: this.nodes, codes: this.codes, root: parent.header.stateRoot });
    const chain: ChainContext = {
      spec: this.spec,
      parent,
      ancestorHash: (n) => this.ancestorHash(parent, n),
      engineFor: this.engineFor,
    };
    try {
      const built = executeBlock(state, chain, block);
      this.nodes.write(built.commit.nodes);
      for (const { hash, code } of built.commit.codes) this.codes.putCode(hash, code);
    } catch (e) {
      // Only a verdict on the block rejects it; anything else is a bug and surfaces as one.
      if (e instanceof BlockValidationError) return { ok: false, error: e };
      throw e;
    }
    this.headers.set(key(block.header.hash), block.header);
    this.current = block.header;
    return { ok: true, header: block.header };
  }

  /** Hash of the ancestor numbered `n` of a block whose parent is `parent`; zero outside the window. */
  private ancestorHash(parent: SealedHeader, n: bigint): Uint8Array {
    const top = parent.header.number;
    if (n > top || n + BLOCKHASH_WINDOW <= top) return ZERO_HASH;
    let h: SealedHeader | undefined = parent;
    while (h !== undefined && h.header.number > n) h = this.headers.get(key(h.header.parentHash));
    return h?.hash ?? ZERO_HASH;
  }
}

/** One engine per fork, built on first use. */
export function engineCache(): (fork: Fork) => ExecutionEngine {
  const engines = new Map<Fork, ExecutionEngine>();
  return (fork) => {
    let e = engines.get(fork);
    if (e === undefined) {
      e = createEngine(fork);
      engines.set(fork, e);
    }
    return e;
  };
}
