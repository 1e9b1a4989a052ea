/**
 * Conformance: TransactionTests from ethereum/tests. Each vector is raw `txbytes` and, per
 * fork, either the expected hash, sender and intrinsic gas, or a TransactionException name.
 * A valid vector passes when our decoding, static validity checks and sender recovery accept
 * it with the same hash, sender and intrinsic gas; an invalid one passes when decoding or the
 * static checks reject it. Where our error code differs from the fixture's exception name the
 * vector still passes (rejection is what matters) and the mismatch is counted and printed.
 *
 * A second runner cross-checks the codecs for the newer transaction types (blob, set-code)
 * on the `txbytes` of state tests: they must decode, re-encode to the same bytes and recover
 * the sender (and the EIP-7702 authorities) the fixture names.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { validateTransaction } from "../../src/execution/index.js";
import { FORKS, type Fork, forkAtLeast, isFork } from "../../src/params/index.js";
import { bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { encodeTransaction, recoverAuthority, recoverSender, transactionHash, tryDecodeTransaction } from "../../src/types/index.js";
import { FIXTURES_ROOT, fixturePath, listJsonFiles } from "../fixtures.js";

const CHAIN_ID = 1n;

interface ForkResult {
  hash?: string;
  sender?: string;
  intrinsicGas?: string;
  exception?: string;
}

interface TxVector {
  txbytes: string;
  result: Record<string, ForkResult>;
}

/**
 * Fixture exception names that name the same failure as one of our codes under another
 * spelling (the reference client reports two message variants for one rule).
 */
const EXCEPTION_ALIASES: Record<string, string> = {
  PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2: "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS",
};

function expectedCode(exception: string): string {
  const name = exception.replace(/^TransactionException\./, "");
  return EXCEPTION_ALIASES[name] ?? name;
}

interface Outcome {
  ok: boolean;
  hash?: string;
  sender?: string;
  intrinsicGas?: bigint;
  code?: string;
  message?: string;
}

function runVector(bytes: Uint8Array, fork: Fork): Outcome {
  const decoded = tryDecodeTransaction(bytes);
  if (!decoded.ok) return { ok: false, code: decoded.error.code, message: decoded.error.message };
  const valid = validateTransaction(decoded.value, { fork, chainId: CHAIN_ID });
  if (!valid.ok) return { ok: false, code: valid.error.code, message: valid.error.message };
  return {
    ok: true,
    hash: bytesToHex(transactionHash(decoded.value)),
    sender: bytesToHex(valid.value.recovered.sender),
    intrinsicGas: valid.value.intrinsic.gas,
  };
}

/** Forks that must pass in full; the older ones run too, with the same rules applied per fork. */
const REQUIRED_FORKS: readonly Fork[] = ["Berlin", "London", "Paris", "Shanghai", "Cancun"];

test("TransactionTests conformance", () => {
  const dir = fixturePath("TransactionTests");
  if (!dir) return;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let requiredPassed = 0;
  const skipReasons = new Map<string, number>();
  const failures: string[] = [];
  const mismatches = new Map<string, number>();
  const perFork = new Map<string, { passed: number; failed: number }>();

  for (const file of listJsonFiles(dir)) {
    const vectors = JSON.parse(readFileSync(file, "utf8")) as Record<string, TxVector>;
    for (const [name, vector] of Object.entries(vectors)) {
      const label = `${file.slice(dir.length + 1)}:${name}`;
      let bytes: Uint8Array | undefined;
      try {
        bytes = hexToBytes(vector.txbytes);
      } catch {
        bytes = undefined;
      }
      for (const [forkName, expected] of Object.entries(vector.result)) {
        if (!isFork(forkName)) {
          skipped++;
          skipReasons.set(`unknown fork ${forkName}`, (skipReasons.get(`unknown fork ${forkName}`) ?? 0) + 1);
          continue;
        }
        const stats = perFork.get(forkName) ?? { passed: 0, failed: 0 };
        perFork.set(forkName, stats);
        const outcome: Outcome = bytes ? runVector(bytes, forkName) : { ok: false, code: "RLP_ERROR_SIZE", message: "txbytes is not hex" };
        let problem: string | undefined;
        if (expected.exception !== undefined) {
          if (outcome.ok) problem = `accepted, but the fixture expects ${expected.exception}`;
          else {
            const want = expectedCode(expected.exception);
            if (outcome.code !== want) {
              const key = `${want} <- ${outcome.code}`;
              mismatches.set(key, (mismatches.get(key) ?? 0) + 1);
            }
          }
        } else if (!outcome.ok) {
          problem = `rejected (${outcome.message}), but the fixture expects a valid transaction`;
        } else if (outcome.hash !== expected.hash?.toLowerCase()) {
          problem = `hash ${outcome.hash}, expected ${expected.hash}`;
        } else if (outcome.sender !== expected.sender?.toLowerCase()) {
          problem = `sender ${outcome.sender}, expected ${expected.sender}`;
        } else if (outcome.intrinsicGas !== BigInt(expected.intrinsicGas ?? "-1")) {
          problem = `intrinsic gas ${outcome.intrinsicGas}, expected ${expected.intrinsicGas ? BigInt(expected.intrinsicGas) : "none"}`;
        }
        if (problem) {
          failed++;
          stats.failed++;
          failures.push(`${label} [${forkName}]: ${problem}`);
        } else {
          passed++;
          stats.passed++;
          if (REQUIRED_FORKS.includes(forkName)) requiredPassed++;
        }
      }
    }
  }

  const forkLine = FORKS.filter((f) => perFork.has(f))
    .map((f) => `${f} ${perFork.get(f)!.passed}/${perFork.get(f)!.passed + perFork.get(f)!.failed}`)
    .join(", ");
  const skipText = skipReasons.size === 0 ? "" : ` (${[...skipReasons].map(([r, n]) => `${n} ${r}`).join(", ")})`;
  console.log(`TransactionTests: ${passed} passed, ${failed} failed, ${skipped} skipped${skipText}`);
  console.log(`TransactionTests per fork (passed/run): ${forkLine}`);
  console.log(`TransactionTests Berlin..Cancun: ${requiredPassed} passed`);
  const mismatchTotal = [...mismatches.values()].reduce((a, b) => a + b, 0);
  console.log(`TransactionTests rejected with another error category than the fixture names: ${mismatchTotal}`);
  for (const [key, n] of [...mismatches].sort((a, b) => b[1] - a[1])) console.log(`  ${n} x fixture ${key} ours`);
  for (const f of failures.slice(0, 40)) console.log(`FAIL ${f}`);
  assert.deepEqual(failures, []);
  assert.ok(requiredPassed > 900, "expected the full TransactionTests set for Berlin..Cancun");
});

interface StateTestTx {
  sender?: string;
  authorizationList?: { signer?: string }[];
}

interface StateTest {
  transaction: StateTestTx;
  config?: { chainid?: string };
  post: Record<string, { txbytes?: string; expectException?: string }[]>;
}

/** Folders of state tests whose transactions use the newer types. */
const STATE_TEST_DIRS = [
  join("ethereum-tests", "GeneralStateTests", "Cancun"),
  join("ethereum-tests", "GeneralStateTests", "Pyspecs"),
  join("ethereum-tests", "GeneralStateTests", "stEIP1559"),
  join("ethereum-tests", "GeneralStateTests", "stEIP2930"),
  "eest-osaka",
];

test("state-test transactions decode, re-encode and recover their senders", () => {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const byType = [0, 0, 0, 0, 0];
  let authorities = 0;
  const failures: string[] = [];
  const seen = new Set<string>();
  for (const rel of STATE_TEST_DIRS) {
    const dir = join(FIXTURES_ROOT, rel);
    if (!existsSync(dir)) {
      console.log(`skipped: fixture path ${dir} is not present`);
      continue;
    }
    for (const file of listJsonFiles(dir)) {
      const tests = JSON.parse(readFileSync(file, "utf8")) as Record<string, StateTest>;
      for (const [name, st] of Object.entries(tests)) {
        const chainId = st.config?.chainid ? BigInt(st.config.chainid) : CHAIN_ID;
        for (const [forkName, posts] of Object.entries(st.post)) {
          for (const post of posts) {
            if (!post.txbytes || seen.has(post.txbytes)) continue;
            seen.add(post.txbytes);
            const label = `${file.slice(FIXTURES_ROOT.length + 1)}:${name}`;
            // Exceptions raised while decoding are the only ones a codec can check; the rest
            // (balances, nonces, blob fees) belong to the state-transition runners.
            const decoded = tryDecodeTransaction(hexToBytes(post.txbytes));
            if (!decoded.ok) {
              const want = post.expectException?.split("|").map(expectedCode) ?? [];
              if (want.includes(decoded.error.code)) passed++;
              else {
                failed++;
                failures.push(`${label}: ${decoded.error.message} (fixture expects ${post.expectException ?? "success"})`);
              }
              continue;
            }
            const tx = decoded.value;
            byType[tx.type]!++;
            const problems: string[] = [];
            if (bytesToHex(encodeTransaction(tx)) !== post.txbytes.toLowerCase()) problems.push("re-encoding differs");
            const fork: Fork = isFork(forkName) ? forkName : "Prague";
            const rec = recoverSender(tx, { fork, chainId });
            if (st.transaction.sender === undefined) skipped++;
            else if (!rec.ok) problems.push(`sender not recovered: ${rec.error.message}`);
            else if (bytesToHex(rec.value.sender) !== st.transaction.sender.toLowerCase())
              problems.push(`sender ${bytesToHex(rec.value.sender)}`);
            if (tx.type === 4 && forkAtLeast(fork, "Prague")) {
              tx.authorizationList.forEach((auth, i) => {
                const signer = st.transaction.authorizationList?.[i]?.signer;
                if (signer === undefined) return;
                authorities++;
                const got = recoverAuthority(auth);
                if (!got || bytesToHex(got) !== signer.toLowerCase())
                  problems.push(`authority ${i}: ${got ? bytesToHex(got) : "none"}, expected ${signer}`);
              });
            }
            if (problems.length === 0) passed++;
            else {
              failed++;
              failures.push(`${label}: ${problems.join("; ")}`);
            }
          }
        }
      }
    }
  }
  console.log(`state-test transactions: ${passed} passed, ${failed} failed, ${skipped} skipped (no sender given)`);
  console.log(`state-test transactions by type 0..4: ${byType.join(", ")}; EIP-7702 authorities checked: ${authorities}`);
  for (const f of failures.slice(0, 40)) console.log(`FAIL ${f}`);
  assert.deepEqual(failures, []);
});
