/**
 * cli/blocktest-runner: runs the blockchain tests of one fixture file (see blocktest.ts for the
 * command). Per test:
 *
 *   1. the genesis state is built from `pre`, and the genesis header from the network's chain
 *      spec, the fixture's genesis fields and that state's root; its hash must equal
 *      genesisBlockHeader.hash;
 *   2. each block's `rlp` is offered in order to an in-memory block tree (blocktest-chain.ts):
 *      a block with `expectException` must be rejected (for any reason: decoding, header rules,
 *      execution); a block without it must be imported;
 *   3. the head must be `lastblockhash`, and its state must hold exactly the `postState`
 *      accounts (each account's balance, nonce, code and storage are compared for the message,
 *      then the state root of `postState` rebuilt on its own for exactness), or have the root
 *      `postStateHash`.
 * Never throws for bad input: every problem becomes a failed entry with the reason.
 */
import { readFileSync } from "node:fs";
import { supportedForks } from "../evm/index.js";
import type { ExecutionEngine } from "../execution/index.js";
import { type Fork, forkAtLeast } from "../params/index.js";
import { type Address, bytesToHex, equalBytes, type Hash32 } from "../primitives/index.js";
import { type AccountInit, MemoryCodeStore, StateDb } from "../state/index.js";
import { MemoryNodeStore } from "../trie/index.js";
import { genesisHeader, sealHeader } from "../types/index.js";
import { BlockTree, engineCache } from "./blocktest-chain.js";
import { type BlockTestEntry, fileErrorEntry } from "./blocktest-entry.js";
import { type BlockTest, networkOf, parseBlockTest } from "./blocktest-fixture.js";
import { FixtureError, hexBytes } from "./statetest-fixture.js";

const SUPPORTED = new Set<string>(supportedForks());
/** Mismatches listed in one error message at most. */
const MAX_REPORTED = 5;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class BlockTestRunner {
  private readonly engineFor: (fork: Fork) => ExecutionEngine = engineCache();

  runFile(path: string): BlockTestEntry[] {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      return [fileErrorEntry(path, `cannot read fixture: ${message(e)}`)];
    }
    if (typeof json !== "object" || json === null || Array.isArray(json))
      return [fileErrorEntry(path, "fixture must be a JSON object of tests")];
    const out: BlockTestEntry[] = [];
    for (const [name, raw] of Object.entries(json)) out.push(this.runTest(name, raw));
    return out;
  }

  private runTest(name: string, raw: unknown): BlockTestEntry {
    const entry: BlockTestEntry = { name, fork: networkOf(raw), pass: false, lastblockhash: "", error: null };
    try {
      const test = parseBlockTest(raw);
      const errors = this.check(test, entry);
      entry.pass = errors.length === 0;
      entry.error = entry.pass ? null : errors.join("; ");
    } catch (e) {
      entry.pass = false;
      entry.error = e instanceof FixtureError ? `bad fixture: ${e.message}` : `internal error: ${message(e)}`;
    }
    return entry;
  }

  /** Runs one parsed test; returns what went wrong (nothing when it passes). */
  private check(test: BlockTest, entry: BlockTestEntry): string[] {
    const unsupported = this.unsupportedFork(test);
    if (unsupported !== undefined) return [`unsupported fork ${unsupported}`];

    const nodes = new MemoryNodeStore();
    const codes = new MemoryCodeStore();
    const pre = new StateDb({ nodes, codes });
    for (const [address, init] of test.pre) pre.putAccount(address, init);
    const root = pre.persist(codes) as Hash32;
    const genesis = sealHeader(genesisHeader(test.genesis, root));
    entry.lastblockhash = bytesToHex(genesis.hash);
    if (!equalBytes(genesis.hash, test.genesisHash)) {
      const rootNote = equalBytes(root, test.genesisStateRoot)
        ? ""
        : ` (genesis state root ${bytesToHex(root)}, expected ${bytesToHex(test.genesisStateRoot)})`;
      return [`genesis hash ${bytesToHex(genesis.hash)}, expected ${bytesToHex(test.genesisHash)}${rootNote}`];
    }

    const tree = new BlockTree(test.spec, genesis, nodes, codes, this.engineFor);
    for (let i = 0; i < test.blocks.length; i++) {
      const block = test.blocks[i]!;
      let rejection: Error | undefined;
      try {
        const result = tree.importRlp(hexBytes(block.rlp, `blocks[${i}].rlp`));
        if (!result.ok) rejection = result.error;
      } catch (e) {
        if (!(e instanceof FixtureError)) throw e;
        // Not even hex: a block that cannot be decoded, which the chain rejects.
        rejection = e;
      }
      entry.lastblockhash = bytesToHex(tree.head.hash);
      if (block.expectException !== undefined && rejection === undefined)
        return [`block ${i}: expected ${block.expectException}, but it was imported`];
      if (block.expectException === undefined && rejection !== undefined) return [`block ${i} rejected: ${rejection.message}`];
    }

    const errors: string[] = [];
    if (!equalBytes(tree.head.hash, test.lastblockhash))
      errors.push(`last block hash ${entry.lastblockhash}, expected ${bytesToHex(test.lastblockhash)}`);
    const headRoot = tree.head.header.stateRoot;
    if (test.postState !== undefined) errors.push(...comparePostState(new StateDb({ nodes, codes, root: headRoot }), test.postState));
    else if (test.postStateHash !== undefined && !equalBytes(headRoot, test.postStateHash))
      errors.push(`head state root ${bytesToHex(headRoot)}, expected ${bytesToHex(test.postStateHash)}`);
    return errors;
  }

  /**
   * The first fork the test's blocks may run under that the EVM does not implement, if any.
   * Blocks before the Merge are refused by the executor itself (UNSUPPORTED_FORK).
   */
  private unsupportedFork(test: BlockTest): string | undefined {
    for (const fork of Object.keys(test.spec.activations) as Fork[]) if (forkAtLeast(fork, "Paris") && !SUPPORTED.has(fork)) return fork;
    return undefined;
  }
}

/** The head's accounts against `postState`: field by field for the message, then by root for exactness. */
function comparePostState(state: StateDb, expected: [Address, AccountInit][]): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (out.length < MAX_REPORTED) out.push(s);
  };
  for (const [address, want] of expected) {
    const a = bytesToHex(address);
    if (!state.exists(address)) {
      add(`post state: ${a} is missing`);
      continue;
    }
    const balance = state.getBalance(address);
    if (balance !== (want.balance ?? 0n)) add(`post state: ${a} balance ${balance}, expected ${want.balance}`);
    const nonce = state.getNonce(address);
    if (nonce !== (want.nonce ?? 0n)) add(`post state: ${a} nonce ${nonce}, expected ${want.nonce}`);
    if (!equalBytes(state.getCode(address), want.code ?? new Uint8Array(0))) add(`post state: ${a} code differs`);
    for (const [slot, value] of want.storage ?? []) {
      const got = state.getStorage(address, slot);
      if (got !== value) add(`post state: ${a} storage[0x${slot.toString(16)}] = 0x${got.toString(16)}, expected 0x${value.toString(16)}`);
    }
  }
  const rebuilt = new StateDb();
  for (const [address, init] of expected) rebuilt.putAccount(address, init);
  const want = rebuilt.computeRoot();
  const got = state.computeRoot();
  if (!equalBytes(want, got))
    out.push(
      `head state root ${bytesToHex(got)}, postState gives ${bytesToHex(want)}${out.length === 0 ? " (accounts or slots beyond those listed)" : ""}`,
    );
  return out;
}
