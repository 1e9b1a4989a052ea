/**
 * rpc/eth/overrides: state overrides (eth_call / eth_estimateGas 3rd argument) and block
 * overrides (4th argument), decoded and applied as go-ethereum's internal/ethapi/override does:
 * per account balance, nonce, code, `state` (replaces all storage) or `stateDiff` (sets the
 * given slots), and `movePrecompileToAddress`; for the block: number, difficulty, time,
 * gasLimit, feeRecipient, prevRandao, baseFeePerGas and blobBaseFee. Overrides change only the
 * throwaway StateDb and BlockEnv of one call, never the chain.
 */
import { toChecksumAddress } from "../../crypto/index.js";
import { Evm, type Precompile, type PrecompileSet } from "../../evm/index.js";
import type { BlockEnv, ExecutionEngine } from "../../execution/index.js";
import type { Fork } from "../../params/index.js";
import { type Address, asAddress, bytesToHex, hexToBytes } from "../../primitives/index.js";
import type { StateDb } from "../../state/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { argAddress, argBytes, argHash, argQuantity, argUint64, invalidArgument } from "../params.js";

export interface AccountOverride {
  readonly nonce?: bigint;
  readonly balance?: bigint;
  readonly code?: Uint8Array;
  /** Replaces the whole storage. */
  readonly state?: ReadonlyMap<bigint, bigint>;
  /** Sets the given slots, keeping the others. */
  readonly stateDiff?: ReadonlyMap<bigint, bigint>;
  readonly movePrecompileTo?: Address;
}

/** Keyed by lowercase 0x-address, in the order given. */
export type StateOverride = ReadonlyMap<string, AccountOverride>;

export interface BlockOverrides {
  readonly number?: bigint;
  readonly difficulty?: bigint;
  readonly time?: bigint;
  readonly gasLimit?: bigint;
  readonly feeRecipient?: Address;
  readonly prevRandao?: Uint8Array;
  readonly baseFeePerGas?: bigint;
  readonly blobBaseFee?: bigint;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function opt<T>(o: Record<string, unknown>, name: string, parse: (p: unknown[], i: number) => T, index: number): T | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  try {
    return parse([v], 0);
  } catch (e) {
    // Re-number the error to the argument's position, as geth reports it.
    if (e instanceof RpcError) throw new RpcError(e.code, e.message.replace(/^invalid argument 0: /, `invalid argument ${index}: `));
    throw e;
  }
}

function storageMap(v: unknown, index: number): Map<bigint, bigint> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type map[common.Hash]common.Hash");
  const out = new Map<bigint, bigint>();
  for (const [k, val] of Object.entries(v)) {
    const key = argHash([k], 0);
    const value = argHash([val], 0);
    out.set(BigInt(bytesToHex(key)), BigInt(bytesToHex(value)));
  }
  return out;
}

/** Decodes argument `index` as a StateOverride (absent or null: none). */
export function argStateOverride(params: unknown[], index: number): StateOverride | undefined {
  const v = params[index];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type override.StateOverride");
  const out = new Map<string, AccountOverride>();
  for (const [addr, raw] of Object.entries(v)) {
    const address = bytesToHex(argAddress([addr], 0));
    if (raw === null) {
      out.set(address, {});
      continue;
    }
    if (!isObject(raw)) throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type override.OverrideAccount");
    const to = opt(raw, "movePrecompileToAddress", argAddress, index);
    const account: AccountOverride = {
      nonce: opt(raw, "nonce", argUint64, index),
      balance: opt(raw, "balance", argQuantity, index),
      code: opt(raw, "code", argBytes, index),
      state: storageMap(raw.state, index),
      stateDiff: storageMap(raw.stateDiff, index),
      movePrecompileTo: to === undefined ? undefined : asAddress(to),
    };
    out.set(address, account);
  }
  return out;
}

/** Decodes argument `index` as BlockOverrides (absent or null: none). */
export function argBlockOverrides(params: unknown[], index: number): BlockOverrides | undefined {
  const v = params[index];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type override.BlockOverrides");
  // geth's eth_call has no use for these two and says so.
  if (v.beaconRoot !== undefined && v.beaconRoot !== null)
    throw new RpcError(SERVER_ERROR, 'block override "beaconRoot" is not supported for this RPC method');
  if (v.withdrawals !== undefined && v.withdrawals !== null)
    throw new RpcError(SERVER_ERROR, 'block override "withdrawals" is not supported for this RPC method');
  const recipient = opt(v, "feeRecipient", argAddress, index) ?? opt(v, "coinbase", argAddress, index);
  return {
    number: opt(v, "number", argQuantity, index),
    difficulty: opt(v, "difficulty", argQuantity, index),
    time: opt(v, "time", argUint64, index),
    gasLimit: opt(v, "gasLimit", argUint64, index),
    feeRecipient: recipient === undefined ? undefined : asAddress(recipient),
    prevRandao: opt(v, "prevRandao", argHash, index) ?? opt(v, "random", argHash, index),
    baseFeePerGas: opt(v, "baseFeePerGas", argQuantity, index),
    blobBaseFee: opt(v, "blobBaseFee", argQuantity, index),
  };
}

/** The block env with the overrides applied (geth's BlockOverrides.Apply). */
export function applyBlockOverrides(env: BlockEnv, o: BlockOverrides | undefined, forkAt: (n: bigint, t: bigint) => Fork): BlockEnv {
  if (o === undefined) return env;
  const number = o.number ?? env.number;
  const timestamp = o.time ?? env.timestamp;
  const top = env.number;
  const ancestor = env.blockHash;
  return {
    ...env,
    fork: number === env.number && timestamp === env.timestamp ? env.fork : forkAt(number, timestamp),
    number,
    timestamp,
    gasLimit: o.gasLimit ?? env.gasLimit,
    coinbase: o.feeRecipient ?? env.coinbase,
    prevRandao: o.prevRandao ?? env.prevRandao,
    baseFee: o.baseFeePerGas ?? env.baseFee,
    ...(o.blobBaseFee === undefined ? {} : { blobBaseFee: o.blobBaseFee }),
    // A block number moved past the state's block sees no hashes beyond it.
    blockHash: (n: bigint) => (n > top ? new Uint8Array(32) : ancestor(n)),
  };
}

function precompileKey(a: Address): number | undefined {
  for (let i = 0; i < 18; i++) if (a[i] !== 0) return undefined;
  return a[18]! * 256 + a[19]!;
}

/**
 * Applies a StateOverride to `state` and returns the engine to run with (a new one when
 * precompiles moved or were replaced). Errors carry geth's wording.
 */
export function applyStateOverride(state: StateDb, engine: ExecutionEngine, fork: Fork, diff: StateOverride | undefined): ExecutionEngine {
  if (diff === undefined || diff.size === 0) return engine;
  const precompiles = new Map<number, Precompile>(engine.precompiles);
  let precompilesChanged = false;
  const movedTo = new Set<string>();
  // `state` replaces an account's storage outright: done first, outside the journal.
  for (const [addr, account] of diff) {
    if (account.state !== undefined && account.stateDiff !== undefined)
      throw new RpcError(SERVER_ERROR, `account ${checksum(addr)} has both 'state' and 'stateDiff'`);
  }
  for (const [addr, account] of diff) {
    if (movedTo.has(addr)) throw new RpcError(SERVER_ERROR, `account ${checksum(addr)} has already been overridden by a precompile`);
    const address = asAddress(hexToBytes(addr));
    const key = precompileKey(address);
    const precompile = key === undefined ? undefined : precompiles.get(key);
    if (account.movePrecompileTo !== undefined) {
      if (precompile === undefined) throw new RpcError(SERVER_ERROR, `account ${checksum(addr)} is not a precompile`);
      const dest = bytesToHex(account.movePrecompileTo);
      if (diff.has(dest)) throw new RpcError(SERVER_ERROR, `account ${checksum(dest)} is already overridden`);
      const destKey = precompileKey(account.movePrecompileTo);
      // Our precompile sets are keyed by low addresses only (the EVM's lookup); a move elsewhere
      // cannot be represented.
      if (destKey === undefined)
        throw new RpcError(SERVER_ERROR, `moving a precompile to ${checksum(dest)} is not supported (destination must be below 0x10000)`);
      precompiles.set(destKey, precompile);
      movedTo.add(dest);
      precompilesChanged = true;
    }
    if (precompile !== undefined && key !== undefined) {
      precompiles.delete(key);
      precompilesChanged = true;
    }
    if (account.state !== undefined) {
      state.putAccount(address, {
        nonce: account.nonce ?? state.getNonce(address),
        balance: account.balance ?? state.getBalance(address),
        code: account.code ?? state.getCode(address),
        storage: account.state,
      });
    }
  }
  for (const [addr, account] of diff) {
    if (account.state !== undefined) continue;
    const address = asAddress(hexToBytes(addr));
    if (account.nonce !== undefined) state.setNonce(address, account.nonce);
    if (account.code !== undefined) state.setCode(address, account.code);
    if (account.balance !== undefined) state.setBalance(address, account.balance);
    if (account.stateDiff !== undefined) for (const [slot, value] of account.stateDiff) state.setStorage(address, slot, value);
  }
  // As geth's Finalise: the overrides act as if a transaction just before the call made them,
  // so they are the "original" values for EIP-2200 metering.
  state.finalizeTransaction(false);
  if (!precompilesChanged) return engine;
  const set: PrecompileSet = precompiles;
  return { evm: new Evm({ fork, precompiles: set }), precompiles: set };
}

function checksum(addr: string): string {
  return toChecksumAddress(hexToBytes(addr));
}
