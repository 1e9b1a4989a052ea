/**
 * test/differential/rpc-scenario-more: scenario cases for the methods beyond the core set: logs
 * and filters, fee history, proofs, access lists, traces, block-level helpers, and anvil's dev
 * methods. Every case is `optional`: while Cairn answers "does not exist" it counts as pending,
 * and it is compared as soon as the method is served. Read cases come first (they run on the
 * state the core scenario built); the dev methods that change state come last.
 */
import type { Deviation } from "./rpc-compare.js";
import type { Case } from "./rpc-scenario.js";

export interface MoreContext {
  /** The scenario contract. */
  readonly token: string;
  /** keccak256("Stored(address,uint256,uint256)"). */
  readonly storedTopic: string;
  readonly selectors: Record<string, string>;
  /** Transactions the core scenario mined, by name. */
  readonly sent: ReadonlyArray<{ name: string; hash: string; gasLimit: bigint }>;
  readonly from: string;
  readonly other: string;
  readonly poor: string;
}

const word = (v: bigint): string => v.toString(16).padStart(64, "0");

/** geth's callTracer gives the top frame the transaction's whole gas limit (OnTxStart). */
function topGas(gasLimit: bigint): Deviation {
  return {
    reason: "anvil gives the top call frame the gas left after intrinsic gas; geth the transaction's gas limit",
    geth: `0x${gasLimit.toString(16)}`,
  };
}

/** Blocks whose choice is the client's: compared by shape (same keys and kinds). */
const DEV_FINALITY = {
  ignore: { "$.transactions": "each dev chain's own choice of block" },
  volatile: {
    "$.number": "each dev chain's own choice",
    "$.gasUsed": "each dev chain's own choice",
    "$.transactionsRoot": "each dev chain's own choice",
    "$.receiptsRoot": "each dev chain's own choice",
    "$.logsBloom": "each dev chain's own choice",
  },
};

/** A filter id is each server's own choice: a hex string on both. */
const FILTER_ID = { volatile: { $: "filter ids are chosen by each server" } };

/** anvil's fee history rewards follow its base fees, which run one block late (rpc-compare.ts). */
const BASE_FEE_DEPENDENT = {
  "$.reward": { reason: "rewards are the tips paid, min(tip, fee cap - base fee): anvil's base fees run one block late" },
  "$.reward[*]": { reason: "rewards follow anvil's late base fees" },
  "$.reward[*][*]": { reason: "rewards follow anvil's late base fees" },
  "$.baseFeePerGas[*]": { reason: "anvil's base fees run one block late" },
};

export function moreReadCases(x: MoreContext): Case[] {
  const sel = (sig: string) => x.selectors[sig]!;
  const storeTx = x.sent.find((s) => s.name.startsWith("2930"))!;
  const revertTx = x.sent.find((s) => s.name.includes("reverts"))!;
  const deployTx = x.sent.find((s) => s.name.includes("deployment"))!;
  const call = (data: string) => ({ from: x.from, to: x.token, data });
  const cases: Case[] = [
    // ---- logs and filters -------------------------------------------------------------------
    { name: "all logs", method: "eth_getLogs", params: [{ fromBlock: "0x0", toBlock: "latest" }], optional: true },
    { name: "logs by address and topic", method: "eth_getLogs", params: [{ address: x.token, topics: [x.storedTopic] }], optional: true },
    {
      name: "logs by a later topic",
      method: "eth_getLogs",
      params: [{ fromBlock: "0x1", toBlock: "latest", topics: [null, null, `0x${word(5n)}`] }],
      optional: true,
    },
    { name: "logs of one block by hash", method: "eth_getLogs", params: (s) => [{ blockHash: s.blockHashes.get(3n) }], optional: true },
    { name: "logs in an empty range", method: "eth_getLogs", params: [{ fromBlock: "0x1", toBlock: "0x2" }], optional: true },
    {
      name: "logs with fromBlock after toBlock",
      method: "eth_getLogs",
      params: [{ fromBlock: "0x3", toBlock: "0x2" }],
      // geth's errInvalidBlockRange is an invalid-params error; anvil answers []
      geth: { code: -32602, message: "invalid block range params" },
      optional: true,
    },
    // ---- overrides ----------------------------------------------------------------------------
    {
      name: "call with a state override (stateDiff)",
      method: "eth_call",
      params: [call(sel("value()")), "latest", { [x.token]: { stateDiff: { [`0x${word(0n)}`]: `0x${word(99n)}` } } }],
      optional: true,
    },
    {
      name: "call with a code and balance override",
      method: "eth_call",
      // code: SELFBALANCE, MSTORE at 0, RETURN the word: answers the overridden balance
      params: [{ from: x.from, to: x.poor, data: "0x" }, "latest", { [x.poor]: { code: "0x4760005260206000f3", balance: "0x1234" } }],
      optional: true,
    },
    {
      name: "call with a block override",
      method: "eth_call",
      params: [call(sel("whoami()")), "latest", {}, { number: "0x1234" }],
      optional: true,
    },
    {
      name: "estimate with a state override",
      method: "eth_estimateGas",
      params: [call(`${sel("store(uint256)")}${word(1n)}`), "latest", { [x.token]: { stateDiff: { [`0x${word(0n)}`]: `0x${word(1n)}` } } }],
      estimate: true,
      optional: true,
    },
    // ---- signing with the node's accounts ---------------------------------------------------
    { name: "sign a message (EIP-191)", method: "eth_sign", params: [x.from, "0xdeadbeef"], optional: true },
    // ---- filters: ids are each server's own; the answers behind them are compared ------------
    {
      name: "new log filter",
      method: "eth_newFilter",
      params: [{ fromBlock: "0x0", address: x.token }],
      rules: FILTER_ID,
      record: "logFilter",
      optional: true,
    },
    { name: "logs of a filter", method: "eth_getFilterLogs", params: (s) => [s.values.get("logFilter")], optional: true },
    { name: "new block filter", method: "eth_newBlockFilter", params: [], rules: FILTER_ID, record: "blockFilter", optional: true },
    { name: "block filter, nothing new", method: "eth_getFilterChanges", params: (s) => [s.values.get("blockFilter")], optional: true },
    { name: "uninstall a filter", method: "eth_uninstallFilter", params: (s) => [s.values.get("logFilter")], optional: true },
    {
      name: "changes of an uninstalled filter",
      method: "eth_getFilterChanges",
      params: (s) => [s.values.get("logFilter")],
      geth: { code: -32000, message: "filter not found" },
      optional: true,
    },
    // ---- block-level helpers ----------------------------------------------------------------
    {
      name: "transaction count of a block by hash",
      method: "eth_getBlockTransactionCountByHash",
      params: (s) => [s.blockHashes.get(3n)],
      optional: true,
    },
    {
      name: "transaction by block hash and index",
      method: "eth_getTransactionByBlockHashAndIndex",
      params: (s) => [s.blockHashes.get(3n), "0x0"],
      rules: { exact: ["$.hash"] },
      optional: true,
    },
    { name: "transaction index past the end", method: "eth_getTransactionByBlockNumberAndIndex", params: ["0x3", "0x5"], optional: true },
    { name: "uncle by number and index", method: "eth_getUncleByBlockNumberAndIndex", params: ["0x1", "0x0"], optional: true },
    { name: "code before the deployment", method: "eth_getCode", params: [x.token, "0x1"] },
    { name: "block receipts", method: "eth_getBlockReceipts", params: ["0x3"], optional: true },
    { name: "transaction count of a block", method: "eth_getBlockTransactionCountByNumber", params: ["0x3"], optional: true },
    {
      name: "transaction by block number and index",
      method: "eth_getTransactionByBlockNumberAndIndex",
      params: ["0x3", "0x0"],
      rules: { exact: ["$.hash"] },
      optional: true,
    },
    { name: "raw transaction by hash", method: "eth_getRawTransactionByHash", params: [storeTx.hash], optional: true },
    { name: "uncle count", method: "eth_getUncleCountByBlockNumber", params: ["0x1"], optional: true },
    { name: "syncing", method: "eth_syncing", params: [], optional: true },
    // ---- fees ---------------------------------------------------------------------------------
    {
      name: "fee history",
      method: "eth_feeHistory",
      params: ["0x4", "latest", [25, 75]],
      rules: { anvilDeviates: BASE_FEE_DEPENDENT },
      optional: true,
    },
    {
      name: "max priority fee",
      method: "eth_maxPriorityFeePerGas",
      params: [],
      rules: { volatile: { $: "a suggestion: each client's own oracle (geth's samples recent blocks' tips)" } },
      optional: true,
    },
    // ---- proofs and access lists ------------------------------------------------------------
    {
      name: "account and storage proof",
      method: "eth_getProof",
      params: [x.token, [`0x${word(0n)}`, `0x${word(100n)}`], "latest"],
      rules: {
        anvilDeviates: {
          "$.accountProof": { reason: "the account trie's root covers block timestamps (EIP-4788 storage): not compared" },
        },
      },
      optional: true,
    },
    {
      name: "access list of a call",
      method: "eth_createAccessList",
      params: [call(`${sel("store(uint256)")}${word(3n)}`), "latest"],
      optional: true,
    },
    // ---- traces -------------------------------------------------------------------------------
    {
      name: "call trace of a transaction",
      method: "debug_traceTransaction",
      params: [storeTx.hash, { tracer: "callTracer" }],
      rules: { anvilDeviates: { "$.gas": topGas(storeTx.gasLimit) } },
      optional: true,
    },
    {
      name: "call trace of a reverted transaction",
      method: "debug_traceTransaction",
      params: [revertTx.hash, { tracer: "callTracer" }],
      rules: { anvilDeviates: { "$.gas": topGas(revertTx.gasLimit) } },
      optional: true,
    },
    {
      name: "call trace of a deployment",
      method: "debug_traceTransaction",
      params: [deployTx.hash, { tracer: "callTracer" }],
      rules: { anvilDeviates: { "$.gas": topGas(deployTx.gasLimit) } },
      optional: true,
    },
    {
      name: "call trace of a call",
      method: "debug_traceCall",
      params: [call(`${sel("burn(uint256)")}${word(3n)}`), "latest", { tracer: "callTracer" }],
      // without a gas field geth runs the call with the RPC gas cap (50M)
      rules: {
        anvilDeviates: {
          "$.gas": { ...topGas(50_000_000n), reason: "anvil gives the call the block gas limit less intrinsic gas; geth the RPC gas cap" },
        },
      },
      optional: true,
    },
    {
      name: "call traces of a block",
      method: "debug_traceBlockByNumber",
      params: ["0x4", { tracer: "callTracer" }],
      rules: {
        anvilDeviates: {
          "$[*].result.gas": { reason: "anvil gives the top call frame the gas left after intrinsic gas; geth the gas limit" },
        },
      },
      optional: true,
    },
    {
      name: "prestate trace of a transaction",
      method: "debug_traceTransaction",
      params: [storeTx.hash, { tracer: "prestateTracer" }],
      rules: {
        volatile: { "$.0x0000000000000000000000000000000000000000.balance": "the coinbase's tips follow anvil's late base fees" },
        anvilDeviates: {
          [`$.${x.token}.codeHash`]: { reason: "anvil leaves out the codeHash of accounts with code; Cairn sends it (not checked)" },
        },
      },
      optional: true,
    },
    {
      name: "call trace of a reverting call",
      method: "debug_traceCall",
      params: [{ ...call(sel("fail()")), gas: "0x30000" }, "latest", { tracer: "callTracer" }],
      rules: { anvilDeviates: { "$.gas": topGas(0x30000n) } },
      optional: true,
    },
    {
      name: "access list of a reverting call",
      method: "eth_createAccessList",
      params: [call(sel("fail()")), "latest"],
      // geth answers a result whose "error" field holds the VM error
      anvilDeviates: { reason: "anvil answers a reverting call with a JSON-RPC error; geth with a result carrying 'error'" },
      optional: true,
    },
    { name: "call at the pending block", method: "eth_call", params: [call(sel("value()")), "pending"], optional: true },
    // a dev chain has no consensus layer: which block is "safe" or "finalized" is each client's choice
    { name: "safe block", method: "eth_getBlockByNumber", params: ["safe", false], rules: DEV_FINALITY, optional: true },
    { name: "finalized block", method: "eth_getBlockByNumber", params: ["finalized", false], rules: DEV_FINALITY, optional: true },
    { name: "pool status", method: "txpool_status", params: [], optional: true },
    {
      name: "struct log trace of a transaction",
      method: "debug_traceTransaction",
      params: [storeTx.hash, { enableMemory: false, disableStorage: true, disableStack: false }],
      rules: {
        anvilDeviates: {
          "$.structLogs": { reason: "anvil 1.7 answers no struct logs with these options; geth one per step (not checked here)" },
        },
      },
      optional: true,
    },
  ];
  return cases;
}

/** Dev methods (anvil_*, evm_*): they change state, so they run last. */
export function moreDevCases(x: MoreContext): Case[] {
  const slot = "0x5";
  const value = `0x${word(0x1234n)}`;
  return [
    { name: "set a balance", method: "anvil_setBalance", params: [x.poor, "0x1000"], optional: true },
    { name: "balance after anvil_setBalance", method: "eth_getBalance", params: [x.poor, "latest"], optional: true },
    { name: "set a nonce", method: "anvil_setNonce", params: [x.poor, "0x5"], optional: true },
    { name: "nonce after anvil_setNonce", method: "eth_getTransactionCount", params: [x.poor, "latest"], optional: true },
    { name: "set code", method: "anvil_setCode", params: [x.poor, "0x6001600055"], optional: true },
    { name: "code after anvil_setCode", method: "eth_getCode", params: [x.poor, "latest"], optional: true },
    { name: "set a storage slot", method: "anvil_setStorageAt", params: [x.token, slot, value], optional: true },
    { name: "slot after anvil_setStorageAt", method: "eth_getStorageAt", params: [x.token, slot, "latest"], optional: true },
    {
      name: "storage slot given as 32 bytes",
      method: "eth_getStorageAt",
      params: [x.token, `0x${word(5n)}`, "latest"],
    },
    { name: "mine two blocks", method: "anvil_mine", params: ["0x2"], optional: true },
    { name: "block number after anvil_mine", method: "eth_blockNumber", params: [], optional: true },
    { name: "mine one block", method: "evm_mine", params: [], optional: true },
    {
      name: "block filter after three mined blocks",
      method: "eth_getFilterChanges",
      // the block hashes differ (timestamps); their number must not
      params: (s) => [s.values.get("blockFilter")],
      rules: { volatile: { "$[*]": "block hashes cover each server's timestamps" } },
      optional: true,
    },
    { name: "automine on", method: "anvil_getAutomine", params: [], optional: true },
  ];
}
