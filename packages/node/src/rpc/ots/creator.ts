/**
 * rpc/ots/creator: ots_getContractCreator, the transaction that created a contract and the
 * account that created it (the sender for a top-level creation, the creating contract for a
 * CREATE or CREATE2 inside a transaction, as Erigon's CreateTracer reports). Top-level creations
 * are indexed (chain/history.ts `C`). Other contracts are found as Erigon does without an index:
 * a binary search over the stored states of the canonical chain for the first block whose state
 * holds the code (every block's state stays readable: nothing is pruned), then a replay of that
 * block watching for the creation. An account without code at the head has no creator (null).
 */
import { type Chain, creationTxHash } from "../../chain/index.js";
import type { FrameEnter, Tracer } from "../../evm/index.js";
import { type Address, bytesToHex, equalBytes } from "../../primitives/index.js";
import { transactionHash } from "../../types/index.js";
import { openReplay } from "./traces.js";

export interface ContractCreatorJson {
  hash: string;
  creator: string;
}

/** Notes the frame that created `target`. */
class CreateTracer implements Tracer {
  creator: Address | undefined;
  constructor(private readonly target: Address) {}
  enter(e: FrameEnter): void {
    if (this.creator === undefined && (e.type === "CREATE" || e.type === "CREATE2") && equalBytes(e.to, this.target)) this.creator = e.from;
  }
}

export function contractCreator(chain: Chain, address: Address): ContractCreatorJson | null {
  const head = chain.head;
  const hasCodeAt = (n: bigint): boolean => {
    const h = n === head.header.number ? head : chain.getHeaderByNumber(n);
    return h !== undefined && chain.stateAt(h.header.stateRoot).getCode(address).length > 0;
  };
  if (!hasCodeAt(head.header.number)) return null;
  const indexed = creationTxHash(chain.kv, address);
  if (indexed !== undefined) {
    const found = chain.getTransaction(indexed);
    const header = found === undefined ? undefined : chain.getHeader(found.lookup.blockHash);
    if (found !== undefined && header !== undefined)
      return { hash: bytesToHex(indexed), creator: bytesToHex(chain.storedSender(found.tx, header)) };
  }
  // Genesis code (an allocation) has no creating transaction.
  if (hasCodeAt(0n)) return null;
  let lo = 0n; // no code here
  let hi = head.header.number; // code here
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (hasCodeAt(mid)) hi = mid;
    else lo = mid;
  }
  const block = chain.getBlockByNumber(hi);
  if (block === undefined) return null;
  const replay = openReplay(chain, block);
  for (const tx of block.body.transactions) {
    const tracer = new CreateTracer(address);
    replay.apply(tx, tracer);
    if (tracer.creator !== undefined) return { hash: bytesToHex(transactionHash(tx)), creator: bytesToHex(tracer.creator) };
  }
  // The code appeared without a creation (a developer chain's anvil_setCode).
  return null;
}
