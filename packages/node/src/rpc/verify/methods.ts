/**
 * rpc/verify/methods: contract verification for the explorer (Cairn's own `cairn_` namespace).
 * - cairn_compilerVersions() -> the installed solc-js versions, newest first;
 * - cairn_verifyContract({address, sourceCode | standardJsonInput, compilerVersion?,
 *   contractName?, sourceName?, optimizer?: {enabled, runs}, evmVersion?, constructorArgs?})
 *   compiles the source, compares each candidate contract's runtime code with the code at the
 *   address (bytecode.ts: metadata stripped, immutables and library links masked) and, on a
 *   match, stores sources, ABI and settings (chain/verified.ts) -> {verified: true, ...};
 *   otherwise a -32000 error saying what differed;
 * - cairn_getVerifiedContract(address) -> the stored record or null.
 * Answers carry `signatures`, the ABI's selector and topic table (signatures.ts).
 * The deployed code is read at the head. Constructor arguments are the bytes after the creation
 * code in the creation transaction, when the chain's creator index knows it (a top-level
 * creation): given ones must equal them, missing ones are taken from it; for a contract created
 * by another contract, given ones are stored as given.
 */
import { type Chain, creationTxHash, type VerifiedContracts } from "../../chain/index.js";
import { type Address, asAddress, bytesToHex } from "../../primitives/index.js";
import { INVALID_PARAMS, RpcError, SERVER_ERROR } from "../errors.js";
import { argAddress } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { compareRuntime, immutableRanges, linkRanges, objectBytes } from "./bytecode.js";
import { CompilerError, compileStandardJson, installedCompilers, pickCompiler, type SolcContract } from "./compiler.js";
import { signatureTable } from "./signatures.js";

export interface VerifyBackend {
  readonly chain: Chain;
  readonly store: VerifiedContracts;
  /** ms before a compilation is abandoned (default 120 s: the first load of solc-js is slow) */
  readonly compileTimeoutMs?: number;
}

export interface VerifiedRecord {
  readonly address: string;
  readonly contractName: string;
  readonly sourceName: string;
  readonly compilerVersion: string;
  readonly language: string;
  readonly sources: Record<string, { content: string }>;
  readonly settings: Record<string, unknown>;
  readonly abi: unknown[];
  readonly constructorArgs?: string;
  readonly inputKind: "single-file" | "standard-json";
  /** the head block number when verified (hex) */
  readonly verifiedAt: string;
}

const OUTPUT_SELECTION = {
  "*": {
    "*": [
      "abi",
      "evm.bytecode.object",
      "evm.deployedBytecode.object",
      "evm.deployedBytecode.immutableReferences",
      "evm.deployedBytecode.linkReferences",
    ],
  },
};

const bad = (message: string): RpcError => new RpcError(INVALID_PARAMS, message);
const failed = (message: string, data?: unknown): RpcError => new RpcError(SERVER_ERROR, message, data);

function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw bad(`${key} must be a string`);
  return v;
}

interface Request {
  readonly input: { language: string; sources: Record<string, { content: string }>; settings: Record<string, unknown> };
  readonly inputKind: "single-file" | "standard-json";
  readonly compilerVersion: string | undefined;
  readonly contractName: string | undefined;
  readonly constructorArgs: string | undefined;
}

/** The request as standard JSON input with our output selection. */
export function parseVerifyRequest(o: Record<string, unknown>): Request {
  const compilerVersion = optString(o, "compilerVersion");
  const contractName = optString(o, "contractName");
  const constructorArgs = optString(o, "constructorArgs");
  if (constructorArgs !== undefined && !/^0x([0-9a-fA-F]{2})*$/.test(constructorArgs)) throw bad("constructorArgs must be 0x-prefixed hex");
  const sourceCode = optString(o, "sourceCode");
  let std = o.standardJsonInput;
  if (typeof std === "string" && std.trim() !== "") {
    try {
      std = JSON.parse(std);
    } catch (e) {
      throw bad(`standardJsonInput is not JSON: ${(e as Error).message}`);
    }
  } else if (std === "" || std === null) std = undefined;
  if ((sourceCode === undefined) === (std === undefined)) throw bad("give exactly one of sourceCode and standardJsonInput");
  const evmVersion = optString(o, "evmVersion");
  if (std !== undefined) {
    if (typeof std !== "object" || Array.isArray(std)) throw bad("standardJsonInput must be an object");
    const s = std as { language?: unknown; sources?: unknown; settings?: unknown };
    if (typeof s.sources !== "object" || s.sources === null) throw bad("standardJsonInput has no sources");
    const sources: Record<string, { content: string }> = {};
    for (const [name, src] of Object.entries(s.sources as Record<string, { content?: unknown }>)) {
      if (typeof src?.content !== "string") throw bad(`source ${name} has no content (urls are not fetched)`);
      sources[name] = { content: src.content };
    }
    const settings = { ...((s.settings as Record<string, unknown> | undefined) ?? {}) };
    delete settings.outputSelection;
    return {
      input: { language: typeof s.language === "string" ? s.language : "Solidity", sources, settings },
      inputKind: "standard-json",
      compilerVersion,
      contractName,
      constructorArgs,
    };
  }
  const sourceName = optString(o, "sourceName") ?? "contract.sol";
  const opt = (o.optimizer ?? {}) as { enabled?: unknown; runs?: unknown };
  if (typeof opt !== "object") throw bad("optimizer must be {enabled, runs}");
  const runs = opt.runs === undefined || opt.runs === null || opt.runs === "" ? 200 : Number(opt.runs);
  if (!Number.isInteger(runs) || runs < 0) throw bad("optimizer.runs must be a non-negative integer");
  const settings: Record<string, unknown> = { optimizer: { enabled: opt.enabled === true, runs } };
  if (evmVersion !== undefined) settings.evmVersion = evmVersion;
  return {
    input: { language: "Solidity", sources: { [sourceName]: { content: sourceCode! } }, settings },
    inputKind: "single-file",
    compilerVersion,
    contractName,
    constructorArgs,
  };
}

/** The compiled contracts `contractName` ("Name" or "path:Name") selects; all when undefined. */
function candidates(contracts: Record<string, Record<string, SolcContract>>, contractName: string | undefined) {
  const out: { sourceName: string; name: string; contract: SolcContract }[] = [];
  const colon = contractName?.lastIndexOf(":") ?? -1;
  const wantFile = contractName !== undefined && colon >= 0 ? contractName.slice(0, colon) : undefined;
  const wantName = contractName !== undefined && colon >= 0 ? contractName.slice(colon + 1) : contractName;
  for (const [sourceName, byName] of Object.entries(contracts))
    for (const [name, contract] of Object.entries(byName))
      if ((wantName === undefined || wantName === name) && (wantFile === undefined || wantFile === sourceName))
        out.push({ sourceName, name, contract });
  return out;
}

/**
 * The constructor arguments: the creation transaction's input past the creation code (its
 * length is the compiled creation code's; only the metadata hash in it may differ), checked
 * against the given ones.
 */
function checkConstructorArgs(chain: Chain, address: Address, contract: SolcContract, given: string | undefined): string | undefined {
  const wanted = given?.toLowerCase();
  const hash = creationTxHash(chain.kv, address);
  const creation = contract.evm?.bytecode?.object;
  const tx = hash === undefined ? undefined : chain.getTransaction(hash)?.tx;
  if (tx === undefined || creation === undefined) return wanted;
  const length = objectBytes(creation).length;
  if (tx.data.length < length) return wanted;
  const found = bytesToHex(tx.data.subarray(length));
  if (wanted !== undefined && wanted !== found)
    throw failed(`the constructor arguments differ from those of the creation transaction ${bytesToHex(hash!)}: ${found}`);
  return found === "0x" ? undefined : found;
}

export async function verifyContract(
  backend: VerifyBackend,
  address: Address,
  req: Request,
  signal?: AbortSignal,
): Promise<VerifiedRecord> {
  const { chain } = backend;
  const deployed = chain.stateAt(chain.head.header.stateRoot).getCode(address);
  if (deployed.length === 0) throw failed(`no contract code at ${bytesToHex(address)}`);
  let compiled: Awaited<ReturnType<typeof compileStandardJson>>;
  try {
    const compiler = pickCompiler(req.compilerVersion);
    compiled = await compileStandardJson(
      compiler,
      { ...req.input, settings: { ...req.input.settings, outputSelection: OUTPUT_SELECTION } },
      backend.compileTimeoutMs ?? 120_000,
      signal,
    );
  } catch (e) {
    if (e instanceof CompilerError) throw failed(e.message);
    throw e;
  }
  const errors = (compiled.output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0)
    throw failed(`compilation failed: ${errors.map((e) => (e.formattedMessage ?? e.message).trim()).join("\n")}`, {
      errors: errors.map((e) => e.formattedMessage ?? e.message),
    });
  const list = candidates(compiled.output.contracts ?? {}, req.contractName);
  if (list.length === 0) {
    const names = Object.entries(compiled.output.contracts ?? {}).flatMap(([f, c]) => Object.keys(c).map((n) => `${f}:${n}`));
    throw failed(`no contract named ${req.contractName} in the compiled sources; compiled: ${names.join(", ") || "none"}`);
  }
  const reasons: string[] = [];
  for (const { sourceName, name, contract } of list) {
    const d = contract.evm?.deployedBytecode;
    if (d?.object === undefined || d.object === "") {
      reasons.push(`${name}: no runtime code`);
      continue;
    }
    const masked = [...immutableRanges(d.immutableReferences), ...linkRanges(d.linkReferences)];
    const result = compareRuntime(objectBytes(d.object), deployed, masked);
    if (!result.match) {
      reasons.push(`${name}: ${result.reason}`);
      continue;
    }
    const constructorArgs = checkConstructorArgs(chain, address, contract, req.constructorArgs);
    const record: VerifiedRecord = {
      address: bytesToHex(address),
      contractName: name,
      sourceName,
      compilerVersion: compiled.version,
      language: req.input.language,
      sources: req.input.sources,
      settings: req.input.settings,
      abi: contract.abi ?? [],
      ...(constructorArgs === undefined ? {} : { constructorArgs }),
      inputKind: req.inputKind,
      verifiedAt: `0x${chain.head.header.number.toString(16)}`,
    };
    backend.store.put(address, record);
    return record;
  }
  throw failed(
    list.length === 1
      ? `the source does not match the deployed code: ${reasons[0]}`
      : `no compiled contract matches the deployed code: ${reasons.join("; ")}`,
    { reasons },
  );
}

/** The record as answered: with the selector and topic table of its ABI (computed, not stored). */
function withSignatures(record: VerifiedRecord): VerifiedRecord & { signatures: ReturnType<typeof signatureTable> } {
  return { ...record, signatures: signatureTable(record.abi) };
}

export function registerVerifyMethods(registry: MethodRegistry, backend: VerifyBackend): void {
  registry.enableNamespace("cairn");
  registry.register("cairn_compilerVersions", () => installedCompilers().map((c) => c.version), { arity: [0, 0] });
  registry.register(
    "cairn_getVerifiedContract",
    (p) => {
      const record = backend.store.get(asAddress(argAddress(p, 0))) as VerifiedRecord | undefined;
      return record === undefined ? null : withSignatures(record);
    },
    { arity: [1, 1] },
  );
  registry.register(
    "cairn_verifyContract",
    async (p, ctx) => {
      const o = p[0];
      if (typeof o !== "object" || o === null || Array.isArray(o)) throw bad("expected one object argument");
      const address = asAddress(argAddress([(o as Record<string, unknown>).address], 0));
      const req = parseVerifyRequest(o as Record<string, unknown>);
      const record = await verifyContract(backend, address, req, ctx.signal);
      return { verified: true, ...withSignatures(record) };
    },
    { arity: [1, 1] },
  );
}
