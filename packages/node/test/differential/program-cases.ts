/**
 * test/differential/program-cases: the cases of the programs suite. Contract A is the entry point
 * (or, for some cases, the init code of a creation transaction); it may
 * CALL/CALLCODE/DELEGATECALL/STATICCALL contract B, itself, an EOA, an address with no account
 * or a precompile, and CREATE/CREATE2 small init codes. Both contracts start with random storage
 * so SSTORE meets every EIP-2200/3529 case; transactions are legacy, EIP-2930 (with an access
 * list) or EIP-1559, with gas limits from tight to ample.
 */
import { bytesToHex, type Hash32 } from "../../src/primitives/index.js";
import type { AccessList } from "../../src/types/index.js";
import {
  buildTx,
  type DiffCase,
  ETHER,
  maxCost,
  type PreAccount,
  precompileAddress,
  randomAccount,
  randomAddress,
  randomBaseFee,
} from "./case.js";
import { precompileInput } from "./precompile-inputs.js";
import { generateProgram, PROGRAM_KEYS, randomEnding } from "./programs.js";
import type { Rng } from "./rng.js";

const MODE_NAMES = {
  call: "call into A",
  creation: "creation tx running A as init code",
  precompile: "call straight into a precompile",
  plain: "plain transfer",
} as const;

function randomStorage(rng: Rng, slots: readonly bigint[]): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (const s of slots) if (rng.chance(0.4)) out.push([s, rng.chance(0.3) ? 1n : rng.word() || 1n]);
  return out;
}

export function programCase(rng: Rng): DiffCase {
  const sender = randomAccount(rng);
  const a = randomAddress(rng);
  const b = randomAddress(rng);
  const eoa = randomAddress(rng);
  const ghost = randomAddress(rng);
  // Now and then the sender is the coinbase: its tip is paid to itself.
  const coinbase = rng.chance(0.05) ? sender.address : randomAddress(rng);
  const baseFee = randomBaseFee(rng);
  const precompile = precompileAddress(rng.range(1, 0x11));

  const bProgram = generateProgram(rng, {
    targets: [eoa, ghost, precompile, sender.address, coinbase],
    statements: rng.range(1, 8),
    calls: rng.chance(0.4),
    ending: randomEnding(rng, false),
    resultBase: 0x200n,
  });
  const mode = rng.weighted<"call" | "creation" | "precompile" | "plain">([
    [16, "call"],
    [2, "creation"],
    [2, "precompile"],
    [1, "plain"],
  ]);
  const creation = mode === "creation";
  const aProgram = generateProgram(rng, {
    targets: [b, b, b, b, a, eoa, ghost, precompile, sender.address, coinbase],
    statements: rng.range(2, 12),
    calls: true,
    ending: randomEnding(rng, true),
  });

  const pre: PreAccount[] = [];
  if (!creation) {
    pre.push({
      address: a,
      nonce: rng.pick([0n, 1n, 1n, 5n]),
      balance: rng.pick([0n, 1000n, ETHER]),
      code: aProgram.code,
      storage: randomStorage(rng, [...PROGRAM_KEYS, ...aProgram.slots.slice(0, 4)]),
    });
  }
  pre.push({
    address: b,
    nonce: 1n,
    balance: rng.pick([0n, 7n, ETHER]),
    code: bProgram.code,
    storage: randomStorage(rng, [...PROGRAM_KEYS, ...bProgram.slots.slice(0, 4)]),
  });
  if (rng.chance(0.7)) pre.push({ address: eoa, balance: BigInt(rng.range(1, 1_000_000)) });

  const type = rng.weighted<0 | 1 | 2>([
    [1, 0],
    [1, 1],
    [3, 2],
  ]);
  const accessList: AccessList = [];
  if (type !== 0 && rng.chance(0.5)) {
    accessList.push({ address: rng.pick([a, b, eoa, precompile]), storageKeys: PROGRAM_KEYS.filter(() => rng.chance(0.3)).map(slotHash) });
    if (rng.chance(0.3)) accessList.push({ address: b, storageKeys: [] });
  }
  const gasLimit = rng.weighted<bigint>([
    [6, 3_000_000n],
    [3, BigInt(rng.range(300_000, 1_500_000))],
    [1, BigInt(rng.range(40_000, 120_000))],
  ]);
  const nonce = BigInt(rng.int(3));
  // A transaction straight into a precompile 0x01..0x0a (the BLS ones have their own suite), or
  // a plain transfer to an EOA, an address with no account, the coinbase or the sender itself.
  const directPrecompile = precompileAddress(rng.range(1, 0x0a));
  const plainTarget = rng.pick([eoa, ghost, coinbase, sender.address]);
  const tx = buildTx(
    rng,
    {
      type,
      nonce,
      to: mode === "creation" ? undefined : mode === "precompile" ? directPrecompile : mode === "plain" ? plainTarget : a,
      value: rng.pick([0n, 0n, 1n, BigInt(rng.range(1, 1_000_000))]),
      data:
        mode === "creation"
          ? aProgram.code
          : mode === "precompile"
            ? precompileInput(rng, directPrecompile[19]!)
            : rng.bytes(
                rng.weighted<number>([
                  [2, 0],
                  [5, rng.int(68)],
                  [1, rng.int(400)],
                ]),
              ),
      gasLimit,
      baseFee,
      accessList,
    },
    sender.key,
  );
  pre.push({ address: sender.address, nonce, balance: maxCost(tx) + rng.pick([0n, ETHER]) });

  return {
    name: `${MODE_NAMES[mode]}${mode === "precompile" ? ` ${bytesToHex(directPrecompile.subarray(19))}` : ""}, type ${type}${mode === "call" || mode === "creation" ? `, A ends ${aProgram.ending}, B ends ${bProgram.ending}` : ""}${coinbase === sender.address ? ", sender is coinbase" : ""}`,
    pre,
    tx,
    coinbase,
    baseFee,
    watch: [
      { address: a, slots: aProgram.slots },
      { address: b, slots: [...bProgram.slots, ...aProgram.slots] },
      { address: eoa },
      { address: ghost },
    ],
    detail: `A ${bytesToHex(a)}: ${bytesToHex(aProgram.code)}\nB ${bytesToHex(b)}: ${bytesToHex(bProgram.code)}`,
  };
}

function slotHash(slot: bigint) {
  const out = new Uint8Array(32);
  out[31] = Number(slot);
  return out as Hash32;
}
