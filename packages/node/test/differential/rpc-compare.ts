/**
 * test/differential/rpc-compare: field-by-field comparison of two JSON-RPC answers (Cairn's and
 * anvil's) for the side-by-side scenario. Every leaf is compared by value, except:
 * - fields that legitimately differ between two independent dev chains (VOLATILE_FIELDS, with
 *   the reason): only their shape is compared (same JSON type; for hex strings, both quantities
 *   or both data of the same length);
 * - known deviations of anvil from geth, given per case: there Cairn must give geth's value
 *   (when the case states it) and the difference is reported, not failed.
 * Paths look like `$.transactions[0].hash`; rules match them with indices written `[*]`.
 */

/**
 * Fields whose values depend on each node's wall clock or identity, never on the requests:
 * compared by shape only.
 */
export const VOLATILE_FIELDS: ReadonlyMap<string, string> = new Map([
  ["timestamp", "wall-clock time of the block"],
  ["blockTimestamp", "wall-clock time of the block (logs)"],
  ["hash", "block hash: covers the timestamp (transaction hashes are compared: see isBlockLevel)"],
  ["blockHash", "covers the block's timestamp"],
  ["parentHash", "covers the parent's timestamp"],
  ["stateRoot", "EIP-4788 stores the block timestamp in the beacon-roots contract's storage"],
  ["mixHash", "prevRandao: anvil draws it, Cairn derives it"],
  ["prevRandao", "prevRandao: anvil draws it, Cairn derives it"],
  ["extraData", "client-chosen (Cairn writes its chain tag, anvil nothing)"],
  ["size", "block size: covers extraData"],
  ["parentBeaconBlockRoot", "a dev chain has no beacon chain: each client picks its own value"],
]);

export interface Difference {
  readonly path: string;
  readonly cairn: unknown;
  readonly anvil: unknown;
  readonly why: string;
}

export interface Deviation {
  /** What anvil does differently from geth. */
  readonly reason: string;
  /** geth's value at this path, which Cairn must give; undefined: Cairn is not checked here. */
  readonly geth?: unknown;
  /** geth leaves this field out: so must Cairn. */
  readonly gethAbsent?: boolean;
  /** The deviation is anvil sending a field Cairn leaves out; when both send it, compare as usual. */
  readonly onlyWhenCairnLacks?: boolean;
}

/**
 * Fields, by member name, where anvil's answers differ from geth's wherever they appear
 * (go-ethereum internal/ethapi RPCMarshalBlock, MarshalReceipt, newRPCTransaction).
 */
export const ANVIL_FIELD_DEVIATIONS: ReadonlyMap<string, Deviation> = new Map<string, Deviation>([
  ["totalDifficulty", { reason: "geth no longer sends totalDifficulty in blocks (removed after the merge)", gethAbsent: true }],
  ["blobGasPrice", { reason: "geth sends blobGasPrice only in the receipts of blob (type 3) transactions", gethAbsent: true }],
  [
    "blockTimestamp",
    { reason: "anvil adds blockTimestamp to transactions and receipts (a JSON number in receipts)", onlyWhenCairnLacks: true },
  ],
  [
    "baseFeePerGas",
    {
      reason:
        "anvil gives block 1 the genesis base fee instead of EIP-1559's value from its parent, so its base fees run one block late; Cairn's are checked by the 'base fees follow EIP-1559' case",
    },
  ],
]);

export interface Comparison {
  /** Leaves compared by value and equal. */
  equal: number;
  /** Volatile leaves compared by shape and alike. */
  shaped: number;
  /** Differences that no rule explains: failures. */
  readonly failures: Difference[];
  /** Known anvil deviations seen (reported, not failed). */
  readonly deviations: Difference[];
  /** Known differences of Cairn from geth, each case saying why (reported, not failed). */
  readonly gaps: Difference[];
}

export function newComparison(): Comparison {
  return { equal: 0, shaped: 0, failures: [], deviations: [], gaps: [] };
}

type Kind = "null" | "bool" | "number" | "quantity" | "data" | "string" | "array" | "object" | "absent";

function kindOf(v: unknown): Kind {
  if (v === undefined) return "absent";
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "number";
  if (typeof v === "string") {
    if (!/^0x[0-9a-fA-F]*$/.test(v)) return "string";
    // 0x0 and 0x1a are quantities; an even number of digits with a leading zero is data
    return /^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/.test(v) && !(v.length % 2 === 0 && v.length > 4) ? "quantity" : "data";
  }
  if (Array.isArray(v)) return "array";
  return "object";
}

/** Same shape: same kind; data of the same length; arrays of the same length. */
function sameShape(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (typeof a === "string" && typeof b === "string" && a.startsWith("0x") && b.startsWith("0x")) {
    // a quantity may look like data by chance (0x1234): hex strings of one field agree on length class
    if (a.length === 66 || b.length === 66) return a.length === b.length;
    return true;
  }
  if (ka !== kb) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length;
  return true;
}

/** The last member name of a path (`$.a[0].hash` -> `hash`). */
function leafName(path: string): string {
  const m = /\.([A-Za-z0-9_]+)(\[\d+\])*$/.exec(path);
  return m === null ? "" : m[1]!;
}

export function pattern(path: string): string {
  return path.replace(/\[\d+\]/g, "[*]");
}

export interface CompareRules {
  /** Paths (with [*]) that are volatile in this answer besides VOLATILE_FIELDS; value: why. */
  readonly volatile?: Readonly<Record<string, string>>;
  /** Paths of VOLATILE_FIELDS names that this answer must match exactly (e.g. a transaction's hash). */
  readonly exact?: readonly string[];
  /** Paths (with [*]) where anvil deviates from geth. */
  readonly anvilDeviates?: Readonly<Record<string, Deviation>>;
  /** Paths (with [*]) not compared at all, not even by shape; value: why. */
  readonly ignore?: Readonly<Record<string, string>>;
}

function isVolatile(path: string, rules: CompareRules): string | undefined {
  const p = pattern(path);
  if (rules.exact?.includes(p)) return undefined;
  if (rules.volatile?.[p] !== undefined) return rules.volatile[p];
  return VOLATILE_FIELDS.get(leafName(path));
}

/** Compares `cairn` with `anvil` under `rules`, adding to `out`. */
export function compareAnswers(cairn: unknown, anvil: unknown, rules: CompareRules, out: Comparison, path = "$"): void {
  if (rules.ignore?.[pattern(path)] !== undefined) return;
  let deviation = rules.anvilDeviates?.[pattern(path)] ?? ANVIL_FIELD_DEVIATIONS.get(leafName(path));
  if (deviation?.onlyWhenCairnLacks === true && cairn !== undefined) deviation = undefined;
  if (deviation !== undefined) {
    if (JSON.stringify(cairn) !== JSON.stringify(anvil)) out.deviations.push({ path, cairn, anvil, why: deviation.reason });
    if (deviation.geth !== undefined && JSON.stringify(cairn) !== JSON.stringify(deviation.geth))
      out.failures.push({ path, cairn, anvil, why: `Cairn must answer geth's ${JSON.stringify(deviation.geth)}` });
    if (deviation.gethAbsent === true && cairn !== undefined) out.failures.push({ path, cairn, anvil, why: "geth leaves this field out" });
    if (deviation.geth === undefined && deviation.gethAbsent !== true && JSON.stringify(cairn) === JSON.stringify(anvil)) out.equal++;
    return;
  }
  const volatile = isVolatile(path, rules);
  if (volatile !== undefined) {
    if (sameShape(cairn, anvil)) out.shaped++;
    else out.failures.push({ path, cairn, anvil, why: `shape differs (${volatile})` });
    return;
  }
  const kc = kindOf(cairn);
  const ka = kindOf(anvil);
  if (kc === "object" && ka === "object") {
    const c = cairn as Record<string, unknown>;
    const a = anvil as Record<string, unknown>;
    const keys = new Set([...Object.keys(c), ...Object.keys(a)]);
    for (const k of [...keys].sort()) compareAnswers(c[k], a[k], rules, out, `${path}.${k}`);
    return;
  }
  if (kc === "array" && ka === "array") {
    const c = cairn as unknown[];
    const a = anvil as unknown[];
    if (c.length !== a.length) {
      out.failures.push({ path, cairn: `${c.length} items`, anvil: `${a.length} items`, why: "array lengths differ" });
      return;
    }
    for (const [i, v] of c.entries()) compareAnswers(v, a[i], rules, out, `${path}[${i}]`);
    return;
  }
  if (cairn === anvil || (typeof cairn === "string" && typeof anvil === "string" && cairn.toLowerCase() === anvil.toLowerCase()))
    out.equal++;
  else out.failures.push({ path, cairn, anvil, why: kc === ka ? "values differ" : `${kc} vs ${ka}` });
}
