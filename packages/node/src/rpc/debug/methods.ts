/**
 * rpc/debug/methods: the debug_ tracing methods as go-ethereum serves them (eth/tracers/api.go):
 * debug_traceTransaction, debug_traceCall, debug_traceBlockByNumber, debug_traceBlockByHash and
 * debug_traceBlock (an RLP-encoded block whose parent is known). Registering them enables the
 * debug namespace, as a developer chain serves it.
 */
import type { Chain } from "../../chain/index.js";
import { bytesToHex } from "../../primitives/index.js";
import type { TxPool } from "../../txpool/index.js";
import { decodeBlock, type SealedBlock } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { argBlockHeader, argCallArgs, lookupBlockNumber } from "../eth/args.js";
import { argBlockOverrides, argStateOverride } from "../eth/overrides.js";
import { argBlockNumber, argBytes, argHash } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { registerDebugRawMethods } from "./raw.js";
import { traceBlock, traceCall } from "./trace.js";
import { argTraceConfig } from "./trace-config.js";

export interface DebugBackend {
  readonly chain: Chain;
  /** for debug_getRawTransaction of a pending transaction */
  readonly pool?: TxPool | undefined;
}

export function registerDebugTraceMethods(registry: MethodRegistry, backend: DebugBackend): void {
  const { chain } = backend;
  registry.enableNamespace("debug");
  registerDebugRawMethods(registry, backend);

  registry.register(
    "debug_traceTransaction",
    (p) => {
      const hash = argHash(p, 0);
      const config = argTraceConfig(p, 1);
      const lookup = chain.getTransactionLookup(hash);
      if (lookup === undefined) throw new RpcError(SERVER_ERROR, "transaction not found");
      const block = chain.getBlock(lookup.blockHash);
      if (block === undefined) throw new RpcError(SERVER_ERROR, "transaction not found");
      const [r] = traceBlock(chain, block, config, lookup.index);
      if (r === undefined) throw new RpcError(SERVER_ERROR, "transaction not found");
      return r.result;
    },
    { arity: [1, 2] },
  );

  const blockResults = (block: SealedBlock, p: unknown[]): unknown => traceBlock(chain, block, argTraceConfig(p, 1));

  registry.register(
    "debug_traceBlockByNumber",
    (p) => {
      const tag = argBlockNumber(p, 0);
      const header = lookupBlockNumber(chain, tag);
      const block = header === undefined ? undefined : chain.getBlock(header.hash);
      if (block === undefined) throw new RpcError(SERVER_ERROR, `block #${typeof tag === "bigint" ? tag : tag} not found`);
      return blockResults(block, p);
    },
    { arity: [1, 2] },
  );
  registry.register(
    "debug_traceBlockByHash",
    (p) => {
      const hash = argHash(p, 0);
      const block = chain.getBlock(hash);
      if (block === undefined) throw new RpcError(SERVER_ERROR, `block ${bytesToHex(hash)} not found`);
      return blockResults(block, p);
    },
    { arity: [1, 2] },
  );
  registry.register(
    "debug_traceBlock",
    (p) => {
      const bytes = argBytes(p, 0);
      let block: SealedBlock;
      try {
        block = decodeBlock(bytes);
      } catch (e) {
        throw new RpcError(SERVER_ERROR, `could not decode block: ${(e as Error).message}`);
      }
      return blockResults(block, p);
    },
    { arity: [1, 2] },
  );
  registry.register(
    "debug_traceCall",
    (p) => {
      const args = argCallArgs(p, 0);
      const header = argBlockHeader(chain, p, 1);
      const config = argTraceConfig(p, 2);
      const stateOverride = argStateOverride([config.raw.stateOverrides], 0);
      const blockOverrides = argBlockOverrides([config.raw.blockOverrides], 0);
      return traceCall(chain, header, args, { stateOverride, blockOverrides }, config);
    },
    { arity: [1, 3] },
  );
}
