/**
 * test/differential/bls-cases: calls to the EIP-2537 precompiles 0x0b..0x11 with valid inputs
 * (points from bls-inputs.ts, balanced and random pairings, edge scalars, field elements at
 * the ends of the range) and invalid ones (bad padding, points off the curve, coordinates not
 * below p, points outside the subgroup for MSM and pairing, wrong lengths, empty input).
 *
 * Either the transaction calls the precompile directly, or it calls a caller contract with
 * calldata `address (32 bytes) || gas (32 bytes) || input`; the contract STATICCALLs the
 * precompile with that much gas and stores the success flag, the return size, the keccak256
 * of the output and its first word.
 */
import { type Address, bytesToHex, concatBytes } from "../../src/primitives/index.js";
import { Asm } from "./asm.js";
import {
  BLS_P,
  balancedPairs,
  breakPoint,
  fp,
  g1,
  g1NotInSubgroup,
  g2,
  g2NotInSubgroup,
  type PointFault,
  pairingPair,
  randomFp,
  randomG1,
  randomG2,
  randomScalar,
  scalar,
} from "./bls-inputs.js";
import {
  buildTx,
  calldataGas,
  type DiffCase,
  ETHER,
  floorGas,
  maxCost,
  type PreAccount,
  precompileAddress,
  randomAccount,
  randomAddress,
  randomBaseFee,
} from "./case.js";
import type { Rng } from "./rng.js";

const NAMES: Record<number, string> = {
  11: "G1ADD",
  12: "G1MSM",
  13: "G2ADD",
  14: "G2MSM",
  15: "PAIRING",
  16: "MAP_FP_TO_G1",
  17: "MAP_FP2_TO_G2",
};

/** The caller contract: STATICCALL(gas, address, input) and record the outcome in slots 0-3. */
export function blsCallerCode(): Uint8Array {
  return new Asm()
    .push(0x40)
    .op("CALLDATASIZE", "SUB") // [len]
    .op("DUP1")
    .push(0x40)
    .push(0)
    .op("CALLDATACOPY") // memory[0, len) = input
    .push(0)
    .push(0) // retSize, retOffset
    .op("DUP3")
    .push(0) // argsSize = len, argsOffset = 0
    .push(0)
    .op("CALLDATALOAD") // address
    .push(0x20)
    .op("CALLDATALOAD") // gas
    .op("STATICCALL")
    .push(0)
    .op("SSTORE")
    .op("RETURNDATASIZE")
    .push(1)
    .op("SSTORE")
    .op("RETURNDATASIZE")
    .push(0)
    .push(0)
    .op("RETURNDATACOPY")
    .op("RETURNDATASIZE")
    .push(0)
    .op("KECCAK256")
    .push(2)
    .op("SSTORE")
    .push(0)
    .op("MLOAD")
    .push(3)
    .op("SSTORE")
    .op("POP", "STOP")
    .build();
}

const FAULTS: readonly PointFault[] = ["padding", "not-on-curve", "coordinate-too-large"];

/** Length faults: one byte short, one byte long, or nothing at all. */
function wrongLength(rng: Rng, input: Uint8Array): Uint8Array {
  return rng.weighted<Uint8Array>([
    [2, input.subarray(0, Math.max(0, input.length - 1))],
    [2, concatBytes(input, Uint8Array.of(0))],
    [1, new Uint8Array(0)],
  ]);
}

interface Input {
  data: Uint8Array;
  what: string;
}

function g1Input(rng: Rng, subgroupChecked: boolean): { bytes: Uint8Array; what: string } {
  const kind = rng.weighted<string>([
    [12, "valid"],
    [1, "off-subgroup"],
    [1, "broken"],
  ]);
  if (kind === "valid") return { bytes: g1(randomG1(rng)), what: "" };
  if (kind === "off-subgroup")
    return { bytes: g1NotInSubgroup(rng), what: subgroupChecked ? "G1 not in subgroup" : "G1 not in subgroup (allowed)" };
  const fault = rng.pick(FAULTS);
  return { bytes: breakPoint(rng, g1(randomG1(rng)), fault), what: `G1 ${fault}` };
}

function g2Input(rng: Rng, subgroupChecked: boolean): { bytes: Uint8Array; what: string } {
  const kind = rng.weighted<string>([
    [12, "valid"],
    [1, "off-subgroup"],
    [1, "broken"],
  ]);
  if (kind === "valid") return { bytes: g2(randomG2(rng)), what: "" };
  if (kind === "off-subgroup")
    return { bytes: g2NotInSubgroup(rng), what: subgroupChecked ? "G2 not in subgroup" : "G2 not in subgroup (allowed)" };
  const fault = rng.pick(FAULTS);
  return { bytes: breakPoint(rng, g2(randomG2(rng)), fault), what: `G2 ${fault}` };
}

function joined(parts: { bytes: Uint8Array; what: string }[]): Input {
  const whats = parts.map((p) => p.what).filter((w) => w !== "");
  return { data: concatBytes(...parts.map((p) => p.bytes)), what: whats.length === 0 ? "valid" : whats.join(", ") };
}

function msmCount(rng: Rng, g2Group: boolean): number {
  return rng.weighted<number>([
    [6, rng.range(1, 3)],
    [3, rng.range(4, 8)],
    [1, g2Group ? rng.range(9, 20) : rng.pick([16, 64, 128, 129, 140])],
  ]);
}

function inputFor(rng: Rng, precompile: number): Input {
  switch (precompile) {
    case 0x0b:
    case 0x0d: {
      const point = precompile === 0x0b ? g1Input : g2Input;
      if (rng.chance(0.2)) {
        // P + P and P + (-P): the doubling formula and the infinity result.
        const same = rng.chance(0.5);
        const what = same ? "P + P" : "P + (-P)";
        if (precompile === 0x0b) {
          const p = randomG1(rng);
          return { data: concatBytes(g1(p), g1(same ? p : p.negate())), what };
        }
        const p = randomG2(rng);
        return { data: concatBytes(g2(p), g2(same ? p : p.negate())), what };
      }
      return joined([point(rng, false), point(rng, false)]);
    }
    case 0x0c:
    case 0x0e: {
      const isG2 = precompile === 0x0e;
      const k = msmCount(rng, isG2);
      const parts: { bytes: Uint8Array; what: string }[] = [];
      for (let i = 0; i < k; i++) {
        parts.push(isG2 ? g2Input(rng, true) : g1Input(rng, true));
        parts.push({ bytes: scalar(randomScalar(rng)), what: "" });
      }
      const input = joined(parts);
      return { data: input.data, what: `${k} pairs, ${input.what}` };
    }
    case 0x0f: {
      if (rng.chance(0.35)) {
        const extra = rng.chance(0.3) ? pairingPair(rng) : new Uint8Array(0);
        // An extra pair makes the product random again unless one side is infinity.
        return {
          data: concatBytes(balancedPairs(rng), extra),
          what: extra.length > 0 ? "balanced pairs + one more" : "balanced pairs (product 1)",
        };
      }
      const k = rng.range(1, 3);
      const parts: { bytes: Uint8Array; what: string }[] = [];
      for (let i = 0; i < k; i++) {
        if (rng.chance(0.85)) parts.push({ bytes: pairingPair(rng), what: "" });
        else parts.push(g1Input(rng, true), g2Input(rng, true));
      }
      const input = joined(parts);
      return { data: input.data, what: `${k} pairs, ${input.what}` };
    }
    case 0x10: {
      const kind = rng.weighted<string>([
        [8, "valid"],
        [1, "p"],
        [1, "padding"],
      ]);
      if (kind === "valid") return { data: fp(randomFp(rng)), what: "valid" };
      if (kind === "p") return { data: fp(rng.chance(0.5) ? 2n ** 381n + 1n : BLS_P), what: "element not below p" };
      const d = fp(randomFp(rng));
      d[rng.int(16)] = 1;
      return { data: d, what: "bad padding" };
    }
    default: {
      const kind = rng.weighted<string>([
        [8, "valid"],
        [1, "p"],
        [1, "padding"],
      ]);
      const c0 = randomFp(rng);
      const c1 = randomFp(rng);
      if (kind === "valid") return { data: concatBytes(fp(c0), fp(c1)), what: "valid" };
      if (kind === "p")
        return { data: rng.chance(0.5) ? concatBytes(fp(BLS_P), fp(c1)) : concatBytes(fp(c0), fp(BLS_P)), what: "element not below p" };
      const d = concatBytes(fp(c0), fp(c1));
      d[64 * rng.int(2) + rng.int(16)] = 1;
      return { data: d, what: "bad padding" };
    }
  }
}

export function blsCase(rng: Rng): DiffCase {
  const precompile = rng.range(0x0b, 0x11);
  let input = inputFor(rng, precompile);
  if (rng.chance(0.08)) input = { data: wrongLength(rng, input.data), what: `wrong length (${input.what})` };
  const sender = randomAccount(rng);
  const coinbase = randomAddress(rng);
  const baseFee = randomBaseFee(rng);
  const target = precompileAddress(precompile);
  const direct = rng.chance(0.3);
  const caller = randomAddress(rng);
  let to: Address;
  let data: Uint8Array;
  let gasNote = "";
  if (direct) {
    to = target;
    data = input.data;
  } else {
    to = caller;
    const gas = rng.weighted<bigint>([
      // Enough for any input here, and a failed call (which consumes what it was given) still
      // leaves the caller gas to record the outcome.
      [5, 1_500_000n],
      [1, 0xffff_ffffn],
      [2, BigInt(rng.int(50_000))],
      [2, BigInt(rng.int(400_000))],
    ]);
    gasNote = `, call gas ${gas === 0xffff_ffffn ? "all" : gas}`;
    data = concatBytes(fp(BigInt(precompile)).subarray(32), scalar(gas), input.data);
  }
  // Never below the EIP-7623 floor here (the floor suite tests that edge).
  const base = 21_000n + calldataGas(data) > floorGas(data) ? 21_000n + calldataGas(data) : floorGas(data);
  const gasLimit =
    base +
    rng.weighted<bigint>([
      [7, 3_000_000n],
      [2, BigInt(rng.range(0, 200_000))],
      [1, BigInt(rng.range(0, 30_000))],
    ]);
  const nonce = BigInt(rng.int(3));
  const tx = buildTx(rng, { type: rng.pick([1, 2, 2] as const), nonce, to, data, gasLimit, baseFee }, sender.key);
  const pre: PreAccount[] = [{ address: sender.address, nonce, balance: maxCost(tx) + rng.pick([0n, ETHER]) }];
  if (!direct) pre.push({ address: caller, nonce: 1n, code: blsCallerCode(), storage: rng.chance(0.3) ? [[0n, 5n]] : [] });
  return {
    name: `${NAMES[precompile]} ${direct ? "called directly" : "through a caller"}: ${input.what}${gasNote}`,
    pre,
    tx,
    coinbase,
    baseFee,
    watch: direct ? [] : [{ address: caller, slots: [0n, 1n, 2n, 3n] }],
    detail: `input ${bytesToHex(input.data).slice(0, 400)}`,
  };
}
