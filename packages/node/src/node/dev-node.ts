/**
 * node/dev-node: the composition root of `cairn dev`. Builds the store (LMDB in the data dir,
 * or memory when ephemeral), the chain on the dev genesis, the pool over the head state, the
 * producer (automine or interval) and the JSON-RPC server with the eth_, net_, web3_ and rpc_
 * methods; stops them in reverse order, flushing and closing the store last.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { Chain, DevChainState, VerifiedContracts } from "../chain/index.js";
import { blockFork } from "../execution/index.js";
import { type KvStore, LmdbKv, MemoryKv } from "../kv/index.js";
import type { Fork } from "../params/index.js";
import { type Address, bytesToHex, ZERO_ADDRESS } from "../primitives/index.js";
import { BlockProducer, DevControls, type MiningMode, type ProducedBlock } from "../producer/index.js";
import {
  clientVersionString,
  type EthEvents,
  MethodRegistry,
  type RpcServer,
  registerDebugTraceMethods,
  registerDevMethods,
  registerEthEventMethods,
  registerEthExtraMethods,
  registerEthMethods,
  registerOtsMethods,
  registerRpcModules,
  registerSimulateMethods,
  registerSubscriptionMethods,
  registerTraceMethods,
  registerVerifyMethods,
  registerWeb3Net,
  SubscriptionManager,
  startRpcServer,
} from "../rpc/index.js";
import { TxPool } from "../txpool/index.js";
import { calcBaseFee } from "../types/index.js";
import { type DevAccount, devAccounts } from "./dev-accounts.js";
import { devGenesis, ETHER } from "./dev-genesis.js";
import { explorerStatic } from "./explorer-static.js";

export interface DevNodeOptions {
  readonly host: string;
  readonly port: number;
  readonly chainId: bigint;
  /** undefined: in memory (ephemeral) */
  readonly dataDir: string | undefined;
  /** wipe the data dir before opening */
  readonly reset: boolean;
  /** seconds between blocks; undefined: automine */
  readonly blockTime: number | undefined;
  readonly accounts: number;
  /** ether per account */
  readonly balance: bigint;
  readonly mnemonic: string;
  readonly fork: Fork;
  readonly onBlock?: (produced: ProducedBlock) => void;
  /** eth_call / eth_estimateGas timeout in ms (default 5000, geth's --rpc.evmtimeout). */
  readonly callTimeoutMs?: number;
}

export class DevNode {
  private stopped = false;
  /** stops the filter sweep and the pool hook of the eth_ event methods */
  private closeEvents: () => void = () => {};

  private constructor(
    readonly kv: KvStore,
    readonly chain: Chain,
    readonly pool: TxPool,
    readonly producer: BlockProducer,
    readonly server: RpcServer,
    readonly accounts: readonly DevAccount[],
  ) {}

  static async start(opts: DevNodeOptions): Promise<DevNode> {
    const accounts = devAccounts(opts.mnemonic, opts.accounts);
    const genesis = devGenesis({
      chainId: opts.chainId,
      fork: opts.fork,
      accounts: accounts.map((a) => a.address),
      balance: opts.balance * ETHER,
    });
    let kv: KvStore;
    if (opts.dataDir === undefined) kv = new MemoryKv();
    else {
      if (opts.reset) rmSync(opts.dataDir, { recursive: true, force: true });
      mkdirSync(opts.dataDir, { recursive: true });
      kv = LmdbKv.open(opts.dataDir);
    }
    let chain: Chain;
    try {
      chain = Chain.open(kv, genesis);
    } catch (e) {
      await closeKv(kv);
      throw e;
    }
    // before anything reads the head state: an edited head state (anvil_setBalance...) is read through it
    const devState = new DevChainState(chain);
    devState.recordAddresses(genesis.alloc.map((a) => a.address));
    const head = chain.head;
    const headState = chain.stateAt(head.header.stateRoot);
    const pool = new TxPool(
      {
        chainId: opts.chainId,
        fork: blockFork(chain.spec, head.header.number + 1n, head.header.timestamp + 1n),
        blockGasLimit: head.header.gasLimit,
        blobForm: "network",
        locals: accounts.map((a) => a.address),
      },
      { nonce: (a) => headState.getNonce(a), balance: (a) => headState.getBalance(a) },
      calcBaseFee(head.header),
    );
    const mode: MiningMode =
      opts.blockTime === undefined ? { kind: "auto" } : { kind: "interval", blockTimeMs: Math.round(opts.blockTime * 1000) };
    // filters and subscriptions hear of each produced block before the caller's hook
    let events: EthEvents | undefined;
    const onBlock = (produced: ProducedBlock): void => {
      events?.onBlock();
      opts.onBlock?.(produced);
    };
    const producer = new BlockProducer(chain, pool, { coinbase: ZERO_ADDRESS, mode, onBlock, devState });
    const controls = new DevControls(chain, pool, producer, devState, () => events?.onBlock());
    const keys = new Map<string, Uint8Array>(accounts.map((a) => [bytesToHex(a.address), a.privateKey]));
    const registry = new MethodRegistry();
    registerWeb3Net(registry, {
      clientVersion: clientVersionString("cairn", "0.1.0"),
      networkId: opts.chainId,
      listening: () => true,
      peerCount: () => 0,
    });
    registerRpcModules(registry);
    registerDebugTraceMethods(registry, { chain, pool });
    registerOtsMethods(registry, { chain });
    registerTraceMethods(registry, { chain });
    registerVerifyMethods(registry, { chain, store: new VerifiedContracts(kv) });
    registerSubscriptionMethods(registry);
    registerEthMethods(registry, {
      chain,
      pool,
      submit: (tx) => producer.submit(tx, { local: true }),
      submitRaw: (bytes) => producer.submitRaw(bytes),
      // as anvil: impersonated accounts are listed after the dev accounts while impersonated
      accounts: (): readonly Address[] => [...accounts.map((a) => a.address), ...controls.impersonatedAccounts()],
      signingKey: (address) => keys.get(bytesToHex(address)),
      isImpersonated: (address) => controls.isImpersonated(address),
      submitAs: (tx, sender) => producer.submit(tx, { local: true, sender }),
      ...(opts.callTimeoutMs === undefined ? {} : { callTimeoutMs: opts.callTimeoutMs }),
    });
    registerEthExtraMethods(registry, chain, pool, (address) => keys.get(bytesToHex(address)), opts.callTimeoutMs);
    registerSimulateMethods(registry, { chain, callTimeoutMs: opts.callTimeoutMs });
    registerDevMethods(registry, {
      chain,
      pool,
      producer,
      controls,
      clientVersion: "cairn/v0.1.0",
      clientSemver: "0.1.0",
      instanceId: bytesToHex(randomBytes(32)),
    });
    const subscriptions = new SubscriptionManager();
    events = registerEthEventMethods(registry, { chain, pool, subscriptions, coinbase: () => ZERO_ADDRESS, mining: () => true });
    let server: RpcServer;
    try {
      server = await startRpcServer({ registry, host: opts.host, port: opts.port, subscriptions, staticHandler: explorerStatic().handler });
    } catch (e) {
      events.close();
      await closeKv(kv);
      throw e;
    }
    producer.start();
    const node = new DevNode(kv, chain, pool, producer, server, accounts);
    node.closeEvents = events.close;
    return node;
  }

  /** Stops mining, closes the server, then flushes and closes the store. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.producer.stop();
    this.closeEvents();
    await this.server.close();
    await closeKv(this.kv);
  }
}

async function closeKv(kv: KvStore): Promise<void> {
  if (kv instanceof LmdbKv) {
    await kv.flushed();
    await kv.close();
  }
}
