/**
 * cli/statetest-runner: runs the state tests of one fixture file (see statetest.ts for the
 * command and the pass rule). Each test's pre-state is built and stored once; each post entry
 * then opens its own StateDb at that root, applies the entry's transaction through the
 * execution phases and compares the state root and logs hash with the fixture's.
 * Never throws for bad input: every problem becomes a failed entry with the reason.
 */
import { readFileSync } from "node:fs";
import { keccak256 } from "../crypto/index.js";
import { eip3155Line, supportedForks, type Tracer, type TraceStep } from "../evm/index.js";
import { applyTransaction, type BlockEnv, createEngine, type ExecutionEngine } from "../execution/index.js";
import { blobParamsFor, type Fork, isFork } from "../params/index.js";
import { bytesToHex, equalBytes, type Hash32, utf8ToBytes } from "../primitives/index.js";
import { type Log, MemoryCodeStore, StateDb } from "../state/index.js";
import { MemoryNodeStore } from "../trie/index.js";
import { logsHash, type Transaction, tryDecodeTransaction } from "../types/index.js";
import { fileErrorEntry, type RunnerOptions, type StateTestEntry } from "./statetest-entry.js";
import {
  buildTransaction,
  FixtureError,
  type PostEntry,
  parsePostEntry,
  parseStateTest,
  postsOf,
  type StateTest,
} from "./statetest-fixture.js";

const SUPPORTED = new Set<string>(supportedForks());
const EMPTY_LOGS_HASH: Uint8Array = logsHash([]);

/** The fixture's `logs` field: keccak256(rlp(logs)) of the transaction's logs. */
function txLogsHash(logs: readonly Log[]): Uint8Array {
  return logsHash(logs.map((l) => ({ address: l.address, topics: l.topics as Hash32[], data: l.data })));
}

/** BLOCKHASH in state tests is keccak256 of the block number written in decimal. */
function testBlockHash(n: bigint): Uint8Array {
  return keccak256(utf8ToBytes(n.toString()));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Writes EIP-3155 step lines to a buffer flushed to stderr after each entry. */
class StderrTracer implements Tracer {
  lines: string[] = [];
  step(step: TraceStep): void {
    this.lines.push(eip3155Line(step));
    if (this.lines.length >= 4096) this.flush();
  }
  flush(): void {
    if (this.lines.length === 0) return;
    process.stderr.write(`${this.lines.join("\n")}\n`);
    this.lines = [];
  }
}

/** One runner per command: engines are reused across entries of the same fork. */
export class StateTestRunner {
  private readonly engines = new Map<Fork, ExecutionEngine>();
  private readonly tracer: StderrTracer | undefined;

  constructor(private readonly options: RunnerOptions) {
    this.tracer = options.trace ? new StderrTracer() : undefined;
  }

  private engine(fork: Fork): ExecutionEngine {
    let e = this.engines.get(fork);
    if (e === undefined) {
      e = createEngine(fork, this.tracer);
      this.engines.set(fork, e);
    }
    return e;
  }

  runFile(path: string): StateTestEntry[] {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      return [this.fileError(path, `cannot read fixture: ${message(e)}`)];
    }
    if (typeof json !== "object" || json === null || Array.isArray(json))
      return [this.fileError(path, "fixture must be a JSON object of tests")];
    const out: StateTestEntry[] = [];
    for (const [name, test] of Object.entries(json)) this.runTest(name, test, out);
    return out;
  }

  private fileError(path: string, error: string): StateTestEntry {
    return fileErrorEntry(path, this.options.fork, error);
  }

  private runTest(name: string, raw: unknown, out: StateTestEntry[]): void {
    let posts: [string, unknown[]][];
    try {
      posts = postsOf(raw);
    } catch (e) {
      out.push({ name, index: -1, fork: this.options.fork ?? "", pass: false, stateRoot: "", error: message(e) });
      return;
    }
    let test: StateTest | undefined;
    let testError: string | undefined;
    let pre: PreState | undefined;
    for (const [forkName, entries] of posts) {
      const fork = isFork(forkName) ? forkName : undefined;
      if (this.options.fork !== undefined && fork !== this.options.fork) continue;
      for (let i = 0; i < entries.length; i++) {
        const entry: StateTestEntry = { name, index: i, fork: forkName, pass: false, stateRoot: "", error: null };
        out.push(entry);
        if (fork === undefined || !SUPPORTED.has(fork)) {
          entry.error = "unsupported fork";
          continue;
        }
        try {
          if (test === undefined && testError === undefined) {
            try {
              test = parseStateTest(raw);
              pre = buildPreState(test);
            } catch (e) {
              testError = message(e);
            }
          }
          if (testError !== undefined) throw new FixtureError(testError);
          const post = parsePostEntry(entries[i], `post.${forkName}[${i}]`);
          this.runEntry(test!, pre!, fork, post, entry);
        } catch (e) {
          entry.pass = false;
          entry.error = e instanceof FixtureError ? `bad fixture: ${e.message}` : `internal error: ${message(e)}`;
        }
      }
    }
  }

  private runEntry(test: StateTest, pre: PreState, fork: Fork, post: PostEntry, entry: StateTestEntry): void {
    const env: BlockEnv = {
      fork,
      chainId: test.chainId,
      coinbase: test.env.coinbase,
      number: test.env.number,
      timestamp: test.env.timestamp,
      gasLimit: test.env.gasLimit,
      prevRandao: test.env.prevRandao,
      baseFee: test.env.baseFee,
      excessBlobGas: test.env.excessBlobGas,
      blobParams: test.blobSchedule[fork] ?? blobParamsFor(fork),
      blockHash: testBlockHash,
    };
    let tx: Transaction | undefined;
    let rejection: string | undefined;
    if (post.txbytes !== undefined) {
      const decoded = tryDecodeTransaction(post.txbytes);
      if (decoded.ok) tx = decoded.value;
      else rejection = decoded.error.message;
    } else {
      tx = buildTransaction(test.transaction, post.indexes, test.chainId);
    }

    const state = new StateDb({ nodes: pre.nodes, codes: pre.codes, root: pre.root });
    let logs = EMPTY_LOGS_HASH;
    let output: Uint8Array = new Uint8Array(0);
    let gasUsed = 0n;
    if (tx !== undefined) {
      const result = applyTransaction(state, this.engine(fork), env, tx);
      if (result.ok) {
        logs = txLogsHash(result.value.logs);
        output = result.value.output;
        gasUsed = result.value.gasUsed;
      } else {
        rejection = result.error.message;
      }
    }
    const root = state.computeRoot();
    entry.stateRoot = bytesToHex(root);
    const errors: string[] = [];
    if (post.expectException !== undefined && rejection === undefined)
      errors.push(`expected ${post.expectException}, but the transaction was included`);
    if (post.expectException === undefined && rejection !== undefined) errors.push(`transaction rejected: ${rejection}`);
    if (!equalBytes(root, post.hash)) errors.push(`state root ${entry.stateRoot}, expected ${bytesToHex(post.hash)}`);
    if (!equalBytes(logs, post.logs)) errors.push(`logs hash ${bytesToHex(logs)}, expected ${bytesToHex(post.logs)}`);
    entry.pass = errors.length === 0;
    entry.error = entry.pass ? null : errors.join("; ");
    if (this.tracer !== undefined) {
      this.tracer.flush();
      const summary = {
        stateRoot: entry.stateRoot,
        output: bytesToHex(output),
        gasUsed: `0x${gasUsed.toString(16)}`,
        pass: entry.pass,
        name: entry.name,
        index: entry.index,
        fork: entry.fork,
        ...(rejection !== undefined ? { rejected: rejection } : {}),
        ...(entry.error !== null ? { error: entry.error } : {}),
      };
      process.stderr.write(`${JSON.stringify(summary)}\n`);
    }
  }
}

interface PreState {
  nodes: MemoryNodeStore;
  codes: MemoryCodeStore;
  root: Uint8Array;
}

/** The pre-state, stored once per test; each entry opens its own StateDb at its root. */
function buildPreState(test: StateTest): PreState {
  const nodes = new MemoryNodeStore();
  const codes = new MemoryCodeStore();
  const state = new StateDb({ nodes, codes });
  for (const [address, init] of test.pre) state.putAccount(address, init);
  return { nodes, codes, root: state.persist(codes) };
}
