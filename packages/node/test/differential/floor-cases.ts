/**
 * test/differential/floor-cases: EIP-7623 calldata floor. A transaction pays at least
 * 21,000 + 10 per calldata token (a zero byte is one token, any other byte four), after
 * refunds; a gas limit below that floor makes it invalid. Cases:
 *   - calldata-heavy: kilobytes of calldata to an EOA, an absent address or a contract that does
 *     almost nothing (the floor applies);
 *   - execution-heavy: little calldata to a contract that loops (it does not);
 *   - borderline: the loop sized so execution lands near the floor, on either side;
 *   - refunds: the contract clears pre-set slots, so the refund (capped at a fifth) meets the
 *     floor (the floor is compared after refunds);
 *   - contract creation with long init code (init code word cost and the create cost count
 *     toward intrinsic gas, not toward the floor);
 *   - access lists (their cost is intrinsic but not part of the floor) and set-code
 *     transactions (authorization cost likewise);
 *   - gas limits exactly at the floor, and just below it (both sides must reject).
 */
import { type Address, bytesToHex, type Hash32 } from "../../src/primitives/index.js";
import type { AccessList } from "../../src/types/index.js";
import { signAuthorization } from "../../src/types/index.js";
import { Asm } from "./asm.js";
import {
  buildTx,
  CHAIN_ID,
  calldataGas,
  type DiffCase,
  ETHER,
  floorGas,
  maxCost,
  type PreAccount,
  randomAccount,
  randomAddress,
  randomBaseFee,
} from "./case.js";
import type { Rng } from "./rng.js";

type Kind = "calldata-heavy" | "execution-heavy" | "borderline" | "refunds" | "creation";

/** Clears `clears` slots (0..clears-1), loops `rounds` times, records CALLDATASIZE, stops. */
function workCode(clears: number, rounds: number): Uint8Array {
  const asm = new Asm();
  for (let i = 0; i < clears; i++) asm.push(0).push(i).op("SSTORE");
  asm.push(rounds).label("top").op("DUP1", "ISZERO").pushLabel("end").op("JUMPI").push(1).op("SWAP1", "SUB").pushLabel("top").op("JUMP");
  asm.label("end").op("POP", "CALLDATASIZE").push(0x40).op("SSTORE", "STOP");
  return asm.build();
}

/** Gas of one loop round in workCode: JUMPDEST DUP1 ISZERO PUSH2 JUMPI PUSH1 SWAP1 SUB PUSH2 JUMP. */
const ROUND_GAS = 1 + 3 + 3 + 3 + 10 + 3 + 3 + 3 + 3 + 8;
/** Gas of workCode outside the loop with no clears: mostly the cold SSTORE of a new value. */
const FIXED_GAS = 22_100 + 30;

/** Calldata of `length` bytes, about `zeroShare` of them zero. */
function calldata(rng: Rng, length: number, zeroShare: number): Uint8Array {
  const out = rng.bytes(length);
  for (let i = 0; i < length; i++)
    if (rng.chance(zeroShare)) out[i] = 0;
    else if (out[i] === 0) out[i] = 1;
  return out;
}

/** Init code that returns `size` bytes of memory as code, followed by `tail` (never run). */
function initCode(rng: Rng, tail: Uint8Array): Uint8Array {
  const size = rng.pick([0, 1, 32]);
  const head = new Asm().push(size).push(0).op("RETURN").build();
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

function accessListCost(list: AccessList): bigint {
  let cost = 0n;
  for (const e of list) cost += 2400n + 1900n * BigInt(e.storageKeys.length);
  return cost;
}

export function floorCase(rng: Rng): DiffCase {
  const kind = rng.weighted<Kind>([
    [4, "calldata-heavy"],
    [2, "execution-heavy"],
    [3, "borderline"],
    [2, "refunds"],
    [1, "creation"],
  ]);
  const sender = randomAccount(rng);
  const coinbase = randomAddress(rng);
  const baseFee = randomBaseFee(rng);
  const contract = randomAddress(rng);
  const eoa = randomAddress(rng);
  const pre: PreAccount[] = [];

  // Borderline needs calldata whose floor margin (6 gas a token) exceeds the code's fixed cost.
  const length =
    kind === "execution-heavy"
      ? rng.int(64)
      : kind === "borderline"
        ? rng.range(1000, 6000)
        : rng.weighted<number>([
            [2, rng.range(1, 200)],
            [4, rng.range(200, 2000)],
            [1, rng.range(2000, 8000)],
          ]);
  const zeroShare = kind === "borderline" ? rng.pick([0, 0.1, 0.5]) : rng.pick([0, 0.1, 0.5, 0.9, 1]);
  let data = calldata(rng, length, zeroShare);
  const tokens = (floorGas(data) - 21_000n) / 10n;

  let clears = 0;
  let rounds = 0;
  if (kind === "execution-heavy") rounds = rng.range(200, 3000);
  if (kind === "borderline") {
    // Execution near the floor's margin over intrinsic gas: 6 gas per token (10 - 4), less the
    // code's fixed cost (mostly the final cold SSTORE); a few rounds either way puts the floor
    // on either side.
    const margin = Number(tokens * 6n) - FIXED_GAS;
    rounds = Math.max(0, Math.floor(margin / ROUND_GAS) + rng.range(-40, 40));
  }
  if (kind === "refunds") {
    clears = rng.range(1, 6);
    rounds = rng.range(0, 400);
  }
  let to: Address | undefined = contract;
  if (kind === "calldata-heavy") {
    to = rng.weighted<Address>([
      [2, eoa],
      [1, randomAddress(rng)],
      [3, contract],
    ]);
    rounds = rng.pick([0, 0, 5]);
  }
  if (kind === "creation") {
    to = undefined;
    data = initCode(rng, data);
  }
  if (to === eoa) pre.push({ address: eoa, balance: 1n });
  if (to === contract) {
    const storage: [bigint, bigint][] = [];
    for (let i = 0; i < clears; i++) storage.push([BigInt(i), BigInt(rng.range(1, 1000))]);
    pre.push({ address: contract, nonce: 1n, code: workCode(clears, rounds), storage });
  }

  const type = rng.weighted<0 | 1 | 2 | 4>([
    [1, 0],
    [1, 1],
    [4, 2],
    [to === undefined ? 0 : 1, 4],
  ]);
  const accessList: AccessList =
    type !== 0 && rng.chance(0.3)
      ? [{ address: rng.pick([contract, eoa]), storageKeys: rng.chance(0.5) ? [new Uint8Array(32) as Hash32] : [] }]
      : [];
  const authority = randomAccount(rng);
  const authorizationList = type === 4 ? [signAuthorization({ chainId: CHAIN_ID, address: contract, nonce: 0n }, authority.key)] : [];
  if (type === 4) pre.push({ address: authority.address, balance: 1n });

  const words = BigInt(Math.ceil(data.length / 32));
  const intrinsic =
    21_000n +
    calldataGas(data) +
    (to === undefined ? 32_000n + 2n * words : 0n) +
    accessListCost(accessList) +
    25_000n * BigInt(authorizationList.length);
  const floor = floorGas(data);
  const base = intrinsic > floor ? intrinsic : floor;
  const limitKind = rng.weighted<string>([
    [6, "ample"],
    [2, "at floor"],
    [1, "below floor"],
  ]);
  let gasLimit = base + BigInt(rng.range(100_000, 400_000)) + BigInt(rounds * ROUND_GAS);
  if (limitKind === "at floor") gasLimit = base;
  // Below the floor but not below intrinsic gas: invalid only because of EIP-7623.
  if (limitKind === "below floor" && floor > intrinsic) gasLimit = floor - BigInt(rng.range(1, Number(floor - intrinsic)));

  const nonce = BigInt(rng.int(3));
  const tx = buildTx(
    rng,
    { type, nonce, to, data, gasLimit, baseFee, accessList, authorizationList, value: rng.pick([0n, 1n]) },
    sender.key,
  );
  pre.push({ address: sender.address, nonce, balance: maxCost(tx) + rng.pick([0n, ETHER]) });
  return {
    name: `${kind}, type ${type}, ${data.length} bytes (${tokens} tokens), gas limit ${limitKind}, ${rounds} rounds, ${clears} clears`,
    pre,
    tx,
    coinbase,
    baseFee,
    watch: [{ address: contract, slots: [0n, 1n, 2n, 3n, 4n, 5n, 0x40n] }],
    detail: `intrinsic ${intrinsic}, floor ${floor}; contract ${bytesToHex(contract)}`,
  };
}
