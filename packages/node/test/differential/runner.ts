/**
 * test/differential/runner: runs one DiffCase on anvil and on Cairn from the same pre-state
 * and compares what they did.
 *
 * anvil: inside an evm_snapshot/evm_revert pair, the pre-state is set with anvil_set*, the next
 * block's coinbase, base fee and timestamp are fixed, and the signed transaction is sent raw
 * (automine). The mined block's header then gives Cairn its BlockEnv (number, timestamp,
 * coinbase, gas limit, base fee, mix hash as PREVRANDAO, excess blob gas), so both execute in
 * the same block. Cairn runs applyTransaction over a StateDb holding the same pre-state,
 * including the coinbase as anvil had it before the block.
 *
 * The accounts and slots compared are the union of the pre-state, the case's watch list, what
 * anvil's prestateTracer (diff mode) reports changed and what Cairn's StateDiff reports changed,
 * so a write that only one side made is still seen.
 */
import { applyTransaction, type BlockEnv, createEngine, type ExecutionEngine } from "../../src/execution/index.js";
import { blobParamsFor } from "../../src/params/index.js";
import { addressFromHex, bigintToQuantity, bytesToHex, hexToBytes, parseBigint } from "../../src/primitives/index.js";
import { StateDb } from "../../src/state/index.js";
import { decodeTransaction, encodeTransaction } from "../../src/types/index.js";
import { type Anvil, type RpcCall, RpcError } from "./anvil.js";
import { type AccountView, CASE_TIMESTAMP, CHAIN_ID, type DiffCase, type LogView, type Observation } from "./case.js";

interface Receipt {
  status: string;
  gasUsed: string;
  blockNumber: string;
  logs: { address: string; topics: string[]; data: string }[];
}

interface Header {
  number: string;
  hash: string;
  timestamp: string;
  miner: string;
  gasLimit: string;
  baseFeePerGas: string;
  mixHash: string;
  excessBlobGas?: string;
}

type TraceAccount = { storage?: Record<string, string> };
type PrestateDiff = { pre: Record<string, TraceAccount>; post: Record<string, TraceAccount> };

export interface CaseOutcome {
  anvil: Observation;
  cairn: Observation;
  /** Cairn's reason for a halt, for the verbose listing. */
  cairnError: string | undefined;
  differences: string[];
}

const q = bigintToQuantity;
const word = (v: bigint) => `0x${v.toString(16).padStart(64, "0")}`;
const ZERO32 = new Uint8Array(32);

/** Watched slots by lower-case address. */
class WatchSet {
  readonly slots = new Map<string, Set<bigint>>();
  add(address: string, slot?: bigint): void {
    const key = address.toLowerCase();
    let s = this.slots.get(key);
    if (s === undefined) {
      s = new Set();
      this.slots.set(key, s);
    }
    if (slot !== undefined) s.add(slot);
  }
}

export class DiffRunner {
  private readonly engine: ExecutionEngine = createEngine("Prague");

  constructor(private readonly anvil: Anvil) {}

  async run(c: DiffCase): Promise<CaseOutcome> {
    const snapshot = (await this.anvil.call("evm_snapshot", [])) as string;
    try {
      return await this.runInSnapshot(c);
    } finally {
      await this.anvil.call("anvil_dropAllTransactions", []).catch(() => undefined);
      await this.anvil.call("evm_revert", [snapshot]);
    }
  }

  private async runInSnapshot(c: DiffCase): Promise<CaseOutcome> {
    const setup: RpcCall[] = [];
    for (const a of c.pre) {
      const addr = bytesToHex(a.address);
      setup.push({ method: "anvil_setBalance", params: [addr, q(a.balance ?? 0n)] });
      setup.push({ method: "anvil_setNonce", params: [addr, q(a.nonce ?? 0n)] });
      setup.push({ method: "anvil_setCode", params: [addr, bytesToHex(a.code ?? new Uint8Array(0))] });
      for (const [slot, value] of a.storage ?? []) setup.push({ method: "anvil_setStorageAt", params: [addr, q(slot), word(value)] });
    }
    const coinbase = bytesToHex(c.coinbase);
    setup.push({ method: "anvil_setCoinbase", params: [coinbase] });
    setup.push({ method: "anvil_setNextBlockBaseFeePerGas", params: [q(c.baseFee)] });
    setup.push({ method: "evm_setNextBlockTimestamp", params: [q(CASE_TIMESTAMP)] });
    await this.anvil.batch(setup);
    const [latest, cbBalance, cbNonce, cbCode] = (await this.anvil.batch([
      { method: "eth_getBlockByNumber", params: ["latest", false] },
      { method: "eth_getBalance", params: [coinbase, "latest"] },
      { method: "eth_getTransactionCount", params: [coinbase, "latest"] },
      { method: "eth_getCode", params: [coinbase, "latest"] },
    ])) as [Header, string, string, string];

    // ---- anvil ----
    const encoded = encodeTransaction(c.tx);
    const raw = bytesToHex(encoded);
    let anvilRejected: string | undefined;
    let receipt: Receipt | undefined;
    let txHash = "";
    try {
      txHash = (await this.anvil.call("eth_sendRawTransaction", [raw])) as string;
      receipt = await this.waitReceipt(txHash);
      // anvil's pool can accept what its block builder then refuses (e.g. a gas limit below
      // the EIP-7623 floor): such a transaction never makes it into a block.
      if (receipt === undefined) anvilRejected = "accepted into anvil's pool but not mined";
    } catch (e) {
      if (!(e instanceof RpcError)) throw e;
      anvilRejected = e.rpcMessage;
    }

    let header: Header;
    const hashes = new Map<bigint, Uint8Array>();
    let trace: PrestateDiff | undefined;
    if (receipt !== undefined) {
      const n = parseBigint(receipt.blockNumber);
      const calls: RpcCall[] = [{ method: "eth_getBlockByNumber", params: [receipt.blockNumber, false] }];
      calls.push({ method: "debug_traceTransaction", params: [txHash, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }] });
      const first = n > 256n ? n - 256n : 0n;
      for (let i = first; i < n; i++) calls.push({ method: "eth_getBlockByNumber", params: [q(i), false] });
      const replies = await this.anvil.batch(calls);
      header = replies[0] as Header;
      trace = replies[1] as PrestateDiff;
      for (const b of replies.slice(2) as Header[]) hashes.set(parseBigint(b.number), hexToBytes(b.hash));
    } else {
      // Nothing was mined: the block Cairn sees is the one anvil was about to build.
      header = {
        ...latest,
        number: q(parseBigint(latest.number) + 1n),
        timestamp: q(CASE_TIMESTAMP),
        miner: coinbase,
        baseFeePerGas: q(c.baseFee),
        mixHash: bytesToHex(ZERO32),
      };
    }

    // ---- Cairn ----
    const state = new StateDb();
    for (const a of [...c.pre, ...(c.mirror?.accounts ?? [])]) {
      state.putAccount(a.address, {
        balance: a.balance ?? 0n,
        nonce: a.nonce ?? 0n,
        code: a.code ?? new Uint8Array(0),
        storage: a.storage ?? [],
      });
    }
    const cb = { balance: parseBigint(cbBalance), nonce: parseBigint(cbNonce), code: hexToBytes(cbCode) };
    if (!c.pre.some((a) => bytesToHex(a.address) === coinbase) && (cb.balance !== 0n || cb.nonce !== 0n || cb.code.length > 0)) {
      state.putAccount(c.coinbase, cb);
    }
    state.computeRoot();
    const env: BlockEnv = {
      fork: "Prague",
      chainId: CHAIN_ID,
      coinbase: addressFromHex(header.miner),
      number: parseBigint(header.number),
      timestamp: parseBigint(header.timestamp),
      gasLimit: parseBigint(header.gasLimit),
      prevRandao: hexToBytes(header.mixHash),
      baseFee: parseBigint(header.baseFeePerGas),
      excessBlobGas: parseBigint(header.excessBlobGas ?? "0x0"),
      blobParams: blobParamsFor("Prague"),
      blockHash: (n) => hashes.get(n) ?? ZERO32,
    };
    // Cairn executes the bytes anvil was sent, decoded as a node would decode them.
    const result = applyTransaction(state, this.engine, env, decodeTransaction(encoded));

    // ---- what to compare ----
    const watch = new WatchSet();
    watch.add(coinbase);
    if (c.tx.to !== undefined) watch.add(bytesToHex(c.tx.to));
    for (const a of c.pre) {
      watch.add(bytesToHex(a.address));
      for (const [slot] of a.storage ?? []) watch.add(bytesToHex(a.address), slot);
    }
    for (const w of c.watch ?? []) {
      watch.add(bytesToHex(w.address));
      for (const s of w.slots ?? []) watch.add(bytesToHex(w.address), s);
    }
    if (trace !== undefined) {
      for (const side of [trace.pre, trace.post]) {
        for (const [addr, acct] of Object.entries(side)) {
          watch.add(addr);
          for (const slot of Object.keys(acct.storage ?? {})) watch.add(addr, parseBigint(slot));
        }
      }
    }
    if (result.ok) {
      watch.add(bytesToHex(result.value.sender));
      for (const ch of result.value.diff.accounts) {
        watch.add(bytesToHex(ch.address));
        for (const slot of ch.storage.keys()) watch.add(bytesToHex(ch.address), slot);
      }
    }
    // ---- post-state, both sides ----
    const tag = receipt !== undefined ? receipt.blockNumber : "latest";
    const anvilAccounts = await this.readAnvil(watch, tag);
    const cairnAccounts = new Map<string, AccountView>();
    for (const [addr, slots] of watch.slots) {
      const a = addressFromHex(addr);
      const storage = new Map<string, bigint>();
      for (const slot of slots) storage.set(q(slot), state.getStorage(a, slot));
      cairnAccounts.set(addr, {
        balance: state.getBalance(a),
        nonce: state.getNonce(a),
        code: bytesToHex(state.getCode(a)),
        storage,
      });
    }

    const anvil: Observation = {
      rejected: anvilRejected,
      success: receipt?.status === "0x1",
      gasUsed: receipt === undefined ? 0n : parseBigint(receipt.gasUsed),
      logs: (receipt?.logs ?? []).map((l) => ({ address: l.address.toLowerCase(), topics: l.topics, data: l.data })),
      accounts: anvilAccounts,
    };
    const cairn: Observation = result.ok
      ? {
          rejected: undefined,
          success: result.value.status === "success",
          gasUsed: result.value.gasUsed,
          logs: result.value.logs.map((l) => ({
            address: bytesToHex(l.address),
            topics: l.topics.map(bytesToHex),
            data: bytesToHex(l.data),
          })),
          accounts: cairnAccounts,
        }
      : { rejected: result.error.message, success: false, gasUsed: 0n, logs: [], accounts: cairnAccounts };
    const cairnError = result.ok ? result.value.error : undefined;
    return { anvil, cairn, cairnError, differences: compareObservations(anvil, cairn, cairnError) };
  }

  /**
   * The receipt, once automine has included the transaction. If none appears promptly, one
   * block is mined on demand: a transaction still missing after that was refused by anvil's
   * block builder (the pool had accepted it).
   */
  private async waitReceipt(hash: string): Promise<Receipt | undefined> {
    const receipt = async () => (await this.anvil.call("eth_getTransactionReceipt", [hash])) as Receipt | null;
    const deadline = Date.now() + 150;
    for (;;) {
      const r = await receipt();
      if (r !== null) return r;
      if (Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 2));
    }
    await this.anvil.call("evm_mine", []);
    return (await receipt()) ?? undefined;
  }

  private async readAnvil(watch: WatchSet, tag: string): Promise<Map<string, AccountView>> {
    const calls: RpcCall[] = [];
    for (const [addr, slots] of watch.slots) {
      calls.push({ method: "eth_getBalance", params: [addr, tag] });
      calls.push({ method: "eth_getTransactionCount", params: [addr, tag] });
      calls.push({ method: "eth_getCode", params: [addr, tag] });
      for (const slot of slots) calls.push({ method: "eth_getStorageAt", params: [addr, q(slot), tag] });
    }
    const replies = (await this.anvil.batch(calls)) as string[];
    const out = new Map<string, AccountView>();
    let i = 0;
    for (const [addr, slots] of watch.slots) {
      const balance = parseBigint(replies[i++]!);
      const nonce = parseBigint(replies[i++]!);
      const code = replies[i++]!.toLowerCase();
      const storage = new Map<string, bigint>();
      for (const slot of slots) storage.set(q(slot), parseBigint(replies[i++]!));
      out.set(addr, { balance, nonce, code, storage });
    }
    return out;
  }
}

/** Readable differences between the two observations; empty when they agree. */
export function compareObservations(anvil: Observation, cairn: Observation, cairnError?: string): string[] {
  const out: string[] = [];
  if ((anvil.rejected === undefined) !== (cairn.rejected === undefined)) {
    out.push(
      `inclusion: anvil ${anvil.rejected === undefined ? "included" : `rejected (${anvil.rejected})`}, ` +
        `cairn ${cairn.rejected === undefined ? "included" : `rejected (${cairn.rejected})`}`,
    );
    return out;
  }
  if (anvil.rejected !== undefined) return out;
  if (anvil.success !== cairn.success) {
    out.push(
      `status: anvil ${anvil.success ? "success" : "failure"}, cairn ${cairn.success ? "success" : `failure (${cairnError ?? "revert"})`}`,
    );
  }
  if (anvil.gasUsed !== cairn.gasUsed) {
    out.push(
      `gasUsed: anvil ${anvil.gasUsed}, cairn ${cairn.gasUsed} (cairn ${cairn.gasUsed > anvil.gasUsed ? "+" : ""}${cairn.gasUsed - anvil.gasUsed})`,
    );
  }
  const fmt = (l: LogView) => `${l.address} [${l.topics.join(",")}] ${l.data}`;
  const n = Math.max(anvil.logs.length, cairn.logs.length);
  for (let i = 0; i < n; i++) {
    const a = anvil.logs[i];
    const b = cairn.logs[i];
    if (a === undefined || b === undefined || fmt(a) !== fmt(b)) {
      out.push(`log ${i}: anvil ${a === undefined ? "none" : fmt(a)}, cairn ${b === undefined ? "none" : fmt(b)}`);
    }
  }
  for (const [addr, a] of anvil.accounts) {
    const b = cairn.accounts.get(addr);
    if (b === undefined) continue;
    if (a.balance !== b.balance)
      out.push(
        `${addr} balance: anvil ${a.balance}, cairn ${b.balance} (cairn ${b.balance > a.balance ? "+" : ""}${b.balance - a.balance})`,
      );
    if (a.nonce !== b.nonce) out.push(`${addr} nonce: anvil ${a.nonce}, cairn ${b.nonce}`);
    if (a.code !== b.code) out.push(`${addr} code: anvil ${abbrev(a.code)}, cairn ${abbrev(b.code)}`);
    for (const [slot, v] of a.storage) {
      const w = b.storage.get(slot);
      if (w !== v) out.push(`${addr} storage[${slot}]: anvil ${q(v)}, cairn ${w === undefined ? "unread" : q(w)}`);
    }
  }
  return out;
}

function abbrev(hex: string): string {
  return hex.length > 74 ? `${hex.slice(0, 74)}... (${(hex.length - 2) / 2} bytes)` : hex;
}
