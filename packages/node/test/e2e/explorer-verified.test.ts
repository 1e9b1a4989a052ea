/**
 * The explorer's decoding with a verified contract's ABI (packages/explorer/src/verified.ts and
 * decode.ts, loaded from its built dist), fed the selector table the node answers
 * (rpc/verify/signatures.ts): a call and an event of the verified contract decode with their
 * parameter names, the same data to another address does not, and a node without
 * cairn_getVerifiedContract is asked once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { signatureTable } from "../../src/rpc/index.js";
import { stashCallData } from "../integration/verify-fixture.js";

interface Decoded {
  sig: { name: string; params: { name: string; type: string }[] };
  values: unknown[];
  verified?: boolean;
}
interface DecodeModule {
  decodeCall(input: string, to?: string | null): Decoded | undefined;
  decodeLog(log: { address: string; topics: string[]; data: string }): Decoded | undefined;
  methodLabel(input: string, to: string | null): string;
}
interface VerifiedModule {
  loadVerified(rpc: unknown, addresses: Iterable<string | null | undefined>): Promise<void>;
}

const dist = (f: string) => new URL(`../../../../explorer/dist/${f}`, import.meta.url).href;
const decode = (await import(dist("decode.js"))) as DecodeModule;
const verified = (await import(dist("verified.js"))) as VerifiedModule;

const VAULT = "0x00000000000000000000000000000000000000aa";
const OTHER = "0x00000000000000000000000000000000000000bb";
const ABI = [
  {
    type: "function",
    name: "stash",
    inputs: [
      { type: "uint256", name: "amount" },
      { type: "string", name: "note" },
    ],
  },
  {
    type: "event",
    name: "Stashed",
    inputs: [
      { type: "address", name: "who", indexed: true },
      { type: "uint256", name: "amount" },
      { type: "string", name: "note" },
    ],
  },
];

test("calls and events of a verified contract decode with its own ABI", async () => {
  const asked: string[] = [];
  const rpc = {
    knownMissing: () => false,
    batchAll: async (calls: [string, [string]][]) =>
      calls.map(([, [address]]) => {
        asked.push(address);
        return address === VAULT ? { address: VAULT, abi: ABI, signatures: signatureTable(ABI) } : null;
      }),
  };
  const input = stashCallData(42, "hi");
  assert.equal(decode.decodeCall(input, VAULT), undefined, "not loaded yet: the built-in table does not know stash");
  await verified.loadVerified(rpc, [VAULT, OTHER, null, VAULT.toUpperCase().replace("0X", "0x")]);
  assert.deepEqual(asked.sort(), [VAULT, OTHER], "each address asked once, in one batch");
  await verified.loadVerified(rpc, [VAULT]);
  assert.equal(asked.length, 2, "cached");

  const d = decode.decodeCall(input, VAULT)!;
  assert.equal(d.verified, true);
  assert.equal(d.sig.name, "stash");
  assert.deepEqual(
    d.sig.params.map((p) => p.name),
    ["amount", "note"],
  );
  assert.deepEqual(d.values, [42n, "hi"]);
  assert.equal(decode.methodLabel(input, VAULT), "stash");
  assert.equal(decode.decodeCall(input, OTHER), undefined, "another contract's calls are not decoded with this ABI");

  const topic0 = Object.keys(signatureTable(ABI).events)[0]!;
  const who = `0x${"0".repeat(24)}${"f3".repeat(20)}`;
  const data = `0x${(5).toString(16).padStart(64, "0")}${(64).toString(16).padStart(64, "0")}${(2).toString(16).padStart(64, "0")}${Buffer.from("hi").toString("hex").padEnd(64, "0")}`;
  const log = decode.decodeLog({ address: VAULT, topics: [topic0, who], data })!;
  assert.equal(log.sig.name, "Stashed");
  assert.deepEqual(log.values, [`0x${"f3".repeat(20)}`, 5n, "hi"]);
  assert.equal(decode.decodeLog({ address: OTHER, topics: [topic0, who], data }), undefined);
});

test("a node without cairn_getVerifiedContract is not asked again", async () => {
  let batches = 0;
  const rpc = {
    knownMissing: () => true,
    batchAll: async () => {
      batches++;
      return [];
    },
  };
  await verified.loadVerified(rpc, ["0x00000000000000000000000000000000000000cc"]);
  assert.equal(batches, 0);
});
