/**
 * params/refunds: transaction-level refund rules per fork. The refund counter a transaction
 * gathers (storage clears, EIP-7702 authorizations of existing accounts) is capped at
 * gas used / quotient: 2 until London, 5 from London on (EIP-3529).
 */
import { type Fork, forkAtLeast } from "./forks.js";

export function maxRefundQuotient(fork: Fork): bigint {
  return forkAtLeast(fork, "London") ? 5n : 2n;
}

/**
 * EIP-7702 PER_AUTH_BASE_COST. Every authorization is charged PER_EMPTY_ACCOUNT_COST (25000,
 * `perAuthorization` in the gas schedule) up front; an authority that already exists gets the
 * difference back through the refund counter.
 */
export const PER_AUTH_BASE_COST = 12500n;
