/**
 * test/differential/rpc-scenario: the same JSON-RPC scenario (rpc-scenario.ts) against anvil and
 * `cairn dev --ephemeral`, started side by side with the same mnemonic, chain id 31337 and
 * hardfork Prague. Answers must match field by field where the protocol fixes them; fields that
 * legitimately differ (rpc-compare.ts VOLATILE_FIELDS) are compared by shape; where anvil
 * deviates from geth, Cairn must give geth's answer and the difference is printed.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findAnvil } from "../../src/cli/anvil-binary.js";
import { RpcClient, type RpcPeer, startAnvilPeer, startCairnPeer } from "../../src/cli/bench-rpc-peers.js";
import { type Comparison, type Difference, newComparison } from "./rpc-compare.js";
import { buildScenario, runCase, type Side } from "./rpc-scenario.js";
import { compileScenario } from "./rpc-scenario-contract.js";

const anvilBinary = findAnvil();
const skip = "reason" in anvilBinary ? anvilBinary.reason : false;

const peers: RpcPeer[] = [];
const clients: RpcClient[] = [];

before(async () => {
  if (skip !== false) return;
  const [cairn, anvil] = await Promise.all([startCairnPeer(), startAnvilPeer()]);
  peers.push(cairn, anvil);
  clients.push(new RpcClient(cairn.url, 2), new RpcClient(anvil.url, 2));
});

after(async () => {
  for (const c of clients) c.close();
  await Promise.all(peers.map((p) => p.stop()));
});

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 160 ? `${s.slice(0, 160)}...` : s;
};
const line = (d: Difference): string => `${d.path}: cairn ${show(d.cairn)} | anvil ${show(d.anvil)} (${d.why})`;

test("rpc scenario: Cairn and anvil answer alike, field by field", { skip, timeout: 300_000 }, async () => {
  const cases = buildScenario(compileScenario());
  const [cairn, anvil] = clients as [RpcClient, RpcClient];
  const sides: { cairn: Side; anvil: Side } = {
    cairn: { name: "cairn", blockHashes: new Map(), values: new Map() },
    anvil: { name: "anvil", blockHashes: new Map(), values: new Map() },
  };
  const failures: string[] = [];
  const pending: string[] = [];
  let equal = 0;
  let shaped = 0;
  let deviations = 0;
  let gaps = 0;
  for (const kase of cases) {
    const out: Comparison = newComparison();
    const status = await runCase(kase, { cairn, anvil }, sides, out);
    if (status === "pending") {
      pending.push(kase.method);
      continue;
    }
    equal += out.equal;
    shaped += out.shaped;
    deviations += out.deviations.length;
    for (const d of out.deviations) console.log(`anvil deviates from geth in "${kase.name}" ${line(d)}`);
    gaps += out.gaps.length;
    for (const g of out.gaps) console.log(`Cairn differs from geth (known) in "${kase.name}" ${line(g)}`);
    for (const f of out.failures) failures.push(`"${kase.name}" (${kase.method}) ${line(f)}`);
  }
  console.log(
    `rpc scenario: ${cases.length} cases, ${cases.length - pending.length} compared, ${equal} fields equal, ${shaped} compared by shape, ${deviations} anvil deviations, ${gaps} known Cairn gaps, ${failures.length} failures` +
      (pending.length > 0 ? `; pending (not served by Cairn yet): ${[...new Set(pending)].join(", ")}` : ""),
  );
  if (failures.length > 0) console.log(failures.join("\n"));
  assert.equal(failures.length, 0);
});
