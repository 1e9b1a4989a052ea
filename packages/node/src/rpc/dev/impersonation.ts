/**
 * rpc/dev/impersonation: the transaction eth_sendTransaction makes for an impersonated account
 * (anvil_impersonateAccount), whose key the node does not hold. It carries a placeholder
 * signature that passes the value checks (r in [1, n), low s, parity 0) and recovers to nobody
 * in particular; the sender travels beside it (pool, builder, the chain's sender records).
 * r is derived from the sender, so the same fields sent as two impersonated accounts give two
 * transaction hashes (anvil mixes the sender into the hash for the same reason).
 */
import { keccak256 } from "../../crypto/index.js";
import { type Address, bytesToBigint } from "../../primitives/index.js";
import type { Transaction, UnsignedTransaction } from "../../types/index.js";

/** secp256k1 group order */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export function impersonatedTransaction(unsigned: UnsignedTransaction, sender: Address): Transaction {
  const r = (bytesToBigint(keccak256(sender)) % (N - 1n)) + 1n;
  const s = 1n;
  if (unsigned.type === 0) {
    const { nonce, gasPrice, gasLimit, to, value, data, chainId } = unsigned;
    // EIP-155 v for parity 0 (pre-EIP-155 27 when the transaction names no chain)
    const v = chainId === undefined ? 27n : chainId * 2n + 35n;
    return { type: 0, nonce, gasPrice, gasLimit, to, value, data, v, r, s };
  }
  return { ...unsigned, yParity: 0, r, s } as Transaction;
}
