/**
 * cli/bench-crypto: keccak-256 and secp256k1 backends side by side (WASM/native vs pure JS),
 * the measurement behind the backend choice recorded in docs/PERFORMANCE.md.
 */
import {
  keccak256,
  keccakBackend,
  recoverPublicKey,
  secp256k1Backend,
  setKeccakBackend,
  setSecp256k1Backend,
  sign,
} from "../crypto/index.js";

function timeOps(fn: () => void, minMs = 400): number {
  for (let i = 0; i < 50; i++) fn(); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (n / elapsed) * 1000; // ops per second
}

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(28) : c.padStart(14))).join(" ");
}

export async function benchCrypto(): Promise<void> {
  const lines: string[] = [];
  lines.push(row(["workload", "fast ops/s", "js ops/s", "ratio"]));
  const inputs: Array<[string, Uint8Array]> = [
    ["keccak256 32 B", new Uint8Array(32).fill(7)],
    ["keccak256 1 KiB", new Uint8Array(1024).fill(3)],
    ["keccak256 64 KiB", new Uint8Array(65536).fill(5)],
  ];
  const keccakFast = keccakBackend();
  for (const [name, data] of inputs) {
    setKeccakBackend(keccakFast);
    const fast = timeOps(() => keccak256(data));
    setKeccakBackend("js");
    const js = timeOps(() => keccak256(data));
    lines.push(row([`${name} (${keccakFast})`, fast.toFixed(0), js.toFixed(0), `${(fast / js).toFixed(1)}x`]));
  }
  setKeccakBackend(keccakFast);

  const key = new Uint8Array(32).fill(1);
  const msg = keccak256(Uint8Array.of(1, 2, 3));
  const secpFast = secp256k1Backend();
  const sig = sign(msg, key);
  const fastRecover = timeOps(() => recoverPublicKey(msg, sig.r, sig.s, sig.yParity));
  const fastSign = timeOps(() => sign(msg, key));
  setSecp256k1Backend("js");
  const jsRecover = timeOps(() => recoverPublicKey(msg, sig.r, sig.s, sig.yParity));
  const jsSign = timeOps(() => sign(msg, key));
  setSecp256k1Backend(secpFast);
  lines.push(
    row([`secp256k1 recover (${secpFast})`, fastRecover.toFixed(0), jsRecover.toFixed(0), `${(fastRecover / jsRecover).toFixed(1)}x`]),
  );
  lines.push(row([`secp256k1 sign (${secpFast})`, fastSign.toFixed(0), jsSign.toFixed(0), `${(fastSign / jsSign).toFixed(1)}x`]));
  process.stdout.write(`${lines.join("\n")}\n`);
}
