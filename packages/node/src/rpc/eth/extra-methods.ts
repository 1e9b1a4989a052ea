/**
 * rpc/eth/extra-methods: registers the eth_ methods beyond the core set in one call for the
 * node to wire: eth_createAccessList, eth_getProof, the signing methods (eth_sign,
 * personal_sign, eth_signTransaction, eth_signTypedData_v4) and the txpool_ namespace.
 */
import type { Chain } from "../../chain/index.js";
import type { Address } from "../../primitives/index.js";
import type { TxPool } from "../../txpool/index.js";
import type { MethodRegistry } from "../registry.js";
import { registerTxPoolMethods } from "../txpool-methods.js";
import { registerAccessListMethods } from "./access-list.js";
import { RPC_CALL_TIMEOUT_MS } from "./call.js";
import { SUGGESTED_TIP } from "./methods.js";
import { registerProofMethods } from "./proof.js";
import { registerSignMethods } from "./sign.js";

export function registerEthExtraMethods(
  registry: MethodRegistry,
  chain: Chain,
  pool: TxPool,
  signingKey: (address: Address) => Uint8Array | undefined,
  callTimeoutMs: number = RPC_CALL_TIMEOUT_MS,
): void {
  registerAccessListMethods(registry, chain, SUGGESTED_TIP, callTimeoutMs);
  registerProofMethods(registry, chain);
  registerSignMethods(registry, { chainId: chain.spec.chainId, signingKey });
  registerTxPoolMethods(registry, pool);
  // A dev node serves these namespaces as anvil does (geth enables them per --http.api).
  registry.enableNamespace("personal");
  registry.enableNamespace("txpool");
}
