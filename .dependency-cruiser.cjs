/**
 * Layering rules from ../shared/DESIGN.md, checked in CI (`npm run layers`).
 * Modules are the folders of packages/node/src. A module may import only modules of a strictly
 * lower layer, never a sibling on its own layer or anything above, and only through the other
 * module's index.ts. Tests under packages/node/test are integration code and are not bound.
 */
const LAYERS = [
  ["primitives"],
  ["rlp", "crypto"],
  ["params"],
  ["kv", "trie"],
  ["types"],
  ["state", "evm", "consensus"],
  ["execution"],
  ["chain"],
  ["txpool"],
  ["producer", "p2p"],
  ["rpc"],
  ["node"],
  ["cli"],
];
const SRC = "^packages/node/src/";
const ALL = LAYERS.flat();

const forbidden = [];
LAYERS.forEach((layer, rank) => {
  const notBelow = LAYERS.slice(rank).flat();
  for (const mod of layer) {
    const targets = notBelow.filter((m) => m !== mod);
    if (targets.length === 0) continue;
    forbidden.push({
      name: `layer-${mod}`,
      comment: `${mod} may import only modules of lower layers (not ${targets.join(", ")})`,
      severity: "error",
      from: { path: `${SRC}${mod}/` },
      to: { path: `${SRC}(${targets.join("|")})/` },
    });
  }
});

forbidden.push(
  {
    name: "index-only",
    comment: "another module is imported only through its index.ts",
    severity: "error",
    from: { path: `${SRC}([^/]+)/` },
    to: { path: `${SRC}[^/]+/.+`, pathNot: [`${SRC}$1/`, `${SRC}[^/]+/index\\.ts$`] },
  },
  {
    name: "known-modules",
    comment: `every folder of packages/node/src is a module listed in the layer table: ${ALL.join(", ")}`,
    severity: "error",
    from: { path: `${SRC}`, pathNot: `${SRC}(${ALL.join("|")})/` },
    to: {},
  },
  {
    name: "no-circular",
    severity: "error",
    from: { path: SRC },
    to: { circular: true },
  },
  {
    name: "src-not-into-tests",
    comment: "product code never imports test code",
    severity: "error",
    from: { path: SRC },
    to: { path: "^packages/node/test/" },
  },
);

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)dist/" },
    tsPreCompilationDeps: true,
  },
};
