/**
 * rpc/eth/headers: eth_getHeaderByNumber and eth_getHeaderByHash, go-ethereum's
 * internal/ethapi GetHeaderByNumber / GetHeaderByHash: the header JSON of RPCMarshalHeader
 * (the block object without size, uncles, transactions and withdrawals), null for an unknown
 * block.
 */
import type { Chain } from "../../chain/index.js";
import { argBlockNumber, argHash } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { lookupBlockNumber } from "./args.js";
import { formatHeader } from "./format.js";

export function registerHeaderMethods(registry: MethodRegistry, chain: Chain): void {
  registry.register(
    "eth_getHeaderByNumber",
    (p) => {
      const header = lookupBlockNumber(chain, argBlockNumber(p, 0));
      return header === undefined ? null : formatHeader(header);
    },
    { arity: [1, 1] },
  );
  registry.register(
    "eth_getHeaderByHash",
    (p) => {
      const header = chain.getHeader(argHash(p, 0));
      return header === undefined ? null : formatHeader(header);
    },
    { arity: [1, 1] },
  );
}
