/**
 * crypto/keccak: keccak-256, the hash Ethereum uses everywhere.
 *
 * Backend chosen by measurement (docs/PERFORMANCE.md): the WebAssembly keccak of `hash-wasm` is
 * about 8x faster than pure JS for 32-byte inputs and 12x for 1 KiB. `@noble/hashes` is the
 * audited reference and the fallback when WebAssembly is unavailable or CAIRN_CRYPTO=js.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak } from "hash-wasm";

export type KeccakBackend = "wasm" | "js";

type Hasher = (data: Uint8Array) => Uint8Array;

const jsKeccak: Hasher = (data) => keccak_256(data);

async function loadWasmKeccak(): Promise<Hasher | undefined> {
  try {
    const h = await createKeccak(256);
    return (data) => {
      h.init();
      h.update(data);
      return h.digest("binary") as Uint8Array;
    };
  } catch {
    return undefined;
  }
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
