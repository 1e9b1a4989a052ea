/**
 * kv/key-string: a key's bytes as a latin1 string (one char per byte, so string order is byte
 * order), the Map key of the staging batch and of the memory backend.
 *
 * A block import stages tens of thousands of keys, so this is on the import's hot path. Node's
 * native latin1 slice reads a Uint8Array directly; `Buffer.from(...).toString("latin1")` does the
 * same work after allocating a Buffer view per key (about twice the time in a micro-benchmark of
 * 60,000 33-byte keys). The native method is undocumented, so it is used only when present and
 * when it agrees with the documented path on a probe at load time.
 */

type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;

function viaBuffer(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("latin1");
}

const native = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;

function nativeWorks(): boolean {
  if (typeof native !== "function") return false;
  try {
    const probe = new Uint8Array(260);
    for (let i = 0; i < probe.length; i++) probe[i] = (i * 7 + 3) & 0xff;
    const view = probe.subarray(2, 258);
    return native.call(view, 0, view.length) === viaBuffer(view) && native.call(new Uint8Array(0), 0, 0) === "";
  } catch {
    return false;
  }
}

/** The latin1 string of `key`'s bytes. */
export const keyString: (key: Uint8Array) => string = nativeWorks() ? (key) => (native as Latin1Slice).call(key, 0, key.length) : viaBuffer;
