/**
 * crypto/keccak: keccak-256, the hash Ethereum uses everywhere.
 *
 * Backend chosen by measurement (docs/PERFORMANCE.md): the WebAssembly keccak of `hash-wasm` is
 * about 8x faster than pure JS for 32-byte inputs and 12x for 1 KiB. `@noble/hashes` is the
 * audited reference and the fallback when WebAssembly is unavailable or CAIRN_CRYPTO=js.
 *
 * The WASM module is called through its exports directly (Hash_Init/Update/Final on its own
 * buffer), not through hash-wasm's `IHasher` wrapper: the wrapper's type checks, input views
 * and chunk subarrays cost about 200 ns of a 650 ns 32-byte hash, and block import hashes
 * several hundred thousand short inputs (trie nodes, storage keys). hash-wasm does not export
 * its instance, so it is taken from the `WebAssembly.instantiate` call `createKeccak` makes, and
 * used only after it agrees with the wrapper on test inputs; otherwise the wrapper serves.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak } from "hash-wasm";

export type KeccakBackend = "wasm" | "js";

type Hasher = (data: Uint8Array) => Uint8Array;

const jsKeccak: Hasher = (data) => keccak_256(data);

/** The parts of the WebAssembly global used here (the TypeScript libs in use do not declare it). */
interface WasmApi {
  instantiate: (...args: unknown[]) => Promise<unknown>;
  Instance: abstract new (...args: never[]) => { readonly exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The exports of hash-wasm's keccak module this file calls (hash-wasm 4.x). */
interface KeccakExports {
  memory: { readonly buffer: ArrayBuffer };
  Hash_GetBuffer(): number;
  Hash_Init(bits: number): void;
  Hash_Update(length: number): void;
  Hash_Final(padding: number): void;
}

/** hash-wasm's I/O buffer size: at most this many bytes per Hash_Update. */
const CHUNK = 16 * 1024;
/** Keccak's original padding byte (SHA-3 uses 0x06), as hash-wasm's createKeccak passes it. */
const KECCAK_PADDING = 0x01;

function isKeccakExports(api: WasmApi, e: Record<string, unknown>): e is Record<string, unknown> & KeccakExports {
  return (
    e.memory instanceof api.Memory &&
    typeof e.Hash_GetBuffer === "function" &&
    typeof e.Hash_Init === "function" &&
    typeof e.Hash_Update === "function" &&
    typeof e.Hash_Final === "function"
  );
}

/** keccak-256 straight on the module's exports; its buffer view is renewed if memory grows. */
function directHasher(e: KeccakExports): Hasher {
  const offset = e.Hash_GetBuffer();
  let buffer = e.memory.buffer;
  let io = new Uint8Array(buffer, offset, CHUNK);
  return (data) => {
    if (e.memory.buffer !== buffer) {
      buffer = e.memory.buffer;
      io = new Uint8Array(buffer, offset, CHUNK);
    }
    e.Hash_Init(256);
    const n = data.length;
    if (n <= CHUNK) {
      io.set(data);
      e.Hash_Update(n);
    } else {
      for (let read = 0; read < n; read += CHUNK) {
        const end = Math.min(n, read + CHUNK);
        io.set(data.subarray(read, end));
        e.Hash_Update(end - read);
      }
    }
    e.Hash_Final(KECCAK_PADDING);
    return io.slice(0, 32);
  };
}

/** Inputs the direct path must hash as the wrapper does before it is used (incl. > 1 chunk). */
function agreementInputs(): Uint8Array[] {
  const sizes = [0, 1, 32, 135, 136, 137, 600, CHUNK, CHUNK + 1, 3 * CHUNK + 77];
  return sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff));
}

async function loadWasmKeccak(): Promise<Hasher | undefined> {
  if (wasmApi === undefined) return undefined;
  const api = wasmApi;
  const instances: { readonly exports: Record<string, unknown> }[] = [];
  const instantiate = api.instantiate;
  let h: Awaited<ReturnType<typeof createKeccak>>;
  try {
    // Records the instance createKeccak makes (it instantiates a compiled module).
    api.instantiate = (...args) =>
      instantiate.apply(api, args).then((r) => {
        if (r instanceof api.Instance) instances.push(r);
        return r;
      });
    h = await createKeccak(256);
  } catch {
    return undefined;
  } finally {
    api.instantiate = instantiate;
  }
  const wrapped: Hasher = (data) => {
    h.init();
    h.update(data);
    return h.digest("binary") as Uint8Array;
  };
  const inputs = agreementInputs();
  const expected = inputs.map((d) => wrapped(d));
  for (const inst of instances) {
    if (!isKeccakExports(api, inst.exports)) continue;
    const direct = directHasher(inst.exports);
    if (inputs.every((d, i) => Buffer.compare(direct(d), expected[i]!) === 0 && Buffer.compare(wrapped(d), expected[i]!) === 0))
      return direct;
  }
  return wrapped;
}

const wasmKeccak = process.env.CAIRN_CRYPTO === "js" ? undefined : await loadWasmKeccak();

let active: Hasher = wasmKeccak ?? jsKeccak;
let activeName: KeccakBackend = wasmKeccak ? "wasm" : "js";

export function keccak256(data: Uint8Array): Uint8Array {
  return active(data);
}

/** The pure-JS reference, always available (tests compare backends against it). */
export function keccak256Js(data: Uint8Array): Uint8Array {
  return jsKeccak(data);
}

export function keccakBackend(): KeccakBackend {
  return activeName;
}

/** Switches backend (benchmarks and tests). Returns false if the backend is not available. */
export function setKeccakBackend(name: KeccakBackend): boolean {
  if (name === "wasm") {
    if (!wasmKeccak) return false;
    active = wasmKeccak;
  } else {
    active = jsKeccak;
  }
  activeName = name;
  return true;
}
