/**
 * execution/pre-execution: what happens to a valid transaction before its code runs:
 * - the sender's nonce goes up (for a creation the EVM does it, deriving the address from the
 *   nonce it had, as CREATE does);
 * - the sender buys the gas: gas limit * effective gas price, plus blob gas * blob base fee
 *   (EIP-4844), all taken now and partly paid back in post-execution;
 * - the warm sets start with the sender, the recipient, the fork's precompiles (EIP-2929), the
 *   coinbase from Shanghai (EIP-3651) and the access list's addresses and slots (EIP-2930);
 * - set-code transactions process their authorizations (EIP-7702, authorizations.ts).
 * Returns the gas left for execution: gas limit - intrinsic gas.
 */
import { type PrecompileSet, precompileAddresses } from "../evm/index.js";
import { forkAtLeast } from "../params/index.js";
import type { Address } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";
import { applyAuthorizations } from "./authorizations.js";
import type { BlockEnv } from "./block-env.js";
import type { ValidatedTx } from "./validate.js";

const addressCache = new WeakMap<PrecompileSet, readonly Address[]>();

/** The addresses of a precompile set, computed once per set (sets are built once per fork). */
export function precompileWarmList(set: PrecompileSet): readonly Address[] {
  let list = addressCache.get(set);
  if (list === undefined) {
    list = precompileAddresses(set);
    addressCache.set(set, list);
  }
  return list;
}

export function preExecution(state: StateDb, env: BlockEnv, v: ValidatedTx, precompiles: PrecompileSet): bigint {
  const { tx, sender } = v;
  if (tx.to !== undefined) state.incrementNonce(sender);
  state.subBalance(sender, tx.gasLimit * v.effectiveGasPrice + v.blobGas * v.blobBaseFee);

  state.accessAddress(sender);
  if (tx.to !== undefined) state.accessAddress(tx.to);
  state.warmForTransaction(precompileWarmList(precompiles));
  if (forkAtLeast(env.fork, "Shanghai")) state.accessAddress(env.coinbase);
  if (tx.type !== 0) {
    for (const entry of tx.accessList) {
      state.accessAddress(entry.address);
      for (const key of entry.storageKeys) state.accessStorage(entry.address, bytesToSlot(key));
    }
  }
  if (tx.type === 4) applyAuthorizations(state, env, tx.authorizationList);
  return tx.gasLimit - v.intrinsic.gas;
}

function bytesToSlot(key: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < key.length; i++) v = (v << 8n) | BigInt(key[i]!);
  return v;
}
