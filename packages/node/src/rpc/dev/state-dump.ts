/**
 * rpc/dev/state-dump: the wire form of anvil_dumpState / anvil_loadState, anvil's: the state as
 * JSON (accounts by address: nonce, balance, code, storage), gzip-compressed, as 0x-hex.
 * Loading also takes uncompressed JSON hex, and a dump made by anvil itself (only its accounts
 * are applied: its blocks and transactions are not replayed, see producer/dev-controls.ts).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { type Address, asAddress, hexToBytes } from "../../primitives/index.js";
import type { DumpedState } from "../../producer/index.js";
import { invalidParams } from "../errors.js";

export interface LoadedAccount {
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
}

/** anvil's answer to a dump it cannot read */
const DECODE_FAILED = "Failed to decode state dump";

export function encodeStateDump(state: DumpedState): string {
  return `0x${gzipSync(Buffer.from(JSON.stringify(state))).toString("hex")}`;
}

function num(v: unknown, what: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) return BigInt(v);
  throw invalidParams(`state dump: bad ${what}`);
}

export function decodeStateDump(hex: string): Map<Address, LoadedAccount> {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw invalidParams(`invalid value: string ${JSON.stringify(hex)}, expected a valid hex string`);
  let bytes = Buffer.from(hex.slice(2), "hex");
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw invalidParams(DECODE_FAILED);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw invalidParams(DECODE_FAILED);
  }
  const accounts = (json as { accounts?: unknown }).accounts;
  if (typeof accounts !== "object" || accounts === null) throw invalidParams(DECODE_FAILED);
  const out = new Map<Address, LoadedAccount>();
  for (const [addr, raw] of Object.entries(accounts as Record<string, unknown>)) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(addr)) throw invalidParams(`state dump: bad address ${addr}`);
    const a = raw as { nonce?: unknown; balance?: unknown; code?: unknown; storage?: unknown };
    const code = typeof a.code === "string" && /^0x([0-9a-fA-F]{2})*$/.test(a.code) ? hexToBytes(a.code) : new Uint8Array(0);
    const storage = new Map<bigint, bigint>();
    if (typeof a.storage === "object" && a.storage !== null)
      for (const [k, v] of Object.entries(a.storage as Record<string, unknown>)) storage.set(num(k, "slot"), num(v, "storage value"));
    out.set(asAddress(hexToBytes(addr)), {
      nonce: num(a.nonce ?? 0, "nonce"),
      balance: num(a.balance ?? 0, "balance"),
      code,
      storage,
    });
  }
  return out;
}
