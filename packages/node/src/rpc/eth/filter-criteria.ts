/**
 * rpc/eth/filter-criteria: the log filter object of eth_getLogs, eth_newFilter and the "logs"
 * subscription, decoded as go-ethereum's FilterCriteria.UnmarshalJSON (eth/filters/api.go) and
 * matched as its filterLogs: `address` is one address or an array (any of them matches),
 * `topics` has at most four positions, each null (wildcard), one topic, or an array of topics
 * (OR; a null inside the array makes the position a wildcard); a log with fewer topics than
 * the filter has positions never matches. `blockHash` excludes fromBlock/toBlock.
 *
 * A block's logsBloom lets a query skip a block without reading its logs: every position with
 * topics and the address list must each have at least one member in the bloom.
 */

import { keccak256 } from "../../crypto/index.js";
import { type Address, asAddress, bytesKey, type Hash32, hexToBytes } from "../../primitives/index.js";
import { BLOOM_BYTES } from "../../types/index.js";
import { invalidParams, RpcError, SERVER_ERROR } from "../errors.js";
import { argBlockNumber, argHash, type BlockTag } from "../params.js";

/** The most topic positions a filter may have: LOG0..LOG4. */
export const MAX_TOPICS = 4;
/** geth's maxSubTopics: topics in one OR position. */
export const MAX_SUB_TOPICS = 1000;
/** geth's --rpc.logquerylimit default: addresses, or topics at one position, per query. */
export const DEFAULT_LOG_QUERY_LIMIT = 1000;

export type BlockSelector = bigint | BlockTag;

export interface FilterCriteria {
  readonly blockHash?: Hash32 | undefined;
  readonly fromBlock?: BlockSelector | undefined;
  readonly toBlock?: BlockSelector | undefined;
  /** empty: any address */
  readonly addresses: readonly Address[];
  /** per position: empty means wildcard */
  readonly topics: readonly (readonly Hash32[])[];
}

// eth/filters errors with geth's wording. The ones geth marks invalidParamsErr answer -32602.
export const errInvalidTopic = (): RpcError => invalidParams("invalid topic(s)");
export const errInvalidBlockRange = (): RpcError => invalidParams("invalid block range params");
export const errBlockRangeBeyondHead = (): RpcError => invalidParams("block range extends beyond current head block");
export const errFilterNotFound = (): RpcError => new RpcError(SERVER_ERROR, "filter not found");
export const errUnknownBlock = (): RpcError => new RpcError(SERVER_ERROR, "unknown block");
export const errPendingLogsUnsupported = (): RpcError => new RpcError(SERVER_ERROR, "pending logs are not supported");
export const errExceedMaxTopics = (): RpcError => new RpcError(SERVER_ERROR, "exceed max topics");
export const errExceedLogQueryLimit = (): RpcError => new RpcError(SERVER_ERROR, "exceed max addresses or topics per search position");
export const errExceedBlockRange = (limit: bigint): RpcError => invalidParams(`exceed maximum block range: ${limit}`);

/** A decoding failure inside the criteria object, reported as geth's "invalid argument N: ...". */
class CriteriaError extends Error {}

/** hexutil.Decode: 0x-prefixed, even length, hex digits; "0x" is empty bytes. */
function hexDecode(s: string): Uint8Array {
  if (s.length === 0) throw new CriteriaError("empty hex string");
  if (!(s.startsWith("0x") || s.startsWith("0X"))) throw new CriteriaError("hex string without 0x prefix");
  const body = s.slice(2);
  if (body.length % 2 !== 0) throw new CriteriaError("hex string of odd length");
  if (!/^[0-9a-fA-F]*$/.test(body)) throw new CriteriaError("invalid hex string");
  return hexToBytes(s);
}

function decodeAddress(s: string): Address {
  const b = hexDecode(s);
  if (b.length !== 20) throw new CriteriaError(`hex has invalid length ${b.length} after decoding; expected 20 for address`);
  return asAddress(b);
}

function decodeTopic(s: string): Hash32 {
  const b = hexDecode(s);
  if (b.length !== 32) throw new CriteriaError(`hex has invalid length ${b.length} after decoding; expected 32 for topic`);
  return b as Hash32;
}

/** Decodes the criteria object at params[index]; errors name that argument as geth does. */
export function argFilterCriteria(params: unknown[], index: number): FilterCriteria {
  const v = params[index];
  if (v === undefined) throw invalidParams(`missing value for required argument ${index}`);
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    const kind = v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v;
    if (v === null) return { addresses: [], topics: [] };
    throw invalidParams(`invalid argument ${index}: json: cannot unmarshal ${kind} into Go value of type filters.input`);
  }
  const o = v as Record<string, unknown>;
  const present = (k: string): boolean => o[k] !== undefined && o[k] !== null;
  const wrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof CriteriaError) throw invalidParams(`invalid argument ${index}: ${e.message}`);
      if (e instanceof RpcError) {
        // field decoders report "invalid argument 0: ..."; re-aim them at this argument.
        throw invalidParams(e.message.replace(/^invalid argument 0: /, `invalid argument ${index}: `));
      }
      throw e;
    }
  };
  return wrap(() => {
    // json.Unmarshal decodes every field before UnmarshalJSON checks their combination.
    const blockHash = present("blockHash") ? (argHash([o.blockHash], 0) as Hash32) : undefined;
    const fromBlock = present("fromBlock") ? argBlockNumber([o.fromBlock], 0) : undefined;
    const toBlock = present("toBlock") ? argBlockNumber([o.toBlock], 0) : undefined;
    if (blockHash !== undefined && (fromBlock !== undefined || toBlock !== undefined))
      throw new CriteriaError("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    const addresses: Address[] = [];
    const rawAddr = o.address;
    if (rawAddr !== undefined && rawAddr !== null) {
      if (Array.isArray(rawAddr)) {
        rawAddr.forEach((a, i) => {
          if (typeof a !== "string") throw new CriteriaError(`non-string address at index ${i}`);
          try {
            addresses.push(decodeAddress(a));
          } catch (e) {
            throw new CriteriaError(`invalid address at index ${i}: ${(e as Error).message}`);
          }
        });
      } else if (typeof rawAddr === "string") {
        try {
          addresses.push(decodeAddress(rawAddr));
        } catch (e) {
          throw new CriteriaError(`invalid address: ${(e as Error).message}`);
        }
      } else throw new CriteriaError("invalid addresses in query");
    }
    const topics: Hash32[][] = [];
    const rawTopics = o.topics;
    if (rawTopics !== undefined && rawTopics !== null) {
      if (!Array.isArray(rawTopics))
        throw new CriteriaError(`json: cannot unmarshal ${typeof rawTopics} into Go struct field input.topics of type []interface {}`);
      if (rawTopics.length > MAX_TOPICS) throw new CriteriaError("exceed max topics");
      for (const t of rawTopics) {
        if (t === null) topics.push([]);
        else if (typeof t === "string") topics.push([decodeTopic(t)]);
        else if (Array.isArray(t)) {
          if (t.length > MAX_SUB_TOPICS) throw new CriteriaError("exceed max topics");
          let position: Hash32[] = [];
          for (const sub of t) {
            // a null member makes the whole position a wildcard (geth stops reading there)
            if (sub === null) {
              position = [];
              break;
            }
            if (typeof sub !== "string") throw new CriteriaError("invalid topic(s)");
            position.push(decodeTopic(sub));
          }
          topics.push(position);
        } else throw new CriteriaError("invalid topic(s)");
      }
    }
    return { blockHash, fromBlock, toBlock, addresses, topics };
  });
}

/** geth's validateLogCriteria: the query-size limits checked when a query or filter starts. */
export function checkQueryLimits(c: FilterCriteria, limit: number = DEFAULT_LOG_QUERY_LIMIT): void {
  if (c.topics.length > MAX_TOPICS) throw errExceedMaxTopics();
  if (limit === 0) return;
  if (c.addresses.length > limit) throw errExceedLogQueryLimit();
  for (const t of c.topics) if (t.length > limit) throw errExceedLogQueryLimit();
}

/** What a log offers a filter. */
export interface MatchableLog {
  readonly address: Uint8Array;
  readonly topics: readonly Uint8Array[];
}

/** A criteria's addresses and topics as sets of bytesKey strings (undefined: any), made once per query. */
export interface KeyedCriteria {
  readonly addresses: ReadonlySet<string> | undefined;
  readonly topics: readonly (ReadonlySet<string> | undefined)[];
}

/** A log's address and topics as bytesKey strings (made once per cached block). */
export interface LogKeys {
  readonly address: string;
  readonly topics: readonly string[];
}

export function keyedCriteria(c: FilterCriteria): KeyedCriteria {
  return {
    addresses: c.addresses.length === 0 ? undefined : new Set(c.addresses.map(bytesKey)),
    topics: c.topics.map((position) => (position.length === 0 ? undefined : new Set(position.map(bytesKey)))),
  };
}

export function logKeys(log: MatchableLog): LogKeys {
  return { address: bytesKey(log.address), topics: log.topics.map(bytesKey) };
}

/**
 * geth's filterLogs address and topic rules (block bounds are checked by the caller), on keys:
 * set lookups instead of byte comparisons.
 */
export function keyedLogMatches(k: KeyedCriteria, log: LogKeys): boolean {
  if (k.addresses !== undefined && !k.addresses.has(log.address)) return false;
  const topics = k.topics;
  if (topics.length > log.topics.length) return false;
  for (let i = 0; i < topics.length; i++) {
    const position = topics[i];
    if (position !== undefined && !position.has(log.topics[i]!)) return false;
  }
  return true;
}

/**
 * The bloom bits of a criteria's addresses and topics, computed once per query rather than once
 * per block: per group (the address list, then each topic position with topics), the
 * (byte index, mask) triples of its members, six numbers per member, laid out flat. A block may
 * match when every group has a member whose three bits are all set.
 */
export type BloomQuery = readonly Int32Array[];

/** The bits an item sets in a logs bloom (types/bloom: the low 11 bits of three 16-bit words of keccak256). */
function itemBits(item: Uint8Array, out: Int32Array, at: number): void {
  const h = keccak256(item);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 0x7ff;
    out[at + i] = BLOOM_BYTES - 1 - (bit >> 3);
    out[at + i + 1] = 1 << (bit & 7);
  }
}

function groupBits(items: readonly Uint8Array[]): Int32Array {
  const out = new Int32Array(items.length * 6);
  for (let i = 0; i < items.length; i++) itemBits(items[i]!, out, i * 6);
  return out;
}

export function bloomQuery(c: FilterCriteria): BloomQuery {
  const groups: Int32Array[] = [];
  if (c.addresses.length > 0) groups.push(groupBits(c.addresses));
  for (const position of c.topics) if (position.length > 0) groups.push(groupBits(position));
  return groups;
}

/** False when the bloom proves no log can match the query; true means "maybe". */
export function bloomQueryMatches(q: BloomQuery, bloom: Uint8Array): boolean {
  for (const g of q) {
    let any = false;
    for (let j = 0; j < g.length; j += 6) {
      if ((bloom[g[j]!]! & g[j + 1]!) !== 0 && (bloom[g[j + 2]!]! & g[j + 3]!) !== 0 && (bloom[g[j + 4]!]! & g[j + 5]!) !== 0) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}
