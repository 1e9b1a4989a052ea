/**
 * cli/bench-evm-cairn: Cairn's engines for `cairn bench evm`.
 *
 * - `cairn`: `Evm.executeMessage` over `MemoryHost` (the in-memory Host port with its journal).
 *   This is the like-for-like counterpart of @ethereumjs/evm's `runCall` over its in-memory
 *   SimpleStateManager, and the figure the ratios are computed from.
 * - `cairn-state`: the same EVM over the execution layer's `StateHost` adapter on a `StateDb`
 *   (src/state) whose pre-state was committed to an in-memory trie node store, as a block's
 *   transactions see it. The difference between the two is the cost of the state layer.
 *
 * Both start each run as a transaction does (fresh transaction scope, sender, recipient and
 * precompiles warm, EIP-2929) and revert to the post-deployment state afterwards, outside the
 * timed region, so every run sees the same state.
 */
import { type BlockContext, type Host, MemoryHost, precompileAddresses, type TxContext } from "../evm/index.js";
import { createEngine, StateHost } from "../execution/index.js";
import type { Fork } from "../params/index.js";
import { type Address, bytesToHex } from "../primitives/index.js";
import { MemoryCodeStore, StateDb } from "../state/index.js";
import { BENCH_GAS_LIMIT, type Engine, elapsedMs, type PreparedWorkload, type RunResult } from "./bench-evm-engine.js";

export const BENCH_FORK: Fork = "Prague";

/** The account that deploys and calls every workload. */
export const BENCH_SENDER = addressOf(0x10000000n);

function addressOf(n: bigint): Address {
  const a = new Uint8Array(20);
  let v = n;
  for (let i = 19; i >= 0 && v > 0n; i--, v >>= 8n) a[i] = Number(v & 0xffn);
  return a as Address;
}

const BLOCK: BlockContext = {
  coinbase: addressOf(0n),
  number: 1n,
  timestamp: 1_700_000_000n,
  gasLimit: 1n << 40n,
  prevRandao: new Uint8Array(32),
  baseFee: 0n,
  blobBaseFee: 1n,
  chainId: 1n,
};

const TX: TxContext = { origin: BENCH_SENDER, gasPrice: 0n, blobHashes: [] };

/** The transaction scope a host must offer besides the Host port. */
interface TxScopedHost {
  readonly host: Host;
  begin(): void;
  /** Ends the transaction after a deployment (changes stay). */
  end(): void;
  /** Drops everything since `begin` and ends the transaction. */
  discard(checkpoint: number): void;
}

class CairnEngine implements Engine {
  private readonly engine = createEngine(BENCH_FORK);
  private readonly evm = this.engine.evm;
  private readonly warm = precompileAddresses(this.engine.precompiles);

  constructor(
    readonly name: string,
    readonly title: string,
    readonly path: string,
    private readonly makeHost: () => TxScopedHost & { afterDeploy(): TxScopedHost },
  ) {}

  async prepare(deployData: Uint8Array): Promise<PreparedWorkload> {
    const deploying = this.makeHost();
    deploying.begin();
    this.warmUp(deploying.host, undefined);
    const created = this.evm.executeMessage(deploying.host, BLOCK, TX, {
      caller: BENCH_SENDER,
      to: undefined,
      value: 0n,
      data: deployData,
      gas: BENCH_GAS_LIMIT,
    });
    if (created.status !== "success" || created.createdAddress === undefined) {
      throw new Error(`deployment failed on Cairn: ${created.status} ${created.error ?? bytesToHex(created.output)}`);
    }
    deploying.end();
    const scoped = deploying.afterDeploy();
    const to = created.createdAddress;
    const execute = (calldata: Uint8Array) => {
      scoped.begin();
      this.warmUp(scoped.host, to);
      const checkpoint = scoped.host.checkpoint();
      const start = process.hrtime.bigint();
      const r = this.evm.executeMessage(scoped.host, BLOCK, TX, {
        caller: BENCH_SENDER,
        to,
        value: 0n,
        data: calldata,
        gas: BENCH_GAS_LIMIT,
      });
      const ms = elapsedMs(start);
      scoped.discard(checkpoint);
      return { r, ms };
    };
    return {
      run: async (calldata): Promise<RunResult> => {
        const { r, ms } = execute(calldata);
        return r.status === "success"
          ? { ms, output: r.output, ok: true }
          : { ms, output: r.output, ok: false, error: r.error ?? r.status };
      },
      gas: async (calldata) => {
        const { r } = execute(calldata);
        return { gasUsed: r.gasUsed, refund: r.refund };
      },
    };
  }

  private warmUp(host: Host, to: Address | undefined): void {
    host.accessAddress(BENCH_SENDER);
    if (to !== undefined) host.accessAddress(to);
    for (const a of this.warm) host.accessAddress(a);
  }

  async close(): Promise<void> {}
}

const SENDER_BALANCE = 10n ** 30n;

function memoryHost(): TxScopedHost & { afterDeploy(): TxScopedHost } {
  const host = new MemoryHost();
  host.setAccount(BENCH_SENDER, { balance: SENDER_BALANCE });
  const scoped: TxScopedHost = {
    host,
    begin: () => host.beginTransaction(),
    end: () => host.finalizeTransaction(),
    discard: (checkpoint) => {
      host.revertToCheckpoint(checkpoint);
      host.finalizeTransaction();
    },
  };
  return { ...scoped, afterDeploy: () => scoped };
}

const NO_BLOCK_HASH = (): Uint8Array => new Uint8Array(32);

function stateDbHost(): TxScopedHost & { afterDeploy(): TxScopedHost } {
  const codes = new MemoryCodeStore();
  const state = new StateDb({ codes });
  state.putAccount(BENCH_SENDER, { balance: SENDER_BALANCE });
  const scopedOver = (s: StateDb): TxScopedHost => ({
    host: new StateHost(s, NO_BLOCK_HASH),
    begin: () => s.beginTransaction(),
    end: () => {
      s.finalizeTransaction(true);
    },
    discard: (checkpoint) => {
      s.revertToCheckpoint(checkpoint);
      s.finalizeTransaction(true);
    },
  });
  return {
    ...scopedOver(state),
    // The deployed state goes into the node store; runs read it back through a fresh StateDb,
    // as the next block would.
    afterDeploy: () => {
      const root = state.persist(codes);
      return scopedOver(new StateDb({ nodes: state.nodes, codes, root }));
    },
  };
}

export function cairnEngine(): Engine {
  return new CairnEngine(
    "cairn",
    "Cairn",
    "Cairn: Evm.executeMessage over MemoryHost (in-memory Host port), like-for-like with ethereumjs runCall",
    memoryHost,
  );
}

export function cairnStateEngine(): Engine {
  return new CairnEngine(
    "cairn-state",
    "Cairn+state",
    "Cairn+state: the same Evm over execution's StateHost on a StateDb read back from an in-memory trie node store",
    stateDbHost,
  );
}
