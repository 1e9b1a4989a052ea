/**
 * params/genesis-json: reads a go-ethereum style genesis.json into a `Genesis` and its
 * `ChainSpec`, with errors that name the offending JSON path.
 *
 * Accepted forms follow go-ethereum: integers as JSON numbers, decimal strings or 0x-hex
 * strings; byte fields as 0x-hex; alloc addresses with or without 0x. Integers too large for a
 * JS number (a mainnet-sized terminalTotalDifficulty) are read losslessly. Fields that only
 * concern proof-of-work difficulty (muirGlacierBlock, arrowGlacierBlock, grayGlacierBlock) or
 * consensus engines (ethash, clique) are accepted and ignored here; forks Cairn does not know
 * (bpo1Time..., amsterdamTime, verkleTime) are rejected rather than silently ignored.
 */
import { type Address, bytesToBigint, type Hash32, hexToBytes, parseBigint, UINT64_MAX, UINT256_MAX } from "../primitives/index.js";
import type { BlobParams } from "./blob-schedule.js";
import { type ChainSpec, type ForkActivation, makeChainSpec } from "./chain-spec.js";
import { ChainSpecError } from "./errors.js";
import type { Fork } from "./forks.js";
import { parseFork } from "./forks.js";
import type { Genesis, GenesisAccount } from "./genesis.js";

type Json = unknown;
type JsonObject = Record<string, Json>;

/**
 * JSON.parse that keeps integers beyond 2^53 exact: such literals are turned into decimal
 * strings before parsing (every integer field here accepts decimal strings).
 */
export function parseJsonLossless(text: string): Json {
  let out = "";
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 2; // backslash escapes the next character
      else {
        if (c === 0x22) inString = false;
        i++;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      const token = text.slice(i, j);
      if (/^-?\d{16,}$/.test(token)) {
        out += `${text.slice(copied, i)}"${token}"`;
        copied = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return JSON.parse(out + text.slice(copied));
}

function isObject(v: Json): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: Json): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

function uint(v: Json, path: string, max: bigint): bigint {
  let n: bigint;
  try {
    if (typeof v !== "number" && typeof v !== "string") throw new Error();
    n = parseBigint(v);
  } catch {
    throw new ChainSpecError(`${path}: expected a non-negative integer (number, decimal or 0x-hex string), got ${describe(v)}`);
  }
  if (n < 0n) throw new ChainSpecError(`${path}: must not be negative, got ${n}`);
  if (n > max) throw new ChainSpecError(`${path}: ${n} does not fit in ${max === UINT64_MAX ? 64 : 256} bits`);
  return n;
}

function optUint(obj: JsonObject, key: string, path: string, max: bigint): bigint | undefined {
  const v = obj[key];
  return v === undefined || v === null ? undefined : uint(v, `${path}${key}`, max);
}

function hex(v: Json, path: string): Uint8Array {
  if (typeof v !== "string" || !/^0x[0-9a-fA-F]*$/.test(v))
    throw new ChainSpecError(`${path}: expected a 0x-prefixed hex string, got ${describe(v)}`);
  return hexToBytes(v.length % 2 === 1 ? `0x0${v.slice(2)}` : v);
}

function fixed(v: Json, path: string, length: number): Uint8Array {
  const b = hex(v, path);
  if (b.length !== length) throw new ChainSpecError(`${path}: expected ${length} bytes, got ${b.length}`);
  return b;
}

/** A storage word: up to 32 bytes, left-padded (dev genesis files often write "0x01"). */
function word(v: Json, path: string): bigint {
  const b = hex(v, path);
  if (b.length > 32) throw new ChainSpecError(`${path}: a storage word has at most 32 bytes, got ${b.length}`);
  return bytesToBigint(b);
}

function parseAddress(s: string, path: string): Address {
  const body = s.startsWith("0x") || s.startsWith("0X") ? s.slice(2) : s;
  if (!/^[0-9a-fA-F]{40}$/.test(body)) throw new ChainSpecError(`${path}: expected a 20-byte hex address, got ${describe(s)}`);
  return hexToBytes(body) as Address;
}

/** Block-numbered forks and the config key that schedules each. */
const BLOCK_KEYS: readonly [Fork, string][] = [
  ["Homestead", "homesteadBlock"],
  ["EIP150", "eip150Block"],
  ["EIP158", "eip158Block"],
  ["Byzantium", "byzantiumBlock"],
  ["Constantinople", "constantinopleBlock"],
  ["ConstantinopleFix", "petersburgBlock"],
  ["Istanbul", "istanbulBlock"],
  ["Berlin", "berlinBlock"],
  ["London", "londonBlock"],
];

const TIME_KEYS: readonly [Fork, string][] = [
  ["Shanghai", "shanghaiTime"],
  ["Cancun", "cancunTime"],
  ["Prague", "pragueTime"],
  ["Osaka", "osakaTime"],
];

const UNSUPPORTED_KEY = /^(bpo\d+Time|amsterdamTime|verkleTime|eip7594Time)$/;

function parseBlobSchedule(v: Json): Partial<Record<Fork, BlobParams>> {
  if (!isObject(v)) throw new ChainSpecError(`config.blobSchedule: expected an object, got ${describe(v)}`);
  const out: Partial<Record<Fork, BlobParams>> = {};
  for (const [name, entry] of Object.entries(v)) {
    const path = `config.blobSchedule.${name}`;
    const fork = parseFork(name);
    if (!fork) throw new ChainSpecError(`${path}: unknown or unsupported fork ${name}`);
    if (!isObject(entry)) throw new ChainSpecError(`${path}: expected an object, got ${describe(entry)}`);
    for (const key of ["target", "max", "baseFeeUpdateFraction"])
      if (entry[key] === undefined || entry[key] === null) throw new ChainSpecError(`${path}.${key} is required`);
    out[fork] = {
      target: Number(uint(entry.target, `${path}.target`, 1_000_000n)),
      max: Number(uint(entry.max, `${path}.max`, 1_000_000n)),
      baseFeeUpdateFraction: uint(entry.baseFeeUpdateFraction, `${path}.baseFeeUpdateFraction`, UINT64_MAX),
    };
  }
  return out;
}

/** The `config` object of a genesis.json as a validated chain spec. */
export function chainSpecFromJson(config: Json): ChainSpec {
  if (!isObject(config)) throw new ChainSpecError(`config: expected an object, got ${describe(config)}`);
  const p = "config.";
  for (const [key, v] of Object.entries(config))
    if (UNSUPPORTED_KEY.test(key) && v !== null) throw new ChainSpecError(`${p}${key}: this fork is not supported`);
  const chainId = optUint(config, "chainId", p, UINT256_MAX);
  if (chainId === undefined) throw new ChainSpecError("config.chainId is required");

  const activations: Partial<Record<Fork, ForkActivation>> = {};
  // Spurious Dragon is one fork here; go-ethereum schedules its EIP-155 part separately.
  const eip155 = optUint(config, "eip155Block", p, UINT64_MAX);
  const eip158 = optUint(config, "eip158Block", p, UINT64_MAX);
  if (eip155 !== undefined && eip158 !== undefined && eip155 !== eip158)
    throw new ChainSpecError(`config.eip155Block (${eip155}) and config.eip158Block (${eip158}) must be equal: both are Spurious Dragon`);
  for (const [fork, key] of BLOCK_KEYS) {
    const block = fork === "EIP158" ? (eip158 ?? eip155) : optUint(config, key, p, UINT64_MAX);
    if (block !== undefined) activations[fork] = { kind: "block", block };
  }
  // go-ethereum: without petersburgBlock, Petersburg activates with Constantinople.
  if (!activations.ConstantinopleFix && activations.Constantinople) activations.ConstantinopleFix = activations.Constantinople;

  const ttd = optUint(config, "terminalTotalDifficulty", p, UINT256_MAX);
  const netsplit = optUint(config, "mergeNetsplitBlock", p, UINT64_MAX);
  if (netsplit !== undefined) activations.Paris = { kind: "block", block: netsplit };
  else if (ttd !== undefined) activations.Paris = { kind: "ttd", terminalTotalDifficulty: ttd };

  for (const [fork, key] of TIME_KEYS) {
    const timestamp = optUint(config, key, p, UINT64_MAX);
    if (timestamp !== undefined) activations[fork] = { kind: "timestamp", timestamp };
  }
  const blobSchedule =
    config.blobSchedule === undefined || config.blobSchedule === null ? undefined : parseBlobSchedule(config.blobSchedule);
  const deposit = config.depositContractAddress;
  const depositContractAddress =
    deposit === undefined || deposit === null ? undefined : (fixed(deposit, "config.depositContractAddress", 20) as Address);
  return makeChainSpec({ chainId, activations, terminalTotalDifficulty: ttd, blobSchedule, depositContractAddress });
}

function parseAccount(addressKey: string, v: Json): GenesisAccount {
  const path = `alloc.${addressKey}`;
  const address = parseAddress(addressKey, path);
  if (!isObject(v)) throw new ChainSpecError(`${path}: expected an object, got ${describe(v)}`);
  const storage = new Map<bigint, bigint>();
  if (v.storage !== undefined && v.storage !== null) {
    if (!isObject(v.storage)) throw new ChainSpecError(`${path}.storage: expected an object, got ${describe(v.storage)}`);
    for (const [k, val] of Object.entries(v.storage)) {
      const slot = word(k, `${path}.storage key`);
      if (storage.has(slot)) throw new ChainSpecError(`${path}.storage: slot ${k} is given twice`);
      storage.set(slot, word(val, `${path}.storage.${k}`));
    }
  }
  return {
    address,
    // go-ethereum requires a balance; older fixtures omit it for code-only accounts.
    balance: optUint(v, "balance", `${path}.`, UINT256_MAX) ?? 0n,
    nonce: optUint(v, "nonce", `${path}.`, UINT64_MAX) ?? 0n,
    code: v.code === undefined || v.code === null ? new Uint8Array(0) : hex(v.code, `${path}.code`),
    storage,
  };
}

/** A parsed genesis.json object (use `parseGenesisJson` for text, to keep big integers exact). */
export function genesisFromJson(json: Json): Genesis {
  if (!isObject(json)) throw new ChainSpecError(`genesis: expected a JSON object, got ${describe(json)}`);
  if (json.config === undefined) throw new ChainSpecError("genesis: config is required");
  const spec = chainSpecFromJson(json.config);
  const alloc: GenesisAccount[] = [];
  const seen = new Set<string>();
  if (json.alloc !== undefined && json.alloc !== null) {
    if (!isObject(json.alloc)) throw new ChainSpecError(`alloc: expected an object, got ${describe(json.alloc)}`);
    for (const [key, v] of Object.entries(json.alloc)) {
      const account = parseAccount(key, v);
      const id = key.toLowerCase().replace(/^0x/, "");
      if (seen.has(id)) throw new ChainSpecError(`alloc: address ${key} is given twice`);
      seen.add(id);
      alloc.push(account);
    }
  }
  const opt = <T>(key: string, read: (v: Json, path: string) => T): T | undefined => {
    const v = json[key];
    return v === undefined || v === null ? undefined : read(v, key);
  };
  const u64 = (v: Json, path: string) => uint(v, path, UINT64_MAX);
  const u256 = (v: Json, path: string) => uint(v, path, UINT256_MAX);
  const hash = (v: Json, path: string) => fixed(v, path, 32) as Hash32;
  return Object.freeze({
    spec,
    // go-ethereum writes the nonce as a hex quantity; "0x0000000000000042" and "0x42" are the same.
    nonce: opt("nonce", u64),
    timestamp: opt("timestamp", u64),
    extraData: opt("extraData", hex),
    gasLimit: opt("gasLimit", u64),
    difficulty: opt("difficulty", u256),
    mixHash: opt("mixHash", hash),
    coinbase: opt("coinbase", (v, path) => fixed(v, path, 20) as Address),
    number: opt("number", u64),
    gasUsed: opt("gasUsed", u64),
    parentHash: opt("parentHash", hash),
    baseFeePerGas: opt("baseFeePerGas", u256),
    excessBlobGas: opt("excessBlobGas", u64),
    blobGasUsed: opt("blobGasUsed", u64),
    parentBeaconBlockRoot: opt("parentBeaconBlockRoot", hash),
    alloc: Object.freeze(alloc),
  });
}

/** Reads genesis.json text. Throws ChainSpecError (or SyntaxError for malformed JSON). */
export function parseGenesisJson(text: string): Genesis {
  return genesisFromJson(parseJsonLossless(text));
}
