/**
 * evm/forks: the instruction set of each supported fork, as data. A base table (the Paris
 * instruction set: Frontier through London plus PREVRANDAO) is extended by small
 * `enableEipNNNN(table)` functions, one per EIP, and each fork's table is compiled and validated
 * once. Adding a fork is composing one more list; Osaka is Prague plus `enableEip7939`.
 */
import type { Fork } from "../params/index.js";
import { EvmError } from "./errors.js";
import { KIND_CALL, KIND_CALLCODE, KIND_DELEGATECALL, KIND_STATICCALL } from "./frame.js";
import { MAX_CODE_SIZE, MAX_INITCODE_SIZE } from "./gas.js";
import * as A from "./instructions/arithmetic.js";
import * as B from "./instructions/bitwise.js";
import * as K from "./instructions/block.js";
import * as E from "./instructions/environment.js";
import * as F from "./instructions/flow.js";
import { LOG_OPS } from "./instructions/log.js";
import * as M from "./instructions/memory-ops.js";
import { DUP_OPS, opPop, opPush0, PUSH_OPS, SWAP_OPS } from "./instructions/stack-ops.js";
import * as S from "./instructions/storage.js";
import { makeCallOp, makeCreateOp, makeSelfdestructOp } from "./instructions/system.js";
import { type CompiledJumpTable, compileJumpTable, emptyJumpTable, type JumpTable, setOp } from "./jump-table.js";

/** Paris: everything through London (EIP-2929 access costs, EIP-3529 refunds, EIP-3198 BASEFEE). */
export function parisJumpTable(): JumpTable {
  const t = emptyJumpTable({ maxCodeSize: MAX_CODE_SIZE, maxInitcodeSize: Number.POSITIVE_INFINITY, delegation: false });
  setOp(t, 0x00, "STOP", F.opStop, 0, 0, 0);
  setOp(t, 0x01, "ADD", A.opAdd, 3, 2, 1);
  setOp(t, 0x02, "MUL", A.opMul, 5, 2, 1);
  setOp(t, 0x03, "SUB", A.opSub, 3, 2, 1);
  setOp(t, 0x04, "DIV", A.opDiv, 5, 2, 1);
  setOp(t, 0x05, "SDIV", A.opSdiv, 5, 2, 1);
  setOp(t, 0x06, "MOD", A.opMod, 5, 2, 1);
  setOp(t, 0x07, "SMOD", A.opSmod, 5, 2, 1);
  setOp(t, 0x08, "ADDMOD", A.opAddmod, 8, 3, 1);
  setOp(t, 0x09, "MULMOD", A.opMulmod, 8, 3, 1);
  setOp(t, 0x0a, "EXP", A.opExp, 10, 2, 1);
  setOp(t, 0x0b, "SIGNEXTEND", A.opSignextend, 5, 2, 1);

  setOp(t, 0x10, "LT", B.opLt, 3, 2, 1);
  setOp(t, 0x11, "GT", B.opGt, 3, 2, 1);
  setOp(t, 0x12, "SLT", B.opSlt, 3, 2, 1);
  setOp(t, 0x13, "SGT", B.opSgt, 3, 2, 1);
  setOp(t, 0x14, "EQ", B.opEq, 3, 2, 1);
  setOp(t, 0x15, "ISZERO", B.opIszero, 3, 1, 1);
  setOp(t, 0x16, "AND", B.opAnd, 3, 2, 1);
  setOp(t, 0x17, "OR", B.opOr, 3, 2, 1);
  setOp(t, 0x18, "XOR", B.opXor, 3, 2, 1);
  setOp(t, 0x19, "NOT", B.opNot, 3, 1, 1);
  setOp(t, 0x1a, "BYTE", B.opByte, 3, 2, 1);
  setOp(t, 0x1b, "SHL", B.opShl, 3, 2, 1);
  setOp(t, 0x1c, "SHR", B.opShr, 3, 2, 1);
  setOp(t, 0x1d, "SAR", B.opSar, 3, 2, 1);

  setOp(t, 0x20, "KECCAK256", E.opKeccak256, 30, 2, 1);

  setOp(t, 0x30, "ADDRESS", E.opAddress, 2, 0, 1);
  setOp(t, 0x31, "BALANCE", E.opBalance, 100, 1, 1);
  setOp(t, 0x32, "ORIGIN", E.opOrigin, 2, 0, 1);
  setOp(t, 0x33, "CALLER", E.opCaller, 2, 0, 1);
  setOp(t, 0x34, "CALLVALUE", E.opCallvalue, 2, 0, 1);
  setOp(t, 0x35, "CALLDATALOAD", E.opCalldataload, 3, 1, 1);
  setOp(t, 0x36, "CALLDATASIZE", E.opCalldatasize, 2, 0, 1);
  setOp(t, 0x37, "CALLDATACOPY", E.opCalldatacopy, 3, 3, 0);
  setOp(t, 0x38, "CODESIZE", E.opCodesize, 2, 0, 1);
  setOp(t, 0x39, "CODECOPY", E.opCodecopy, 3, 3, 0);
  setOp(t, 0x3a, "GASPRICE", E.opGasprice, 2, 0, 1);
  setOp(t, 0x3b, "EXTCODESIZE", E.opExtcodesize, 100, 1, 1);
  setOp(t, 0x3c, "EXTCODECOPY", E.opExtcodecopy, 100, 4, 0);
  setOp(t, 0x3d, "RETURNDATASIZE", E.opReturndatasize, 2, 0, 1);
  setOp(t, 0x3e, "RETURNDATACOPY", E.opReturndatacopy, 3, 3, 0);
  setOp(t, 0x3f, "EXTCODEHASH", E.opExtcodehash, 100, 1, 1);

  setOp(t, 0x40, "BLOCKHASH", K.opBlockhash, 20, 1, 1);
  setOp(t, 0x41, "COINBASE", K.opCoinbase, 2, 0, 1);
  setOp(t, 0x42, "TIMESTAMP", K.opTimestamp, 2, 0, 1);
  setOp(t, 0x43, "NUMBER", K.opNumber, 2, 0, 1);
  setOp(t, 0x44, "PREVRANDAO", K.opPrevrandao, 2, 0, 1);
  setOp(t, 0x45, "GASLIMIT", K.opGaslimit, 2, 0, 1);
  setOp(t, 0x46, "CHAINID", K.opChainid, 2, 0, 1);
  setOp(t, 0x47, "SELFBALANCE", K.opSelfbalance, 5, 0, 1);
  setOp(t, 0x48, "BASEFEE", K.opBasefee, 2, 0, 1);

  setOp(t, 0x50, "POP", opPop, 2, 1, 0);
  setOp(t, 0x51, "MLOAD", M.opMload, 3, 1, 1);
  setOp(t, 0x52, "MSTORE", M.opMstore, 3, 2, 0);
  setOp(t, 0x53, "MSTORE8", M.opMstore8, 3, 2, 0);
  setOp(t, 0x54, "SLOAD", S.opSload, 100, 1, 1);
  setOp(t, 0x55, "SSTORE", S.opSstore, 0, 2, 0);
  setOp(t, 0x56, "JUMP", F.opJump, 8, 1, 0);
  setOp(t, 0x57, "JUMPI", F.opJumpi, 10, 2, 0);
  setOp(t, 0x58, "PC", F.opPc, 2, 0, 1);
  setOp(t, 0x59, "MSIZE", M.opMsize, 2, 0, 1);
  setOp(t, 0x5a, "GAS", F.opGas, 2, 0, 1);
  setOp(t, 0x5b, "JUMPDEST", F.opJumpdest, 1, 0, 0);

  for (let n = 1; n <= 32; n++) setOp(t, 0x5f + n, `PUSH${n}`, PUSH_OPS[n - 1]!, 3, 0, 1);
  for (let n = 1; n <= 16; n++) setOp(t, 0x7f + n, `DUP${n}`, DUP_OPS[n - 1]!, 3, n, n + 1);
  for (let n = 1; n <= 16; n++) setOp(t, 0x8f + n, `SWAP${n}`, SWAP_OPS[n - 1]!, 3, n + 1, n + 1);
  for (let n = 0; n <= 4; n++) setOp(t, 0xa0 + n, `LOG${n}`, LOG_OPS[n]!, 375 * (n + 1), n + 2, 0);

  setOp(t, 0xf0, "CREATE", makeCreateOp(false, t.rules.maxInitcodeSize), 32000, 3, 1);
  setOp(t, 0xf1, "CALL", makeCallOp(KIND_CALL, false), 100, 7, 1);
  setOp(t, 0xf2, "CALLCODE", makeCallOp(KIND_CALLCODE, false), 100, 7, 1);
  setOp(t, 0xf3, "RETURN", F.opReturn, 0, 2, 0);
  setOp(t, 0xf4, "DELEGATECALL", makeCallOp(KIND_DELEGATECALL, false), 100, 6, 1);
  setOp(t, 0xf5, "CREATE2", makeCreateOp(true, t.rules.maxInitcodeSize), 32000, 4, 1);
  setOp(t, 0xfa, "STATICCALL", makeCallOp(KIND_STATICCALL, false), 100, 6, 1);
  setOp(t, 0xfd, "REVERT", F.opRevert, 0, 2, 0);
  setOp(t, 0xfe, "INVALID", F.opInvalid, 0, 0, 0);
  setOp(t, 0xff, "SELFDESTRUCT", makeSelfdestructOp(false), 5000, 1, 0);
  return t;
}

/** EIP-3855: PUSH0. */
export function enableEip3855(t: JumpTable): void {
  setOp(t, 0x5f, "PUSH0", opPush0, 2, 0, 1);
}

/** EIP-3860: initcode limited to 49152 bytes and charged 2 gas per word. */
export function enableEip3860(t: JumpTable): void {
  t.rules.maxInitcodeSize = MAX_INITCODE_SIZE;
  setOp(t, 0xf0, "CREATE", makeCreateOp(false, MAX_INITCODE_SIZE), 32000, 3, 1);
  setOp(t, 0xf5, "CREATE2", makeCreateOp(true, MAX_INITCODE_SIZE), 32000, 4, 1);
}

/** EIP-1153: transient storage. */
export function enableEip1153(t: JumpTable): void {
  setOp(t, 0x5c, "TLOAD", S.opTload, 100, 1, 1);
  setOp(t, 0x5d, "TSTORE", S.opTstore, 100, 2, 0);
}

/** EIP-5656: MCOPY. */
export function enableEip5656(t: JumpTable): void {
  setOp(t, 0x5e, "MCOPY", M.opMcopy, 3, 3, 0);
}

/** EIP-4844: BLOBHASH. */
export function enableEip4844(t: JumpTable): void {
  setOp(t, 0x49, "BLOBHASH", K.opBlobhash, 3, 1, 1);
}

/** EIP-7516: BLOBBASEFEE. */
export function enableEip7516(t: JumpTable): void {
  setOp(t, 0x4a, "BLOBBASEFEE", K.opBlobbasefee, 2, 0, 1);
}

/** EIP-6780: SELFDESTRUCT deletes only accounts created in the same transaction. */
export function enableEip6780(t: JumpTable): void {
  setOp(t, 0xff, "SELFDESTRUCT", makeSelfdestructOp(true), 5000, 1, 0);
}

/** EIP-7702: calls follow delegation designators and pay for the delegate's access. */
export function enableEip7702(t: JumpTable): void {
  t.rules.delegation = true;
  setOp(t, 0xf1, "CALL", makeCallOp(KIND_CALL, true), 100, 7, 1);
  setOp(t, 0xf2, "CALLCODE", makeCallOp(KIND_CALLCODE, true), 100, 7, 1);
  setOp(t, 0xf4, "DELEGATECALL", makeCallOp(KIND_DELEGATECALL, true), 100, 6, 1);
  setOp(t, 0xfa, "STATICCALL", makeCallOp(KIND_STATICCALL, true), 100, 6, 1);
}

/** EIP-7939: CLZ. */
export function enableEip7939(t: JumpTable): void {
  setOp(t, 0x1e, "CLZ", B.opClz, 5, 1, 1);
}

export function shanghaiJumpTable(): JumpTable {
  const t = parisJumpTable();
  enableEip3855(t);
  enableEip3860(t);
  return t;
}

export function cancunJumpTable(): JumpTable {
  const t = shanghaiJumpTable();
  enableEip1153(t);
  enableEip5656(t);
  enableEip4844(t);
  enableEip7516(t);
  enableEip6780(t);
  return t;
}

export function pragueJumpTable(): JumpTable {
  const t = cancunJumpTable();
  enableEip7702(t);
  return t;
}

export function osakaJumpTable(): JumpTable {
  const t = pragueJumpTable();
  enableEip7939(t);
  return t;
}

const BUILDERS: Partial<Record<Fork, () => JumpTable>> = {
  Paris: parisJumpTable,
  Shanghai: shanghaiJumpTable,
  Cancun: cancunJumpTable,
  Prague: pragueJumpTable,
  Osaka: osakaJumpTable,
};

const compiled = new Map<Fork, CompiledJumpTable>();

/** The compiled table of a fork, built and validated on first use. */
export function jumpTableFor(fork: Fork): CompiledJumpTable {
  let table = compiled.get(fork);
  if (table === undefined) {
    const build = BUILDERS[fork];
    if (build === undefined) throw new EvmError(`fork ${fork} is not supported by the EVM (Paris and later are)`);
    table = compileJumpTable(fork, build());
    compiled.set(fork, table);
  }
  return table;
}

export function supportedForks(): Fork[] {
  return Object.keys(BUILDERS) as Fork[];
}
