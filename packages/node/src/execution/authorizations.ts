/**
 * execution/authorizations: EIP-7702 authorization processing, part of pre-execution of a
 * set-code transaction (after the sender's nonce is incremented). For each tuple in order:
 *
 *   1. chain id is 0 or the chain's;           5. the authority's code is empty or a designator;
 *   2. nonce < 2^64 - 1;                       6. the authority's nonce equals the tuple's;
 *   3. the signature recovers an authority     7. refund PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST
 *      (low s, y parity 0 or 1);                  if the authority exists;
 *   4. the authority becomes warm;             8. code := 0xef0100 || address (empty for the
 *                                                 zero address); 9. nonce += 1.
 *
 * A tuple failing a check is skipped; the transaction goes on. Later tuples for the same
 * authority override earlier ones.
 */
import { delegationDesignator, delegationTarget } from "../evm/index.js";
import { PER_AUTH_BASE_COST, txGasSchedule } from "../params/index.js";
import { UINT64_MAX } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";
import { type Authorization, recoverAuthority } from "../types/index.js";
import type { BlockEnv } from "./block-env.js";

function isZeroAddress(a: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

export function applyAuthorizations(state: StateDb, env: BlockEnv, list: readonly Authorization[]): void {
  const refund = Number(txGasSchedule(env.fork).perAuthorization - PER_AUTH_BASE_COST);
  for (const auth of list) {
    if (auth.chainId !== 0n && auth.chainId !== env.chainId) continue;
    if (auth.nonce >= UINT64_MAX) continue;
    const authority = recoverAuthority(auth);
    if (authority === undefined) continue;
    state.accessAddress(authority);
    const code = state.getCode(authority);
    if (code.length > 0 && delegationTarget(code) === undefined) continue;
    if (state.getNonce(authority) !== auth.nonce) continue;
    if (state.exists(authority)) state.addRefund(refund);
    state.setCode(authority, isZeroAddress(auth.address) ? new Uint8Array(0) : delegationDesignator(auth.address));
    state.incrementNonce(authority);
  }
}
