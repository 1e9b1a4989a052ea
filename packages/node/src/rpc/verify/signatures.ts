/**
 * rpc/verify/signatures: the selector and topic table of a verified ABI, so an explorer can
 * decode calls, events and errors of the contract without hashing: `functions` and `errors` by
 * 4-byte selector, `events` by topic 0, each as a human-readable signature with parameter
 * names ("stash(uint256 amount, string note)", "Stashed(address indexed who, ...)"), tuples
 * written as "(type,type)" as the Solidity ABI spec's canonical form does.
 */
import { keccak256 } from "../../crypto/index.js";
import { bytesToHex } from "../../primitives/index.js";

interface AbiParam {
  readonly type?: unknown;
  readonly name?: unknown;
  readonly indexed?: unknown;
  readonly components?: readonly AbiParam[];
}

interface AbiEntry {
  readonly type?: unknown;
  readonly name?: unknown;
  readonly inputs?: readonly AbiParam[];
  readonly anonymous?: unknown;
}

export interface SignatureTable {
  readonly functions: Record<string, string>;
  readonly events: Record<string, string>;
  readonly errors: Record<string, string>;
}

/** The canonical type: `tuple[2]` with components (uint256,address) -> `(uint256,address)[2]`. */
export function canonicalType(p: AbiParam): string {
  const type = String(p.type ?? "");
  if (!type.startsWith("tuple")) return type;
  return `(${(p.components ?? []).map(canonicalType).join(",")})${type.slice("tuple".length)}`;
}

export function signatureTable(abi: readonly unknown[]): SignatureTable {
  const table: SignatureTable = { functions: {}, events: {}, errors: {} };
  for (const raw of abi) {
    const e = raw as AbiEntry;
    if (typeof e.name !== "string" || (e.type !== "function" && e.type !== "event" && e.type !== "error")) continue;
    if (e.type === "event" && e.anonymous === true) continue;
    const inputs = e.inputs ?? [];
    const canonical = `${e.name}(${inputs.map(canonicalType).join(",")})`;
    const readable = `${e.name}(${inputs
      .map(
        (p, i) =>
          `${canonicalType(p)}${p.indexed === true ? " indexed" : ""} ${typeof p.name === "string" && p.name !== "" ? p.name : `arg${i}`}`,
      )
      .join(", ")})`;
    const hash = bytesToHex(keccak256(new TextEncoder().encode(canonical)));
    if (e.type === "event") table.events[hash] = readable;
    else if (e.type === "function") table.functions[hash.slice(0, 10)] = readable;
    else table.errors[hash.slice(0, 10)] = readable;
  }
  return table;
}
