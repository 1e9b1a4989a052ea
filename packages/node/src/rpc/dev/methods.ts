/**
 * rpc/dev/methods: the developer methods of `cairn dev` under their anvil names, with the
 * hardhat_ and evm_ aliases anvil serves, answering as anvil 1.7.1 does (results, null/true
 * answers, snapshot ids, error codes); the ERC-20 helpers are in erc20.ts. What they change lives below: producer/dev-controls.ts
 * (state edits, snapshots, reset, impersonation, dump), producer/dev-clock.ts (block time),
 * chain/dev-state.ts (how an edit of the head's state is stored and survives a restart).
 *
 * Known differences from anvil: block timestamps always increase (see dev-clock.ts);
 * anvil_loadState applies a dump's accounts but not its blocks; anvil_reset cannot fork.
 */
import type { Chain } from "../../chain/index.js";
import { blockFork } from "../../execution/index.js";
import { bigintToQuantity, bytesToBigint, bytesToHex } from "../../primitives/index.js";
import { type BlockProducer, DevControlError, type DevControls } from "../../producer/index.js";
import type { TxPool } from "../../txpool/index.js";
import { calcBaseFee } from "../../types/index.js";
import { invalidParams, RpcError } from "../errors.js";
import type { MethodRegistry } from "../registry.js";
import { devAddress, devBool, devBytes, devNumber, devOptionalNumber, devU64, devWord, unexpected } from "./args.js";
import { dealErc20, setErc20Allowance } from "./erc20.js";
import { decodeStateDump, encodeStateDump } from "./state-dump.js";

export interface DevBackend {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly producer: BlockProducer;
  readonly controls: DevControls;
  /** e.g. "cairn/v0.1.0" */
  readonly clientVersion: string;
  readonly clientSemver: string;
  /** random per process start, as anvil's instanceId */
  readonly instanceId: string;
}

/** anvil's -32001 for a snapshot id dropped by an earlier revert. */
export const RESOURCE_NOT_FOUND = -32001;

const q = bigintToQuantity;

/** anvil's request variants of several parameters, named in its "wrong number of parameters" answers. */
const TUPLE_VARIANTS: Record<string, string> = {
  anvil_addBalance: "AddBalance",
  anvil_setBalance: "SetBalance",
  anvil_setCode: "SetCode",
  anvil_setNonce: "SetNonce",
  anvil_setStorageAt: "SetStorageAt",
  anvil_dealERC20: "DealERC20",
  anvil_setERC20Allowance: "SetERC20Allowance",
};

/** Methods whose one number anvil decodes as `NumericSeq` (a number, or a one-element list). */
const NUMERIC_SEQ = new Set([
  "evm_increaseTime",
  "evm_revert",
  "anvil_setBlockGasLimit",
  "anvil_setTime",
  "evm_setNextBlockTimestamp",
  "anvil_setNextBlockBaseFeePerGas",
  "anvil_setMinGasPrice",
]);

/**
 * The parameter count check, worded as anvil's request decoding words it: a tuple variant's
 * "invalid length", a one-parameter method's "expected params sequence with length 1", a
 * parameterless one's "expected unit".
 */
function arityCheck(method: string, [min, max]: readonly [number, number]): (p: unknown[]) => void {
  const seqError = (): RpcError => invalidParams("data did not match any variant of untagged enum NumericSeq");
  return (p) => {
    const n = p.length;
    if (n >= min && n <= max) return;
    if (NUMERIC_SEQ.has(method)) throw seqError();
    if (max === 0) throw invalidParams(`invalid type: ${unexpected(p[0], "number")}, expected unit`);
    if (min === 1 && max === 1) throw invalidParams(`expected params sequence with length 1 but got ${n}`);
    if (n > max) throw invalidParams(`invalid length ${n}, expected fewer elements in array`);
    const variant = TUPLE_VARIANTS[method];
    if (variant !== undefined)
      throw invalidParams(`invalid length ${n}, expected tuple variant EthRequest::${variant} with ${min} elements`);
    throw invalidParams(`invalid length ${n}, expected ${min} elements`);
  };
}

function timestampTooLow(ts: bigint): RpcError {
  return invalidParams(`Timestamp error: ${ts} is lower than previous block's timestamp`);
}

/** Namespaces the developer methods live in. */
export const DEV_NAMESPACES: readonly string[] = ["anvil", "hardhat", "evm"];

export function registerDevMethods(registry: MethodRegistry, backend: DevBackend): void {
  const { chain, pool, producer, controls } = backend;
  for (const ns of DEV_NAMESPACES) registry.enableNamespace(ns);
  const reg = (names: readonly string[], handler: (p: unknown[]) => unknown, arity: readonly [number, number]): void => {
    const check = arityCheck(names[0]!, arity);
    registry.register(names[0]!, (p) => {
      check(p);
      return handler(p);
    });
    for (const alias of names.slice(1)) registry.alias(alias, names[0]!);
  };

  // ---- mining -----------------------------------------------------------------------------------

  reg(
    ["anvil_mine", "hardhat_mine"],
    (p) => {
      const count = devOptionalNumber(p, 0) ?? 1n;
      const interval = devOptionalNumber(p, 1);
      producer.mineMany(Number(count), interval);
      return null;
    },
    [0, 2],
  );
  reg(
    ["evm_mine"],
    (p) => {
      const v = p[0];
      let timestamp: bigint | undefined;
      let blocks = 1n;
      if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const o = v as { timestamp?: unknown; blocks?: unknown };
        timestamp = devOptionalNumber([o.timestamp], 0);
        blocks = devOptionalNumber([o.blocks], 0) ?? 1n;
      } else {
        timestamp = devOptionalNumber(p, 0);
      }
      if (timestamp !== undefined) {
        if (timestamp < chain.head.header.timestamp) throw timestampTooLow(timestamp);
        producer.clock.setNext(timestamp);
      }
      producer.mineMany(Number(blocks));
      return "0x0";
    },
    [0, 1],
  );
  reg(
    ["anvil_setAutomine", "evm_setAutomine"],
    (p) => {
      const on = devBool(p, 0);
      if (on) producer.setMode({ kind: "auto" });
      else if (producer.mode.kind === "auto") producer.setMode({ kind: "manual" });
      return null;
    },
    [1, 1],
  );
  reg(["anvil_getAutomine", "hardhat_getAutomine"], () => producer.mode.kind === "auto", [0, 0]);
  reg(
    ["anvil_setIntervalMining", "evm_setIntervalMining"],
    (p) => {
      const seconds = devU64(p, 0);
      producer.setMode(seconds === 0n ? { kind: "manual" } : { kind: "interval", blockTimeMs: Number(seconds) * 1000 });
      return null;
    },
    [1, 1],
  );
  reg(["anvil_getIntervalMining"], () => {
    const m = producer.mode;
    return m.kind === "interval" ? Math.round(m.blockTimeMs / 1000) : null;
  }, [0, 0]);

  // ---- state edits ------------------------------------------------------------------------------

  reg(
    ["anvil_setBalance", "hardhat_setBalance"],
    (p) => {
      controls.setBalance(devAddress(p, 0), devNumber(p, 1));
      return null;
    },
    [2, 2],
  );
  reg(
    ["anvil_addBalance"],
    (p) => {
      controls.addBalance(devAddress(p, 0), devNumber(p, 1));
      return null;
    },
    [2, 2],
  );
  reg(
    ["anvil_setCode", "hardhat_setCode"],
    (p) => {
      const a = devAddress(p, 0);
      controls.setCode(a, devBytes(p, 1));
      return null;
    },
    [2, 2],
  );
  reg(
    ["anvil_setNonce", "hardhat_setNonce", "evm_setAccountNonce"],
    (p) => {
      controls.setNonce(devAddress(p, 0), devNumber(p, 1));
      return null;
    },
    [2, 2],
  );
  reg(
    ["anvil_setStorageAt", "hardhat_setStorageAt"],
    (p) => {
      const a = devAddress(p, 0);
      const slot = devNumber(p, 1);
      const value = bytesToBigint(devWord(p, 2));
      controls.setStorage(a, slot, value);
      return true;
    },
    [3, 3],
  );

  reg(["anvil_dealERC20"], (p) => dealErc20(chain, controls, devAddress(p, 0), devAddress(p, 1), devNumber(p, 2)), [3, 3]);
  reg(
    ["anvil_setERC20Allowance"],
    (p) => setErc20Allowance(chain, controls, devAddress(p, 0), devAddress(p, 1), devAddress(p, 2), devNumber(p, 3)),
    [4, 4],
  );

  // ---- impersonation ----------------------------------------------------------------------------

  reg(
    ["anvil_impersonateAccount", "hardhat_impersonateAccount"],
    (p) => {
      controls.impersonate(devAddress(p, 0));
      return null;
    },
    [1, 1],
  );
  reg(
    ["anvil_stopImpersonatingAccount", "hardhat_stopImpersonatingAccount"],
    (p) => {
      controls.stopImpersonating(devAddress(p, 0));
      return null;
    },
    [1, 1],
  );
  reg(
    ["anvil_autoImpersonateAccount"],
    (p) => {
      controls.autoImpersonate = devBool(p, 0);
      return null;
    },
    [1, 1],
  );

  // ---- time -------------------------------------------------------------------------------------

  reg(["evm_increaseTime", "anvil_increaseTime"], (p) => Number(producer.clock.increase(devNumber(p, 0, "NumericSeq"))), [1, 1]);
  reg(
    ["evm_setNextBlockTimestamp", "anvil_setNextBlockTimestamp"],
    (p) => {
      const ts = devNumber(p, 0, "NumericSeq");
      if (ts < chain.head.header.timestamp) throw timestampTooLow(ts);
      producer.clock.setNext(ts);
      return null;
    },
    [1, 1],
  );
  reg(["anvil_setTime", "evm_setTime"], (p) => Number(producer.clock.setTime(devNumber(p, 0, "NumericSeq"))), [1, 1]);
  reg(
    ["anvil_setBlockTimestampInterval"],
    (p) => {
      producer.clock.blockInterval = devNumber(p, 0);
      return null;
    },
    [1, 1],
  );
  reg(["anvil_removeBlockTimestampInterval"], () => {
    const had = producer.clock.blockInterval !== undefined;
    producer.clock.blockInterval = undefined;
    return had;
  }, [0, 0]);

  // ---- snapshots, reset -------------------------------------------------------------------------

  reg(["evm_snapshot", "anvil_snapshot"], () => q(controls.snapshot()), [0, 0]);
  reg(
    ["evm_revert", "anvil_revert"],
    (p) => {
      const r = controls.revert(devNumber(p, 0, "NumericSeq"));
      if (r === "gone") throw new RpcError(RESOURCE_NOT_FOUND, "Resource not found");
      return r === "reverted";
    },
    [1, 1],
  );
  reg(
    ["anvil_rollback"],
    (p) => {
      const depth = p[0] === null || p[0] === undefined ? 1n : devU64(p, 0);
      try {
        controls.rollback(depth);
      } catch (e) {
        if (e instanceof DevControlError) throw invalidParams(e.message);
        throw e;
      }
      return null;
    },
    [1, 1],
  );
  reg(
    ["anvil_reset", "hardhat_reset"],
    (p) => {
      // viem sends `{ forking: {} }` for a plain reset; only a fork URL asks for forking
      const forking = (p[0] as { forking?: { jsonRpcUrl?: unknown } | null } | null | undefined)?.forking;
      if (typeof forking?.jsonRpcUrl === "string" && forking.jsonRpcUrl !== "")
        throw invalidParams("forking is not supported by cairn dev");
      controls.reset();
      return null;
    },
    [0, 1],
  );

  // ---- pool -------------------------------------------------------------------------------------

  reg(
    ["anvil_dropTransaction", "hardhat_dropTransaction"],
    (p) => {
      const hash = devWord(p, 0);
      return pool.drop(hash) ? bytesToHex(hash) : null;
    },
    [1, 1],
  );
  reg(["anvil_dropAllTransactions"], () => {
    pool.clear();
    return null;
  }, [0, 0]);

  // ---- block parameters -------------------------------------------------------------------------

  reg(
    ["anvil_setCoinbase", "hardhat_setCoinbase"],
    (p) => {
      producer.coinbase = devAddress(p, 0);
      return null;
    },
    [1, 1],
  );
  reg(
    ["anvil_setNextBlockBaseFeePerGas", "hardhat_setNextBlockBaseFeePerGas"],
    (p) => {
      producer.nextBaseFee = devNumber(p, 0, "NumericSeq");
      return null;
    },
    [1, 1],
  );
  reg(
    ["anvil_setBlockGasLimit", "evm_setBlockGasLimit"],
    (p) => {
      producer.gasLimit = devNumber(p, 0, "NumericSeq");
      producer.resetPool();
      return true;
    },
    [1, 1],
  );
  reg(["anvil_setMinGasPrice", "hardhat_setMinGasPrice"], () => {
    throw invalidParams("anvil_setMinGasPrice is not supported when EIP-1559 is active");
  }, [1, 1]);
  reg(["anvil_setLoggingEnabled", "hardhat_setLoggingEnabled"], () => null, [1, 1]);

  // ---- state dump -------------------------------------------------------------------------------

  reg(
    ["anvil_dumpState", "hardhat_dumpState"],
    (p) => {
      // anvil's optional flag (keep historical states) has no meaning here, but is checked as a boolean
      if (p[0] !== undefined && p[0] !== null) devBool(p, 0);
      return encodeStateDump(controls.dumpState());
    },
    [0, 1],
  );
  reg(
    ["anvil_loadState", "hardhat_loadState"],
    (p) => {
      controls.loadState(decodeStateDump(bytesToHex(devBytes(p, 0))));
      return true;
    },
    [1, 1],
  );

  // ---- information ------------------------------------------------------------------------------

  reg(["anvil_getGenesisTime"], () => Number(chain.genesis.header.timestamp), [0, 0]);
  reg(["anvil_nodeInfo"], () => {
    const h = chain.head.header;
    const baseFee = producer.nextBaseFee ?? calcBaseFee(h) ?? 0n;
    return {
      currentBlockNumber: q(h.number),
      currentBlockTimestamp: Number(h.timestamp),
      currentBlockHash: bytesToHex(chain.head.hash),
      hardFork: blockFork(chain.spec, h.number + 1n, h.timestamp + 1n),
      transactionOrder: "fees",
      environment: {
        baseFee: q(baseFee),
        chainId: Number(chain.spec.chainId),
        gasLimit: q(producer.gasLimit ?? h.gasLimit),
        gasPrice: q(baseFee + 1_000_000_000n),
      },
      forkConfig: { forkUrl: null, forkBlockNumber: null, forkRetryBackoff: null },
    };
  }, [0, 0]);
  reg(["anvil_metadata", "hardhat_metadata"], () => {
    const snapshots: Record<string, [number, string]> = {};
    for (const [id, number, hash] of controls.listSnapshots()) snapshots[q(id)] = [Number(number), bytesToHex(hash)];
    return {
      clientVersion: backend.clientVersion,
      clientSemver: backend.clientSemver,
      clientCommitSha: null,
      chainId: Number(chain.spec.chainId),
      instanceId: backend.instanceId,
      latestBlockNumber: Number(chain.head.header.number),
      latestBlockHash: bytesToHex(chain.head.hash),
      forkedNetwork: null,
      snapshots,
    };
  }, [0, 0]);
}
