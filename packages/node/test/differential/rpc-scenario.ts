/**
 * test/differential/rpc-scenario: the scripted JSON-RPC scenario run side by side against anvil
 * and `cairn dev`, and its runner. The scenario is a list of cases, each one request sent to
 * both servers (the same bytes: transactions are signed here, so their hashes and the contract
 * addresses are known before sending) and compared field by field with rpc-compare.ts.
 *
 * A case for a method that Cairn does not serve yet is marked `optional`: it is counted as
 * pending while Cairn answers -32601 and compared as soon as the method exists. Adding a case is
 * one object literal in `buildScenario`.
 */

import type { RpcClient, RpcReply } from "../../src/cli/bench-rpc-peers.js";
import { keccak256, privateKeyToAddress } from "../../src/crypto/index.js";
import { createAddress } from "../../src/evm/index.js";
import { devAccounts } from "../../src/node/index.js";
import { type Address, bytesToHex, type Hash32, hexToBytes } from "../../src/primitives/index.js";
import {
  type AccessListEntry,
  type Authorization,
  encodeTransaction,
  signAuthorization,
  signTransaction,
  transactionHash,
  type UnsignedTransaction,
} from "../../src/types/index.js";
import { type CompareRules, type Comparison, compareAnswers, type Deviation } from "./rpc-compare.js";
import type { ScenarioContract } from "./rpc-scenario-contract.js";
import { type MoreContext, moreDevCases, moreReadCases } from "./rpc-scenario-more.js";

export const CHAIN_ID = 31337n;
export const MNEMONIC = "test test test test test test test test test test test junk";
const GWEI = 10n ** 9n;
const ETHER = 10n ** 18n;

/** What a case may need from one side: values that side produced earlier (block hashes). */
export interface Side {
  readonly name: "cairn" | "anvil";
  readonly blockHashes: Map<bigint, string>;
  /** Results a case recorded (`record`), such as filter ids, for later cases' params. */
  readonly values: Map<string, unknown>;
}

export interface Case {
  readonly name: string;
  readonly method: string;
  readonly params: unknown[] | ((side: Side) => unknown[]);
  readonly rules?: CompareRules;
  /** A transaction hash both servers must have mined before the next case runs. */
  readonly mined?: string;
  /**
   * For an error answer: geth's code and message, which Cairn must give; where anvil's message
   * (or code) differs, that is reported as an anvil deviation. Without it, error answers are
   * compared in full (code, message, data).
   */
  readonly geth?: { readonly code: number; readonly message: string | RegExp };
  /** geth's result, which Cairn must give (used with anvilDeviates). */
  readonly gethResult?: unknown;
  /** anvil answers this case differently from geth as a whole (e.g. accepts what geth refuses). */
  readonly anvilDeviates?: Deviation;
  /** A method other work is adding: pending while Cairn answers "does not exist". */
  readonly optional?: boolean;
  /**
   * eth_estimateGas: anvil returns the exact minimum, geth stops its binary search once the
   * bracket is within 1.5% (estimateGasErrorRatio); Cairn's answer must lie in that band.
   */
  readonly estimate?: boolean;
  /**
   * Where Cairn is known to answer differently from geth (work for another part of the code):
   * reported with this note instead of failing. Remove once fixed.
   */
  readonly cairnGap?: string;
  /** Keeps each side's result under this name (Side.values) for later cases. */
  readonly record?: string;
  /** A check of Cairn's answers alone against the protocol (no anvil request). */
  readonly check?: (cairn: RpcClient) => Promise<string[]>;
}

export interface Outcome {
  readonly name: string;
  readonly status: "compared" | "pending";
  readonly comparison: Comparison;
}

interface Signer {
  readonly key: Uint8Array;
  readonly address: Address;
  nonce: bigint;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const word = (v: bigint): string => v.toString(16).padStart(64, "0");

function signer(i: number): Signer {
  const a = devAccounts(MNEMONIC, i + 1)[i]!;
  return { key: a.privateKey, address: a.address, nonce: 0n };
}

/** Fields every transaction of the scenario shares. */
type Body = { to: Address | undefined; value?: bigint; data?: string; gasLimit: bigint };

function signed(u: UnsignedTransaction, key: Uint8Array): { raw: string; hash: string; gasLimit: bigint } {
  const tx = signTransaction(u, key);
  return { raw: bytesToHex(encodeTransaction(tx)), hash: bytesToHex(transactionHash(tx)), gasLimit: u.gasLimit };
}

class TxFactory {
  constructor(readonly from: Signer) {}

  private common(b: Body) {
    return { nonce: this.from.nonce++, gasLimit: b.gasLimit, to: b.to, value: b.value ?? 0n, data: hexToBytes(b.data ?? "0x") };
  }
  legacy(b: Body, gasPrice = 2n * GWEI, chainId: bigint | undefined = CHAIN_ID) {
    return signed({ type: 0, gasPrice, chainId, ...this.common(b) }, this.from.key);
  }
  accessList(b: Body, accessList: AccessListEntry[]) {
    return signed({ type: 1, chainId: CHAIN_ID, gasPrice: 2n * GWEI, accessList, ...this.common(b) }, this.from.key);
  }
  // A fee cap equal to the tip makes the price paid the fee cap on both servers, whatever their
  // base fees (anvil's run one block late, see rpc-compare.ts): balances stay comparable.
  feeMarket(b: Body, maxFeePerGas = 2n * GWEI, maxPriorityFeePerGas = 2n * GWEI, chainId = CHAIN_ID) {
    return signed({ type: 2, chainId, maxFeePerGas, maxPriorityFeePerGas, accessList: [], ...this.common(b) }, this.from.key);
  }
  setCode(b: Body & { to: Address }, authorizationList: Authorization[]) {
    const c = this.common(b);
    return signed(
      {
        type: 4,
        chainId: CHAIN_ID,
        maxFeePerGas: 2n * GWEI,
        maxPriorityFeePerGas: 2n * GWEI,
        accessList: [],
        authorizationList,
        ...c,
        to: b.to,
      },
      this.from.key,
    );
  }
}

/** Rules shared by answers that carry blocks, transactions or receipts. */
const TX_EXACT: CompareRules = { exact: ["$.hash"] };
const BLOCK_FULL: CompareRules = { exact: ["$.transactions[*].hash"] };

export function buildScenario(contract: ScenarioContract): Case[] {
  const a = signer(0);
  const b = signer(1);
  const c = signer(3);
  const d = signer(4);
  const A = new TxFactory(a);
  const B = new TxFactory(b);
  const D = new TxFactory(d);
  // an account nobody funded
  const poorKey = new Uint8Array(32).fill(0x42);
  const poor: Signer = { key: poorKey, address: privateKeyToAddress(poorKey), nonce: 0n };
  const P = new TxFactory(poor);
  const addr = (s: Signer) => bytesToHex(s.address);
  const sel = (sig: string) => contract.selectors[sig]!;
  const cases: Case[] = [];
  const add = (x: Case) => cases.push(x);

  // ---- the empty chain ----------------------------------------------------------------------
  add({ name: "client version", method: "web3_clientVersion", params: [], rules: { volatile: { $: "client name" } } });
  add({ name: "chain id", method: "eth_chainId", params: [] });
  add({ name: "net version", method: "net_version", params: [] });
  add({ name: "block number at genesis", method: "eth_blockNumber", params: [] });
  add({ name: "accounts", method: "eth_accounts", params: [] });
  add({ name: "sha3", method: "web3_sha3", params: ["0x68656c6c6f"] });
  add({ name: "balance at genesis", method: "eth_getBalance", params: [addr(a), "latest"] });
  add({ name: "nonce at genesis", method: "eth_getTransactionCount", params: [addr(a), "latest"] });
  add({ name: "code of an account", method: "eth_getCode", params: [addr(b), "latest"] });
  add({ name: "storage of an account", method: "eth_getStorageAt", params: [addr(b), "0x0", "latest"] });
  add({ name: "genesis block", method: "eth_getBlockByNumber", params: ["0x0", false] });

  // ---- one transaction of each type ---------------------------------------------------------
  const contractAddress = createAddress(a.address, 1n);
  const token = bytesToHex(contractAddress);
  const sent: { name: string; hash: string; gasLimit: bigint }[] = [];
  const send = (name: string, tx: { raw: string; hash: string; gasLimit: bigint }) => {
    add({ name: `send ${name}`, method: "eth_sendRawTransaction", params: [tx.raw], mined: tx.hash });
    sent.push({ name, hash: tx.hash, gasLimit: tx.gasLimit });
  };
  send("legacy transfer (EIP-155)", A.legacy({ to: b.address, value: ETHER, gasLimit: 21_000n }));
  send("1559 contract deployment", A.feeMarket({ to: undefined, data: contract.initcode, gasLimit: 1_000_000n }));
  send(
    "2930 call with an access list",
    A.accessList({ to: contractAddress, data: `${sel("store(uint256)")}${word(5n)}`, gasLimit: 100_000n }, [
      { address: contractAddress, storageKeys: [new Uint8Array(32) as Hash32] },
    ]),
  );
  send(
    "1559 call from another sender",
    B.feeMarket({ to: contractAddress, data: `${sel("store(uint256)")}${word(12n)}`, gasLimit: 100_000n }),
  );
  const auth = signAuthorization({ chainId: CHAIN_ID, address: contractAddress, nonce: 0n }, c.key);
  send("7702 delegation and call", A.setCode({ to: c.address, data: `${sel("store(uint256)")}${word(9n)}`, gasLimit: 200_000n }, [auth]));
  send("1559 call that reverts", A.feeMarket({ to: contractAddress, data: sel("fail()"), gasLimit: 100_000n }));
  send(
    "1559 fill storage",
    A.feeMarket({ to: contractAddress, data: `${sel("fill(uint256,uint256)")}${word(100n)}${word(8n)}`, gasLimit: 400_000n }),
  );

  for (const s of sent) {
    add({ name: `transaction: ${s.name}`, method: "eth_getTransactionByHash", params: [s.hash], rules: TX_EXACT });
    add({ name: `receipt: ${s.name}`, method: "eth_getTransactionReceipt", params: [s.hash] });
  }
  for (let n = 1n; n <= BigInt(sent.length); n++) {
    add({ name: `block ${n}`, method: "eth_getBlockByNumber", params: [hex(n), false] });
    add({ name: `block ${n} with transactions`, method: "eth_getBlockByNumber", params: [hex(n), true], rules: BLOCK_FULL });
  }
  add({ name: "latest block", method: "eth_getBlockByNumber", params: ["latest", false] });
  add({
    name: "base fees follow EIP-1559",
    method: "eth_getBlockByNumber",
    params: [],
    check: (cairn) => checkBaseFees(cairn, sent.length),
  });
  add({ name: "block past the head", method: "eth_getBlockByNumber", params: ["0x99", false] });
  add({ name: "block by hash", method: "eth_getBlockByHash", params: (s) => [s.blockHashes.get(2n), true], rules: BLOCK_FULL });
  add({ name: "unknown transaction", method: "eth_getTransactionByHash", params: [`0x${"ab".repeat(32)}`] });
  add({ name: "unknown receipt", method: "eth_getTransactionReceipt", params: [`0x${"ab".repeat(32)}`] });

  // ---- state after the transactions ---------------------------------------------------------
  add({ name: "block number", method: "eth_blockNumber", params: [] });
  for (const s of [a, b, c, poor]) {
    add({ name: `balance of ${addr(s)}`, method: "eth_getBalance", params: [addr(s), "latest"] });
    add({ name: `nonce of ${addr(s)}`, method: "eth_getTransactionCount", params: [addr(s), "latest"] });
  }
  add({ name: "pending nonce", method: "eth_getTransactionCount", params: [addr(a), "pending"] });
  add({ name: "balance at block 1", method: "eth_getBalance", params: [addr(b), "0x1"] });
  add({ name: "balance at genesis by number", method: "eth_getBalance", params: [addr(b), "earliest"] });
  add({ name: "contract code", method: "eth_getCode", params: [token, "latest"] });
  add({ name: "delegation designator (EIP-7702)", method: "eth_getCode", params: [addr(c), "latest"] });
  add({ name: "contract storage slot 0", method: "eth_getStorageAt", params: [token, "0x0", "latest"] });
  add({ name: "delegated account's storage", method: "eth_getStorageAt", params: [addr(c), "0x0", "latest"] });
  add({ name: "storage at an older block", method: "eth_getStorageAt", params: [token, "0x0", "0x3"] });

  // ---- eth_call ---------------------------------------------------------------------------------
  const call = (data: string, extra: Record<string, unknown> = {}) => ({ to: token, data, ...extra });
  add({ name: "call value()", method: "eth_call", params: [call(sel("value()")), "latest"] });
  add({ name: "call value() at block 2", method: "eth_call", params: [call(sel("value()")), "0x2"] });
  add({ name: "call whoami() with from", method: "eth_call", params: [call(sel("whoami()"), { from: addr(b) }), "latest"] });
  add({ name: "call through a delegation", method: "eth_call", params: [{ to: addr(c), data: sel("value()") }, "latest"] });
  add({ name: "call burn(50)", method: "eth_call", params: [call(`${sel("burn(uint256)")}${word(50n)}`), "latest"] });
  add({
    name: "call revert with reason",
    method: "eth_call",
    params: [call(sel("fail()")), "latest"],
    geth: { code: 3, message: "execution reverted: scenario: reason" },
  });
  add({
    name: "call revert with custom error",
    method: "eth_call",
    params: [call(sel("failCustom()")), "latest"],
    geth: { code: 3, message: "execution reverted" },
  });
  add({ name: "call an account without code", method: "eth_call", params: [{ to: addr(b), data: "0x1234" }, "latest"] });
  add({
    name: "call with value from a funded account",
    method: "eth_call",
    params: [{ from: addr(a), to: addr(b), value: hex(ETHER) }, "latest"],
  });

  // ---- eth_estimateGas ----------------------------------------------------------------------
  add({ name: "estimate a transfer", method: "eth_estimateGas", estimate: true, params: [{ from: addr(a), to: addr(b), value: "0x1" }] });
  add({
    name: "estimate store()",
    method: "eth_estimateGas",
    estimate: true,
    params: [call(`${sel("store(uint256)")}${word(77n)}`, { from: addr(a) })],
  });
  add({ name: "estimate a deployment", method: "eth_estimateGas", estimate: true, params: [{ from: addr(a), data: contract.initcode }] });
  add({ name: "estimate burn(300)", method: "eth_estimateGas", estimate: true, params: [call(`${sel("burn(uint256)")}${word(300n)}`)] });
  add({
    name: "estimate fill(200, 20)",
    method: "eth_estimateGas",
    estimate: true,
    params: [call(`${sel("fill(uint256,uint256)")}${word(200n)}${word(20n)}`, { from: addr(a) })],
  });
  add({
    name: "estimate clear(100, 8) (refunds)",
    method: "eth_estimateGas",
    estimate: true,
    params: [call(`${sel("clear(uint256,uint256)")}${word(100n)}${word(8n)}`, { from: addr(a) })],
  });
  add({
    name: "estimate at a block",
    method: "eth_estimateGas",
    estimate: true,
    params: [call(`${sel("store(uint256)")}${word(3n)}`), "0x3"],
  });
  add({
    name: "estimate a revert",
    method: "eth_estimateGas",
    params: [call(sel("fail()"))],
    geth: { code: 3, message: "execution reverted: scenario: reason" },
  });

  // ---- errors -------------------------------------------------------------------------------
  add({
    name: "unknown method",
    method: "eth_nonexistent",
    params: [],
    geth: { code: -32601, message: "the method eth_nonexistent does not exist/is not available" },
  });
  add({
    name: "bad address parameter",
    method: "eth_getBalance",
    params: ["0x123", "latest"],
    geth: { code: -32602, message: "invalid argument 0: hex string has length 3, want 40 for common.Address" },
  });
  add({
    name: "missing parameter",
    method: "eth_getBlockByNumber",
    params: ["latest"],
    geth: { code: -32602, message: "missing value for required argument 1" },
  });
  add({
    name: "too many parameters",
    method: "eth_blockNumber",
    params: [1],
    geth: { code: -32602, message: "too many arguments, want at most 0" },
  });
  add({
    name: "nonce too low",
    method: "eth_sendRawTransaction",
    params: [
      signed(
        {
          type: 0,
          gasPrice: 2n * GWEI,
          chainId: CHAIN_ID,
          nonce: 0n,
          gasLimit: 21_000n,
          to: b.address,
          value: 7n,
          data: new Uint8Array(0),
        },
        a.key,
      ).raw,
    ],
    geth: { code: -32000, message: `nonce too low: next nonce ${a.nonce}, tx nonce 0` },
  });
  const poorTx = P.feeMarket({ to: b.address, value: 1n, gasLimit: 21_000n });
  P.from.nonce = 0n;
  add({
    name: "insufficient funds",
    method: "eth_sendRawTransaction",
    params: [poorTx.raw],
    geth: { code: -32000, message: /^insufficient funds for gas \* price \+ value/ },
  });
  const low = A.feeMarket({ to: b.address, value: 1n, gasLimit: 20_000n });
  a.nonce--;
  add({
    name: "intrinsic gas too low",
    method: "eth_sendRawTransaction",
    params: [low.raw],
    geth: { code: -32000, message: "intrinsic gas too low: gas 20000, minimum needed 21000" },
  });
  const tooBig = A.feeMarket({ to: b.address, value: 1n, gasLimit: 40_000_000n });
  a.nonce--;
  add({
    name: "gas limit above the block's",
    method: "eth_sendRawTransaction",
    params: [tooBig.raw],
    // geth's ErrGasLimit text; Cairn adds the two numbers after it
    geth: { code: -32000, message: /^exceeds block gas limit/ },
  });
  const otherChain = A.feeMarket({ to: b.address, value: 1n, gasLimit: 21_000n }, 2n * GWEI, 2n * GWEI, 1n);
  a.nonce--;
  add({
    name: "transaction for another chain",
    method: "eth_sendRawTransaction",
    params: [otherChain.raw],
    geth: { code: -32000, message: /chain id|invalid sender/ },
  });
  add({
    name: "undecodable transaction",
    method: "eth_sendRawTransaction",
    params: ["0x02c0"],
    geth: { code: -32000, message: /rlp|decode|typed transaction/i },
  });
  const unprotected = D.legacy({ to: b.address, value: 1n, gasLimit: 21_000n }, 2n * GWEI, undefined);
  add({
    name: "transaction without replay protection (EIP-155)",
    method: "eth_sendRawTransaction",
    params: [unprotected.raw],
    geth: { code: -32000, message: "only replay-protected (EIP-155) transactions allowed over RPC" },
    // On purpose (README): like anvil, so that pre-signed deployment transactions work.
    cairnGap: "cairn dev accepts unprotected transactions, as anvil does (geth needs --rpc.allow-unprotected-txs)",
  });
  const more: MoreContext = {
    token,
    storedTopic: bytesToHex(keccak256(new TextEncoder().encode("Stored(address,uint256,uint256)"))),
    selectors: contract.selectors,
    sent,
    from: addr(a),
    other: addr(b),
    poor: addr(poor),
  };
  cases.push(...moreReadCases(more));
  add({ name: "block number after the errors", method: "eth_blockNumber", params: [] });
  cases.push(...moreDevCases(more));
  // Last, as it stays in Cairn's pool: geth's pool takes a fee cap below the base fee (only the
  // tip is held against --txpool.pricelimit, 1 wei) and keeps it until the base fee falls.
  const under = A.feeMarket({ to: b.address, value: 1n, gasLimit: 21_000n }, 1n, 1n);
  add({
    name: "fee cap below the base fee",
    method: "eth_sendRawTransaction",
    params: [under.raw],
    gethResult: under.hash,
    anvilDeviates: { reason: "anvil refuses a fee cap below the current base fee; geth's pool accepts it" },
  });
  return cases;
}

/** EIP-1559's base fee of a child of `parent` (elasticity 2, denominator 8). */
export function nextBaseFee(parent: { gasLimit: bigint; gasUsed: bigint; baseFee: bigint }): bigint {
  const target = parent.gasLimit / 2n;
  if (parent.gasUsed === target) return parent.baseFee;
  if (parent.gasUsed > target) {
    const delta = (parent.baseFee * (parent.gasUsed - target)) / target / 8n;
    return parent.baseFee + (delta > 1n ? delta : 1n);
  }
  return parent.baseFee - (parent.baseFee * (target - parent.gasUsed)) / target / 8n;
}

/** Blocks 1..n of Cairn carry the base fee EIP-1559 derives from their parents (as geth's). */
async function checkBaseFees(cairn: RpcClient, n: number): Promise<string[]> {
  const problems: string[] = [];
  type B = { gasLimit: string; gasUsed: string; baseFeePerGas: string };
  let parent = (await cairn.call("eth_getBlockByNumber", ["0x0", false])) as B;
  for (let i = 1; i <= n; i++) {
    const block = (await cairn.call("eth_getBlockByNumber", [hex(BigInt(i)), false])) as B;
    const want = nextBaseFee({ gasLimit: BigInt(parent.gasLimit), gasUsed: BigInt(parent.gasUsed), baseFee: BigInt(parent.baseFeePerGas) });
    if (BigInt(block.baseFeePerGas) !== want) problems.push(`block ${i}: base fee ${BigInt(block.baseFeePerGas)}, EIP-1559 gives ${want}`);
    parent = block;
  }
  return problems;
}

function sameError(a: RpcReply["error"], b: RpcReply["error"]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function waitMined(client: RpcClient, hash: string): Promise<{ blockNumber: string; blockHash: string } | null> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = (await client.call("eth_getTransactionReceipt", [hash])) as { blockNumber: string; blockHash: string } | null;
    if (r !== null || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
}

/** Runs one case on both servers and compares the answers. */
export async function runCase(
  kase: Case,
  servers: { cairn: RpcClient; anvil: RpcClient },
  sides: { cairn: Side; anvil: Side },
  out: Comparison,
): Promise<"compared" | "pending"> {
  if (kase.check !== undefined) {
    const problems = await kase.check(servers.cairn);
    for (const why of problems) out.failures.push({ path: "$", cairn: kase.method, anvil: "-", why });
    if (problems.length === 0) out.equal++;
    return "compared";
  }
  const p = (s: Side) => (typeof kase.params === "function" ? kase.params(s) : kase.params);
  const [rc, ra] = await Promise.all([servers.cairn.reply(kase.method, p(sides.cairn)), servers.anvil.reply(kase.method, p(sides.anvil))]);
  if (kase.optional && rc.error?.code === -32601) return "pending";
  if (kase.record !== undefined) {
    sides.cairn.values.set(kase.record, rc.result);
    sides.anvil.values.set(kase.record, ra.result);
  }
  if (kase.mined !== undefined) {
    for (const side of ["cairn", "anvil"] as const) {
      if ((side === "cairn" ? rc : ra).error !== undefined) continue;
      const r = await waitMined(servers[side], kase.mined);
      if (r === null) out.failures.push({ path: "$", cairn: side, anvil: side, why: `${side} did not mine ${kase.mined}` });
      else sides[side].blockHashes.set(BigInt(r.blockNumber), r.blockHash);
    }
  }
  const before = out.deviations.length;
  if (kase.gethResult !== undefined) {
    if (rc.error !== undefined || JSON.stringify(rc.result) !== JSON.stringify(kase.gethResult))
      out.failures.push({
        path: "$",
        cairn: rc.error ?? rc.result,
        anvil: ra.error ?? ra.result,
        why: `geth answers ${JSON.stringify(kase.gethResult)}`,
      });
    else out.equal++;
  }
  if (kase.anvilDeviates !== undefined) {
    if (JSON.stringify(rc) !== JSON.stringify(ra))
      out.deviations.push({ path: "$", cairn: rc.error ?? rc.result, anvil: ra.error ?? ra.result, why: kase.anvilDeviates.reason });
  }
  if (kase.geth !== undefined) {
    // An error case: Cairn must give geth's code and message; anvil's wording is reported.
    const e = rc.error;
    const { code, message } = kase.geth;
    const messageOk = e !== undefined && (typeof message === "string" ? e.message === message : message.test(e.message));
    if (e === undefined || e.code !== code || !messageOk) {
      const diff = { path: "$.error", cairn: e ?? rc.result, anvil: ra.error ?? ra.result, why: `geth answers ${code} ${String(message)}` };
      if (kase.cairnGap !== undefined) out.gaps.push({ ...diff, why: `${diff.why}; known: ${kase.cairnGap}` });
      else out.failures.push(diff);
    } else out.equal++;
    if (ra.error === undefined || ra.error.code !== e?.code || ra.error.message !== e?.message) {
      if (out.deviations.length === before)
        out.deviations.push({
          path: "$.error",
          cairn: e,
          anvil: ra.error ?? { result: ra.result },
          why: "anvil's answer differs from geth's",
        });
    }
    if (e?.data !== undefined || ra.error?.data !== undefined) compareAnswers(e?.data, ra.error?.data, {}, out, "$.error.data");
    return "compared";
  }
  if (kase.anvilDeviates !== undefined) return "compared";
  if (kase.estimate === true && rc.error === undefined && ra.error === undefined) {
    const [c, a] = [BigInt(rc.result as string), BigInt(ra.result as string)];
    if (c === a) out.equal++;
    else if (a < c && (c - a) * 1000n < 15n * c)
      out.deviations.push({
        path: "$",
        cairn: rc.result,
        anvil: ra.result,
        why: "anvil returns the exact minimum; geth stops within 1.5% of it (estimateGasErrorRatio)",
      });
    else out.failures.push({ path: "$", cairn: rc.result, anvil: ra.result, why: "estimate outside [anvil's exact minimum, +1.5%]" });
    return "compared";
  }
  if (rc.error !== undefined || ra.error !== undefined) {
    if (sameError(rc.error, ra.error)) out.equal++;
    else {
      const diff = { path: "$.error", cairn: rc.error ?? rc.result, anvil: ra.error ?? ra.result, why: "answers differ" };
      if (kase.cairnGap !== undefined) out.gaps.push({ ...diff, why: `${diff.why}; known: ${kase.cairnGap}` });
      else out.failures.push(diff);
    }
    return "compared";
  }
  compareAnswers(rc.result, ra.result, kase.rules ?? {}, out);
  if (kase.cairnGap !== undefined)
    out.gaps.push(...out.failures.splice(0).map((f) => ({ ...f, why: `${f.why}; known: ${kase.cairnGap}` })));
  return "compared";
}
