/**
 * MODEXP (EIP-7883, EIP-7823) and P256VERIFY (EIP-7951) against the official Osaka state tests in
 * shared/fixtures/eest-osaka (execution-spec-tests, fusaka-devnet-5). Those tests call the
 * precompile from a small contract with a fixed gas and record the outcome in storage; this runner
 * recognises the few contract shapes they use, reads the call's gas from the bytecode, feeds the
 * transaction data to the precompile directly and compares:
 *   slot 0: call success; slot 1: return data size;
 *   MODEXP: slot 2: gas the call consumed, slot 3: keccak256 of the return data (when recorded);
 *   P256VERIFY: slot 2: keccak256 of the return data (when recorded).
 * A call succeeds when the price fits the gas given and the contract does not fail; a failed call
 * consumes all the gas given and returns nothing. Tests of other shapes are counted as skipped.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { keccak256 } from "../../src/crypto/index.js";
import { precompilesFor } from "../../src/evm/precompiles/index.js";
import { parseFork } from "../../src/params/index.js";
import { FIXTURES_ROOT, listJsonFiles } from "../fixtures.js";

const OSAKA = join(FIXTURES_ROOT, "eest-osaka", "fusaka-devnet-5", "state_tests", "osaka");

interface Shape {
  /** Address the contract calls. */
  address: number;
  /** Groups: 1 = gas push, 2 = optional tail recording more slots. */
  pattern: RegExp;
  slots: { gasUsed?: number; outputHash?: number };
}

const PUSH = "(?:60[0-9a-f]{2}|61[0-9a-f]{4}|62[0-9a-f]{6}|63[0-9a-f]{8})";
// The call opcode: CALL and CALLCODE push a value (6000), DELEGATECALL and STATICCALL do not.
const CALL = "(?:(?:6000)?)";
const OPCODE = "(?:f1|f2|f4|fa)";
const SHAPES: Shape[] = [
  {
    // CALLDATACOPY; GAS; CALL*(gas, 0x05, ..., 0, size, 0, 0); GAS; store success, size, used gas, keccak(output)
    address: 0x05,
    pattern: new RegExp(
      `^0x3660006000375a60006000366000${CALL}6005(${PUSH})${OPCODE}5a906000553d600155(6100(?:7a|77)0190036002553d600060003e3d600020600355)?$`,
    ),
    slots: { gasUsed: 2, outputHash: 3 },
  },
  {
    // CALLDATACOPY; CALL(gas, 0x05, ...); store success
    address: 0x05,
    pattern: new RegExp(`^0x3660006000376000600036600060006005(${PUSH})f160005500$`),
    slots: {},
  },
  {
    // CALLDATACOPY; CALL*(gas, 0x100, ...); store return size, success, keccak(output)
    address: 0x100,
    pattern: new RegExp(`^0x36600060003760006000366000${CALL}610100(${PUSH})${OPCODE}3d600155600055(3d600060003e3d600020600255)?$`),
    slots: { outputHash: 2 },
  },
];

function pushValue(push: string): bigint {
  return BigInt(`0x${push.slice(2)}`);
}

function slot(storage: Record<string, string> | undefined, index: number): bigint {
  if (!storage) return 0n;
  for (const [key, value] of Object.entries(storage)) if (BigInt(key) === BigInt(index)) return BigInt(value);
  return 0n;
}

/** Transaction intrinsic gas of a plain call with this calldata (no access list). */
function intrinsicGas(data: Uint8Array): bigint {
  let gas = 21000n;
  for (const b of data) gas += b === 0 ? 4n : 16n;
  return gas;
}

/** Upper bound on what the wrapper spends before its CALL: copying the calldata to memory and a few cheap opcodes. */
function wrapperOverhead(length: number): bigint {
  const words = BigInt(Math.ceil(length / 32));
  return 1000n + 6n * words + (words * words) / 512n;
}

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/^0x/, ""), "hex"));

interface StateTest {
  pre: Record<string, { code: string }>;
  transaction: { to: string; data: string[]; gasLimit: string[] };
  post: Record<string, { indexes: { data: number; gas: number }; state: Record<string, { storage?: Record<string, string> }> }[]>;
}

test("Osaka state tests: MODEXP and P256VERIFY outcomes", () => {
  if (!existsSync(OSAKA)) {
    console.log(`skipped: ${OSAKA} is not present`);
    return;
  }
  const counts = { passed: new Map<string, number>(), skipped: 0 };
  const dirs = ["eip7883_modexp_gas_increase", "eip7823_modexp_upper_bounds", "eip7951_p256verify_precompiles"];
  for (const dir of dirs) {
    const folder = join(OSAKA, dir);
    if (!existsSync(folder)) {
      console.log(`skipped: ${folder} is not present`);
      continue;
    }
    for (const file of listJsonFiles(folder)) {
      const tests = JSON.parse(readFileSync(file, "utf8")) as Record<string, StateTest>;
      for (const [name, t] of Object.entries(tests)) {
        const to = t.transaction.to?.toLowerCase();
        const code = to ? t.pre[to]?.code?.toLowerCase() : undefined;
        let matched: { shape: Shape; gas: bigint; recordsMore: boolean } | undefined;
        for (const shape of SHAPES) {
          const m = code ? shape.pattern.exec(code) : null;
          if (m) matched = { shape, gas: pushValue(m[1]!), recordsMore: m[2] !== undefined };
        }
        for (const [forkName, posts] of Object.entries(t.post)) {
          const fork = parseFork(forkName);
          if (!matched || !to || !fork) {
            counts.skipped += posts.length;
            continue;
          }
          const { shape, gas, recordsMore } = matched;
          // Before its fork a precompile address is an empty account: the call succeeds, returns
          // nothing and costs nothing.
          const precompile = precompilesFor(fork).get(shape.address) ?? { gas: () => 0n, run: () => new Uint8Array(0) };
          for (const post of posts) {
            const input = hex(t.transaction.data[post.indexes.data]!);
            const storage = post.state[to]?.storage;
            const price = precompile.gas(input);
            // The call gets min(requested, 63/64 of what is left); a few tests request more than
            // the transaction carries. Bounds on what is left: at most the gas limit, at least
            // the gas limit less intrinsic gas and a generous bound on the wrapper code before the call.
            const limit = BigInt(t.transaction.gasLimit[post.indexes.gas]!);
            const lower = ((limit - intrinsicGas(input) - wrapperOverhead(input.length)) * 63n) / 64n;
            const given = gas < lower ? gas : undefined;
            if (given === undefined && price <= (gas < limit ? gas : limit)) {
              counts.skipped++; // the outcome depends on gas accounting outside the precompile
              continue;
            }
            const output = given !== undefined && price <= given ? precompile.run(input) : undefined;
            const success = output !== undefined;
            const where = `${name} ${forkName} (data ${post.indexes.data})`;
            assert.equal(slot(storage, 0), success ? 1n : 0n, `${where}: success`);
            if (shape.address === 0x100 || recordsMore) {
              assert.equal(slot(storage, 1), BigInt(output?.length ?? 0), `${where}: return data size`);
            }
            if (recordsMore && shape.slots.gasUsed !== undefined && given !== undefined) {
              assert.equal(slot(storage, shape.slots.gasUsed), success ? price : given, `${where}: gas used`);
            }
            if (recordsMore && shape.slots.outputHash !== undefined) {
              const hash = BigInt(`0x${Buffer.from(keccak256(output ?? new Uint8Array(0))).toString("hex")}`);
              assert.equal(hash, slot(storage, shape.slots.outputHash), `${where}: output hash`);
            }
            const key = `${shape.address === 0x100 ? "p256verify" : "modexp"} ${fork}`;
            counts.passed.set(key, (counts.passed.get(key) ?? 0) + 1);
          }
        }
      }
    }
  }
  for (const [key, n] of [...counts.passed].sort()) console.log(`eest-osaka ${key} cases passed: ${n}`);
  console.log(`eest-osaka cases skipped (transaction sent to the precompile itself, or another contract shape): ${counts.skipped}`);
});
