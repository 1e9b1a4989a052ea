/**
 * cli/bench-evm-ethereumjs: @ethereumjs/evm (the TypeScript peer) as an engine of
 * `cairn bench evm`: `createEVM` with its default in-memory SimpleStateManager, one EVM per
 * workload, `runCall` timed.
 *
 * Each run is set up like Cairn's: a fresh transaction scope (journal cleanup, original-value
 * cache cleared for EIP-2200/3529), sender, recipient and precompiles warm (EIP-2929), no nonce
 * increment (Cairn's Evm leaves the nonce to the execution layer); the state is checkpointed
 * before the call and reverted after it, outside the timed region. @ethereumjs/* are
 * development dependencies: when they cannot be loaded the engine is reported unavailable.
 */
import { bytesToHex } from "../primitives/index.js";
import { BENCH_FORK, BENCH_SENDER } from "./bench-evm-cairn.js";
import { BENCH_GAS_LIMIT, type Engine, EngineUnavailable, elapsedMs, type PreparedWorkload, type RunResult } from "./bench-evm-engine.js";

type EvmModule = typeof import("@ethereumjs/evm");
type CommonModule = typeof import("@ethereumjs/common");
type UtilModule = typeof import("@ethereumjs/util");

interface Modules {
  evm: EvmModule;
  common: CommonModule;
  util: UtilModule;
}

async function loadModules(): Promise<Modules> {
  try {
    const [evm, common, util] = await Promise.all([import("@ethereumjs/evm"), import("@ethereumjs/common"), import("@ethereumjs/util")]);
    return { evm, common, util };
  } catch (err) {
    throw new EngineUnavailable(`@ethereumjs/evm is not installed (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The installed version of a package, for the output header. */
export async function ethereumjsVersion(): Promise<string | undefined> {
  try {
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    return (require("@ethereumjs/evm/package.json") as { version: string }).version;
  } catch {
    return undefined;
  }
}

class EthereumjsEngine implements Engine {
  readonly name = "ethereumjs";
  readonly title = "ethereumjs";
  readonly path = "ethereumjs: @ethereumjs/evm runCall over its default SimpleStateManager (createEVM defaults)";

  constructor(private readonly m: Modules) {}

  async prepare(deployData: Uint8Array): Promise<PreparedWorkload> {
    const { evm: evmModule, common: commonModule, util } = this.m;
    const hardfork = BENCH_FORK.toLowerCase();
    const common = new commonModule.Common({ chain: commonModule.Mainnet, hardfork });
    const evm = await evmModule.createEVM({ common });
    const sender = new util.Address(BENCH_SENDER);
    await evm.stateManager.putAccount(sender, util.createAccount({ nonce: 0n, balance: 10n ** 30n }));

    const beginTx = (to: InstanceType<UtilModule["Address"]> | undefined) => {
      evm.stateManager.originalStorageCache.clear();
      evm.journal.addAlwaysWarmAddress(sender.toString());
      if (to !== undefined) evm.journal.addAlwaysWarmAddress(to.toString());
      for (const p of evm.precompiles.keys()) evm.journal.addAlwaysWarmAddress(p);
    };

    beginTx(undefined);
    const created = await evm.runCall({ caller: sender, origin: sender, data: deployData, gasLimit: BENCH_GAS_LIMIT });
    await evm.journal.cleanup();
    if (created.execResult.exceptionError !== undefined || created.createdAddress === undefined) {
      throw new Error(`deployment failed on ethereumjs: ${created.execResult.exceptionError?.error ?? "no address"}`);
    }
    const to = created.createdAddress;

    const execute = async (calldata: Uint8Array) => {
      beginTx(to);
      await evm.stateManager.checkpoint();
      const start = process.hrtime.bigint();
      const r = await evm.runCall({
        caller: sender,
        origin: sender,
        to,
        data: calldata,
        gasLimit: BENCH_GAS_LIMIT,
        skipNonceIncrement: true,
      });
      const ms = elapsedMs(start);
      await evm.stateManager.revert();
      await evm.journal.cleanup();
      return { r, ms };
    };
    return {
      run: async (calldata): Promise<RunResult> => {
        const { r, ms } = await execute(calldata);
        const err = r.execResult.exceptionError;
        return err === undefined
          ? { ms, output: r.execResult.returnValue, ok: true }
          : { ms, output: r.execResult.returnValue, ok: false, error: `${err.error} ${bytesToHex(r.execResult.returnValue)}` };
      },
      gas: async (calldata) => {
        const { r } = await execute(calldata);
        return { gasUsed: r.execResult.executionGasUsed, refund: r.execResult.gasRefund ?? 0n };
      },
    };
  }

  async close(): Promise<void> {}
}

export async function ethereumjsEngine(): Promise<Engine> {
  return new EthereumjsEngine(await loadModules());
}
