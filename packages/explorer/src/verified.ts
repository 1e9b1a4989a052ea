/**
 * verified: contracts verified on the node (the `cairn_getVerifiedContract` record: sources,
 * ABI, compiler settings and the ABI's selector and topic table), cached per address for the
 * page's lifetime. Pages load the records of the addresses they are about to decode in one
 * batch; decode.ts then tries a verified contract's own signatures before the built-in table.
 * A node without the method (another client) is asked once and then left alone.
 */
import { METHOD_NOT_FOUND, ok, type Rpc } from "./rpc.js";

export interface VerifiedContract {
  address: string;
  contractName: string;
  sourceName: string;
  compilerVersion: string;
  language: string;
  sources: Record<string, { content: string }>;
  settings: { optimizer?: { enabled?: boolean; runs?: number }; evmVersion?: string; [key: string]: unknown };
  abi: unknown[];
  constructorArgs?: string;
  inputKind: string;
  verifiedAt: string;
  signatures: { functions: Record<string, string>; events: Record<string, string>; errors: Record<string, string> };
}

export const VERIFIED_METHOD = "cairn_getVerifiedContract";

const cache = new Map<string, VerifiedContract | null>();

/** The verified record of `address`, if it was loaded and the contract is verified. */
export function verifiedOf(address: string | null | undefined): VerifiedContract | undefined {
  if (address === null || address === undefined) return undefined;
  return cache.get(address.toLowerCase()) ?? undefined;
}

/** Records a contract just verified from this page. */
export function remember(record: VerifiedContract): void {
  cache.set(record.address.toLowerCase(), record);
}

/** Loads the records of the addresses not asked about yet; failures leave decoding to the table. */
export async function loadVerified(rpc: Rpc, addresses: Iterable<string | null | undefined>): Promise<void> {
  if (rpc.knownMissing(VERIFIED_METHOD)) return;
  const todo = [
    ...new Set(
      [...addresses].filter((a): a is string => typeof a === "string" && /^0x[0-9a-fA-F]{40}$/.test(a)).map((a) => a.toLowerCase()),
    ),
  ].filter((a) => !cache.has(a));
  if (todo.length === 0) return;
  try {
    const answers = await rpc.batchAll<VerifiedContract | null>(todo.map((a) => [VERIFIED_METHOD, [a]] as const));
    answers.forEach((r, i) => {
      if (ok(r)) cache.set(todo[i]!, r);
      else if (r.code !== METHOD_NOT_FOUND) cache.set(todo[i]!, null);
    });
  } catch {
    // the node did not answer: decode with the built-in table
  }
}

/** Asks again for one address (the address page, where a fresh answer matters). */
export async function reloadVerified(rpc: Rpc, address: string): Promise<VerifiedContract | undefined> {
  cache.delete(address.toLowerCase());
  await loadVerified(rpc, [address]);
  return verifiedOf(address);
}
