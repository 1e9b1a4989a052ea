/**
 * tokens: token transfers read from logs (ERC-20 and ERC-721 Transfer, ERC-1155 TransferSingle
 * and TransferBatch) and token metadata (name, symbol, decimals) read with eth_call, cached
 * per address for the page's lifetime.
 */
import { decodeParams } from "./abi.js";
import { addressLink, hexBytes, printable, units } from "./format.js";
import { html, type Safe } from "./html.js";
import { ok, type Rpc, Unavailable } from "./rpc.js";
import type { RpcLog } from "./types.js";

/** keccak256 of the event signatures (fixed by the standards). */
export const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
export const TRANSFER_SINGLE_TOPIC = "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62";
export const TRANSFER_BATCH_TOPIC = "0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb";

export interface TokenTransfer {
  readonly token: string;
  readonly standard: "ERC-20" | "ERC-721" | "ERC-1155";
  readonly from: string;
  readonly to: string;
  /** ERC-20 amount, ERC-1155 amount; undefined for ERC-721 */
  readonly amount?: bigint;
  readonly tokenId?: bigint;
  readonly txHash: string;
  readonly blockNumber: string;
  readonly logIndex: string;
}

function topicAddress(t: string): string {
  return `0x${t.slice(-40)}`.toLowerCase();
}

export function transfersOf(logs: readonly RpcLog[]): TokenTransfer[] {
  const out: TokenTransfer[] = [];
  for (const log of logs) {
    const t0 = log.topics[0]?.toLowerCase();
    const base = { token: log.address.toLowerCase(), txHash: log.transactionHash, blockNumber: log.blockNumber, logIndex: log.logIndex };
    try {
      if (t0 === TRANSFER_TOPIC && log.topics.length === 3) {
        const [amount] = decodeParams(["uint256"], hexBytes(log.data)) as [bigint];
        out.push({ ...base, standard: "ERC-20", from: topicAddress(log.topics[1]!), to: topicAddress(log.topics[2]!), amount });
      } else if (t0 === TRANSFER_TOPIC && log.topics.length === 4) {
        const tokenId = BigInt(log.topics[3]!);
        out.push({ ...base, standard: "ERC-721", from: topicAddress(log.topics[1]!), to: topicAddress(log.topics[2]!), tokenId });
      } else if (t0 === TRANSFER_SINGLE_TOPIC && log.topics.length === 4) {
        const [tokenId, amount] = decodeParams(["uint256", "uint256"], hexBytes(log.data)) as [bigint, bigint];
        out.push({ ...base, standard: "ERC-1155", from: topicAddress(log.topics[2]!), to: topicAddress(log.topics[3]!), tokenId, amount });
      } else if (t0 === TRANSFER_BATCH_TOPIC && log.topics.length === 4) {
        const [ids, amounts] = decodeParams(["uint256[]", "uint256[]"], hexBytes(log.data)) as [bigint[], bigint[]];
        ids.forEach((tokenId, i) => {
          out.push({
            ...base,
            standard: "ERC-1155",
            from: topicAddress(log.topics[2]!),
            to: topicAddress(log.topics[3]!),
            tokenId,
            amount: amounts[i],
          });
        });
      }
    } catch {
      // A log that only looks like a transfer: not listed.
    }
  }
  return out;
}

export interface TokenInfo {
  readonly name?: string;
  readonly symbol?: string;
  readonly decimals?: number;
  readonly totalSupply?: bigint;
}

const cache = new Map<string, Promise<TokenInfo>>();

function text(hex: string): string | undefined {
  try {
    return decodeParams(["string"], hexBytes(hex))[0] as string;
  } catch {
    // Old tokens (MKR) return bytes32.
    return hex.length === 66 ? printable(hex.replace(/(00)+$/, "")) : undefined;
  }
}

function uint(hex: string): bigint | undefined {
  try {
    return decodeParams(["uint256"], hexBytes(hex))[0] as bigint;
  } catch {
    return undefined;
  }
}

export function tokenInfo(rpc: Rpc, address: string): Promise<TokenInfo> {
  const key = address.toLowerCase();
  let p = cache.get(key);
  if (p === undefined) {
    // name() symbol() decimals() totalSupply()
    const sels = ["0x06fdde03", "0x95d89b41", "0x313ce567", "0x18160ddd"];
    p = rpc
      .batch<string>(sels.map((data) => ["eth_call", [{ to: key, data }, "latest"]] as const))
      .then(([n, s, d, ts]) => {
        const dec = d !== undefined && ok(d) ? uint(d) : undefined;
        return {
          name: n !== undefined && ok(n) ? text(n) : undefined,
          symbol: s !== undefined && ok(s) ? text(s) : undefined,
          decimals: dec !== undefined && dec <= 255n ? Number(dec) : undefined,
          totalSupply: ts !== undefined && ok(ts) ? uint(ts) : undefined,
        };
      })
      .catch(() => ({}));
    cache.set(key, p);
  }
  return p;
}

export function amountHtml(t: TokenTransfer, info: TokenInfo | undefined): Safe {
  const sym = info?.symbol ?? "";
  if (t.standard === "ERC-721") return html`<span class="mono">#${t.tokenId!.toString()}</span> ${sym}`;
  const amount = t.amount ?? 0n;
  const shown = t.standard === "ERC-20" && info?.decimals !== undefined ? units(amount, info.decimals) : amount.toString();
  const id = t.standard === "ERC-1155" ? html` <span class="muted">id ${t.tokenId!.toString()}</span>` : "";
  return html`<span class="mono">${shown}</span> ${sym}${id}`;
}

export function tokenLabel(t: TokenTransfer, info: TokenInfo | undefined): Safe {
  const name = info?.symbol ?? info?.name;
  return html`${addressLink(t.token)}${name !== undefined ? html` <span class="pill">${name}</span>` : ""} <span class="muted">${t.standard}</span>`;
}

/** Token metadata for every distinct token in a list, fetched together. */
export async function tokenInfos(rpc: Rpc, transfers: readonly TokenTransfer[]): Promise<Map<string, TokenInfo>> {
  const tokens = [...new Set(transfers.map((t) => t.token))];
  const infos = await Promise.all(tokens.map((t) => tokenInfo(rpc, t)));
  return new Map(tokens.map((t, i) => [t, infos[i]!]));
}

/** The most transfers one address page lists from eth_getLogs. */
export const MAX_LOG_TRANSFERS = 500;

/**
 * Every token transfer from, to or of `address` over the whole chain with eth_getLogs (five
 * filters: ERC-20/721 from and to, ERC-1155 from and to, and the token's own transfers), newest
 * first; Unavailable when the node has no eth_getLogs. An error of the node (a range limit)
 * throws, and the caller falls back to the transfers of the scanned blocks.
 */
export async function transfersByLogs(rpc: Rpc, address: string): Promise<TokenTransfer[] | Unavailable> {
  const a = address.toLowerCase();
  const topic = `0x${"0".repeat(24)}${a.slice(2)}`;
  const multi = [TRANSFER_SINGLE_TOPIC, TRANSFER_BATCH_TOPIC];
  const filters = [
    { topics: [TRANSFER_TOPIC, topic] },
    { topics: [TRANSFER_TOPIC, null, topic] },
    { topics: [multi, null, topic] },
    { topics: [multi, null, null, topic] },
    { address: a, topics: [[TRANSFER_TOPIC, ...multi]] },
  ].map((f) => ({ fromBlock: "0x0", toBlock: "latest", ...f }));
  const first = await rpc.optional<RpcLog[]>("eth_getLogs", [filters[0]]);
  if (first instanceof Unavailable) return first;
  const rest = await rpc.batch<RpcLog[]>(filters.slice(1).map((f) => ["eth_getLogs", [f]] as const));
  const seen = new Map<string, RpcLog>();
  for (const list of [first, ...rest]) {
    if (!ok(list)) throw list;
    for (const log of list) seen.set(`${log.transactionHash}:${log.logIndex}`, log);
  }
  const logs = [...seen.values()].sort((x, y) => {
    const d = BigInt(y.blockNumber) - BigInt(x.blockNumber);
    return d !== 0n ? (d > 0n ? 1 : -1) : Number(BigInt(y.logIndex) - BigInt(x.logIndex));
  });
  return transfersOf(logs)
    .filter((t) => t.from === a || t.to === a || t.token === a)
    .slice(0, MAX_LOG_TRANSFERS);
}
