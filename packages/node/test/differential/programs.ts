/**
 * test/differential/programs: random EVM programs from a grammar that keeps the stack valid.
 * A program is a list of statements, each of which leaves the stack as it found it (empty):
 * expressions push exactly one word, statements consume what their expressions pushed. Results
 * go to storage (SSTORE) so the post-state comparison sees them; a program ends with an
 * epilogue of SSTOREs (GAS, MSIZE, RETURNDATASIZE, a hash of low memory) and one ending:
 * STOP, RETURN, REVERT, INVALID, an undefined opcode, an endless loop (out of gas), a bad jump,
 * a stack underflow or SELFDESTRUCT.
 *
 * Memory offsets and lengths stay small (under a few KiB) so memory costs are exercised
 * without dominating; some calls pass little gas, some endings burn it all.
 */
import type { Address } from "../../src/primitives/index.js";
import { Asm, type OpName } from "./asm.js";
import type { Rng } from "./rng.js";

/** Storage keys programs read and write (besides their result slots). */
export const PROGRAM_KEYS: readonly bigint[] = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n];
/** Result slots start here; each program numbers its own. */
export const RESULT_BASE = 0x100n;

export type Ending = "stop" | "return" | "revert" | "invalid" | "undefined" | "loop" | "badjump" | "underflow" | "selfdestruct";

export interface ProgramOptions {
  /** Addresses CALL-family statements and BALANCE-like leaves may target. */
  targets: readonly Address[];
  statements: number;
  /** Allow CALL/CREATE statements (false inside init code). */
  calls: boolean;
  ending: Ending;
  /** First result slot (distinct per program so two programs sharing storage do not collide). */
  resultBase?: bigint;
}

export interface Program {
  code: Uint8Array;
  /** Every slot the program may write. */
  slots: bigint[];
  ending: Ending;
}

const ZERO_ARG_LEAVES: readonly OpName[] = [
  "ADDRESS",
  "CALLER",
  "CALLVALUE",
  "CALLDATASIZE",
  "CODESIZE",
  "SELFBALANCE",
  "CHAINID",
  "BASEFEE",
  "ORIGIN",
  "GASPRICE",
  "NUMBER",
  "TIMESTAMP",
  "COINBASE",
  "GASLIMIT",
  "PREVRANDAO",
  "BLOBBASEFEE",
  "RETURNDATASIZE",
  "MSIZE",
  "GAS",
  "PC",
];
const BINARY: readonly OpName[] = ["ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "LT", "GT", "SLT", "SGT", "EQ", "AND", "OR", "XOR"];
/** Opcodes undefined in Prague (0x1e is CLZ from Osaka on: still undefined here). */
const UNDEFINED_OPS = [
  0x0c, 0x0d, 0x0e, 0x0f, 0x1e, 0x1f, 0x21, 0x2f, 0x4b, 0x4f, 0xa5, 0xb0, 0xd0, 0xe0, 0xef, 0xf6, 0xf7, 0xf9, 0xfb, 0xfc,
];

/**
 * Small init codes for CREATE/CREATE2 (each at most 32 bytes, so one MSTORE holds it), with
 * weights: the ones that fail exceptionally consume all the gas CREATE passed (63/64 of what
 * the creator had), so they are kept rarer.
 */
export function initCodes(rng: Rng): { name: string; code: Uint8Array; weight: number }[] {
  const runtime = rng.bytes(rng.range(1, 10));
  const rt = new Asm()
    .pushBytes(runtime)
    .push(0)
    .op("MSTORE")
    .push(runtime.length)
    .push(32 - runtime.length)
    .op("RETURN")
    .build();
  const beneficiary = rng.bytes(20);
  const stores = new Asm()
    .push(rng.word() & 0xffffn)
    .push(1)
    .op("SSTORE", "STOP")
    .build();
  return [
    { name: "returns runtime", code: rt, weight: 4 },
    { name: "empty", code: new Uint8Array(0), weight: 2 },
    { name: "stores then stops", code: stores, weight: 2 },
    { name: "reverts", code: new Asm().push(0xdeadn).push(0).op("MSTORE").push(32).push(0).op("REVERT").build(), weight: 2 },
    { name: "invalid", code: Uint8Array.of(0xfe), weight: 1 },
    { name: "returns 0xef code", code: new Asm().push(0xef).push(0).op("MSTORE8").push(1).push(0).op("RETURN").build(), weight: 1 },
    { name: "selfdestructs", code: new Asm().pushBytes(beneficiary).op("SELFDESTRUCT").build(), weight: 2 },
    { name: "returns oversized code", code: new Asm().push(0x6001).push(0).op("RETURN").build(), weight: 1 },
    { name: "logs then stops", code: new Asm().push(7).push(0).op("LOG0", "STOP").build(), weight: 2 },
  ];
}

export class ProgramGenerator {
  private asm = new Asm();
  private slots = new Set<bigint>();
  private nextResult = RESULT_BASE;
  private labelCount = 0;

  constructor(
    private readonly rng: Rng,
    private readonly opts: ProgramOptions,
  ) {
    this.nextResult = opts.resultBase ?? RESULT_BASE;
  }

  generate(): Program {
    const { opts } = this;
    for (let i = 0; i < opts.statements; i++) this.statement();
    this.epilogue();
    this.ending(opts.ending);
    for (const k of PROGRAM_KEYS) this.slots.add(k);
    return { code: this.asm.build(), slots: [...this.slots], ending: opts.ending };
  }

  // ---- expressions: each pushes exactly one word ----

  private smallOffset(): bigint {
    return BigInt(
      this.rng.weighted<number>([
        [60, this.rng.int(128)],
        [30, this.rng.int(1024)],
        [10, this.rng.int(4096)],
        // Rarely far out: tens of kilobytes of memory (quadratic cost), or more than any gas buys.
        [2, this.rng.int(1 << 17)],
        [1, 2 ** 32 + this.rng.int(64)],
      ]),
    );
  }

  private smallLength(): bigint {
    return BigInt(
      this.rng.weighted<number>([
        [2, 0],
        [5, this.rng.int(64)],
        [2, this.rng.int(300)],
      ]),
    );
  }

  private target(): Address {
    return this.rng.pick(this.opts.targets);
  }

  private leaf(): void {
    const { rng, asm } = this;
    const kind = rng.weighted<string>([
      [8, "push"],
      [5, "env"],
      [1, "calldataload"],
      [2, "sload"],
      [1, "tload"],
      [1, "mload"],
      [1, "account"],
      [1, "blockhash"],
      [1, "blobhash"],
    ]);
    switch (kind) {
      case "push":
        asm.push(rng.word());
        return;
      case "env":
        asm.op(rng.pick(ZERO_ARG_LEAVES));
        return;
      case "calldataload":
        asm.push(rng.chance(0.9) ? BigInt(rng.int(100)) : rng.word()).op("CALLDATALOAD");
        return;
      case "sload":
        asm.push(this.readKey()).op("SLOAD");
        return;
      case "tload":
        asm.push(BigInt(rng.int(4))).op("TLOAD");
        return;
      case "mload":
        asm.push(this.smallOffset()).op("MLOAD");
        return;
      case "account":
        asm.pushBytes(this.target()).op(rng.pick<OpName>(["BALANCE", "EXTCODESIZE", "EXTCODEHASH"]));
        return;
      case "blockhash":
        if (rng.chance(0.7)) asm.push(BigInt(rng.pick([0, 1, 2, 256, 257]))).op("NUMBER", "SUB");
        else asm.push(rng.pick([0n, 1n, rng.word()]));
        asm.op("BLOCKHASH");
        return;
      default:
        asm.push(BigInt(rng.int(3))).op("BLOBHASH");
    }
  }

  private readKey(): bigint {
    return this.rng.chance(0.8) ? this.rng.pick(PROGRAM_KEYS) : this.rng.word();
  }

  private shiftAmount(): bigint {
    return this.rng.pick([0n, 1n, 8n, 128n, 255n, 256n, 257n, BigInt(this.rng.int(300)), this.rng.word()]);
  }

  private expr(depth: number): void {
    const { rng, asm } = this;
    if (depth <= 0 || rng.chance(0.3)) {
      this.leaf();
      return;
    }
    const kind = rng.weighted<string>([
      [10, "binary"],
      [2, "unary"],
      [2, "modular"],
      [3, "shift"],
      [1, "exp"],
      [1, "signextend"],
      [1, "byte"],
      [1, "keccak"],
    ]);
    switch (kind) {
      case "binary":
        this.expr(depth - 1);
        this.expr(depth - 1);
        asm.op(rng.pick(BINARY));
        return;
      case "unary":
        this.expr(depth - 1);
        asm.op(rng.pick<OpName>(["ISZERO", "NOT"]));
        return;
      case "modular":
        this.expr(depth - 1);
        this.expr(depth - 1);
        this.expr(depth - 1);
        asm.op(rng.pick<OpName>(["ADDMOD", "MULMOD"]));
        return;
      case "shift":
        this.expr(depth - 1);
        asm.push(this.shiftAmount()).op(rng.pick<OpName>(["SHL", "SHR", "SAR"]));
        return;
      case "exp":
        asm.push(rng.pick([0n, 1n, 2n, 255n, 256n, rng.bits(16), rng.word()]));
        this.expr(depth - 1);
        asm.op("EXP");
        return;
      case "signextend":
        this.expr(depth - 1);
        asm.push(rng.pick([0n, 1n, 15n, 30n, 31n, 32n, rng.word()])).op("SIGNEXTEND");
        return;
      case "byte":
        this.expr(depth - 1);
        asm.push(rng.pick([0n, 1n, 31n, 32n, BigInt(rng.int(32)), rng.word()])).op("BYTE");
        return;
      default:
        asm.push(this.smallLength()).push(this.smallOffset()).op("KECCAK256");
    }
  }

  private storeResult(): void {
    const slot = this.nextResult++;
    this.slots.add(slot);
    this.asm.push(slot).op("SSTORE");
  }

  // ---- statements: each leaves the stack as it found it ----

  private statement(): void {
    const { rng, asm, opts } = this;
    const kind = rng.weighted<string>([
      [6, "result"],
      [3, "observe"],
      [1, "environment"],
      [3, "sstore"],
      [3, "mstore"],
      [1, "mcopy"],
      [1, "tstore"],
      [2, "log"],
      [1, "copy"],
      [1, "loop"],
      [opts.calls ? 4 : 0, "call"],
      [opts.calls ? 2 : 0, "create"],
    ]);
    switch (kind) {
      case "result":
        this.expr(rng.range(1, 4));
        this.storeResult();
        return;
      case "environment":
        // Several context values at once (block, transaction and frame), each in its own slot.
        for (let i = 0; i < 6; i++) {
          asm.op(rng.pick(ZERO_ARG_LEAVES));
          this.storeResult();
        }
        return;
      case "observe":
        // A leaf stored as it is: what the environment, storage and memory hold, unmixed.
        this.leaf();
        this.storeResult();
        return;
      case "sstore":
        // Zero now and then: clearing slots exercises refunds (EIP-3529) and EIP-2200 paths.
        if (rng.chance(0.3)) asm.push(rng.pick([0n, 1n]));
        else this.expr(rng.range(0, 2));
        asm.push(this.readKey()).op("SSTORE");
        return;
      case "mstore":
        this.expr(rng.range(0, 2));
        asm.push(this.smallOffset()).op(rng.chance(0.8) ? "MSTORE" : "MSTORE8");
        return;
      case "mcopy":
        asm.push(this.smallLength()).push(this.smallOffset()).push(this.smallOffset()).op("MCOPY");
        return;
      case "tstore":
        this.expr(rng.range(0, 2));
        asm.push(BigInt(rng.int(4))).op("TSTORE");
        return;
      case "log": {
        const n = rng.int(5);
        for (let i = 0; i < n; i++) this.expr(rng.range(0, 1));
        asm
          .push(this.smallLength())
          .push(this.smallOffset())
          .raw(0xa0 + n);
        return;
      }
      case "copy": {
        const op = rng.pick<OpName>(["CALLDATACOPY", "CODECOPY", "RETURNDATACOPY", "EXTCODECOPY"]);
        // RETURNDATACOPY past the return data halts; keep it mostly in bounds.
        if (op === "RETURNDATACOPY" && rng.chance(0.8)) asm.op("RETURNDATASIZE").push(0);
        else asm.push(this.smallLength()).push(rng.chance(0.8) ? BigInt(rng.int(40)) : rng.word() & 0xffffn);
        asm.push(this.smallOffset());
        if (op === "EXTCODECOPY") asm.pushBytes(this.target());
        asm.op(op);
        return;
      }
      case "loop": {
        // A bounded countdown that burns gas (about 30 gas per round).
        const label = `loop${this.labelCount++}`;
        asm
          .push(BigInt(rng.range(1, 1500)))
          .label(label)
          .push(1)
          .op("SWAP1", "SUB", "DUP1")
          .pushLabel(label)
          .op("JUMPI", "POP");
        return;
      }
      case "call":
        this.call();
        return;
      default:
        this.create();
    }
  }

  private call(): void {
    const { rng, asm } = this;
    const op = rng.weighted<OpName>([
      [4, "CALL"],
      [1, "CALLCODE"],
      [2, "DELEGATECALL"],
      [2, "STATICCALL"],
    ]);
    asm.push(this.smallLength()).push(this.smallOffset()); // retLen, retOffset
    asm.push(this.smallLength()).push(this.smallOffset()); // argsLen, argsOffset
    if (op === "CALL" || op === "CALLCODE")
      asm.push(
        rng.weighted<bigint>([
          [6, 0n],
          [3, BigInt(rng.range(1, 1000))],
          [1, rng.word()],
        ]),
      );
    asm.pushBytes(this.target());
    // Passing all gas to a callee that burns it leaves the caller 1/64 (EIP-150): keep it rarer.
    const gas = rng.weighted<string>([
      [2, "all"],
      [10, "some"],
      [1, "huge"],
    ]);
    if (gas === "all") asm.op("GAS");
    else asm.push(gas === "some" ? BigInt(rng.int(60_000)) : rng.word());
    asm.op(op);
    this.storeResult(); // success flag
    asm.op("RETURNDATASIZE");
    this.storeResult();
    if (rng.chance(0.6)) {
      asm.op("RETURNDATASIZE").push(0).push(0x400).op("RETURNDATACOPY");
      asm.op("RETURNDATASIZE").push(0x400).op("KECCAK256");
      this.storeResult();
    }
  }

  private create(): void {
    const { rng, asm } = this;
    const init = rng.weighted(initCodes(rng).map((c) => [c.weight, c.code] as const));
    const padded = new Uint8Array(32);
    padded.set(init);
    const at = BigInt(rng.int(8)) * 32n;
    asm.pushBytes(padded).push(at).op("MSTORE");
    const value = rng.weighted<bigint>([
      [6, 0n],
      [2, BigInt(rng.range(1, 1000))],
      [1, rng.word()],
    ]);
    if (rng.chance(0.5)) {
      asm.push(BigInt(init.length)).push(at).push(value).op("CREATE");
    } else {
      asm
        .push(rng.pick([0n, 1n, rng.word()]))
        .push(BigInt(init.length))
        .push(at)
        .push(value)
        .op("CREATE2");
    }
    this.storeResult();
    asm.op("RETURNDATASIZE");
    this.storeResult();
  }

  private epilogue(): void {
    const { asm } = this;
    asm.op("MSIZE");
    this.storeResult();
    asm.op("RETURNDATASIZE");
    this.storeResult();
    asm.push(0x80).push(0).op("KECCAK256");
    this.storeResult();
    asm.push(0).op("TLOAD");
    this.storeResult();
    asm.op("GAS");
    this.storeResult();
  }

  private ending(e: Ending): void {
    const { rng, asm } = this;
    switch (e) {
      case "stop":
        asm.op("STOP");
        return;
      case "return":
      case "revert":
        asm
          .push(this.smallLength())
          .push(this.smallOffset())
          .op(e === "return" ? "RETURN" : "REVERT");
        return;
      case "invalid":
        asm.op("INVALID");
        return;
      case "undefined":
        asm.raw(rng.pick(UNDEFINED_OPS));
        return;
      case "loop": {
        const label = `forever${this.labelCount++}`;
        asm.label(label).push(rng.word()).push(rng.word()).op("ADD", "POP").pushLabel(label).op("JUMP");
        return;
      }
      case "badjump":
        asm.push(0xffff).op("JUMP");
        return;
      case "underflow":
        asm.op("ADD");
        return;
      default:
        asm.pushBytes(this.target()).op("SELFDESTRUCT");
    }
  }
}

export function randomEnding(rng: Rng, topLevel: boolean): Ending {
  return rng.weighted<Ending>([
    [topLevel ? 16 : 4, "stop"],
    [topLevel ? 10 : 4, "return"],
    [2, "revert"],
    [1, "invalid"],
    [1, "undefined"],
    [1, "loop"],
    [1, "badjump"],
    [1, "underflow"],
    [topLevel ? 1 : 2, "selfdestruct"],
  ]);
}

export function generateProgram(rng: Rng, opts: ProgramOptions): Program {
  return new ProgramGenerator(rng, opts).generate();
}
