/**
 * evm/instructions/system: the CALL family, the CREATE family and SELFDESTRUCT.
 *
 * CALL-like and CREATE-like opcodes do not run the child themselves: they charge everything the
 * caller pays (memory, EIP-2929 access, value transfer, new account, initcode words), reserve
 * the child's gas by the EIP-150 63/64 rule (exact, in bigint), write the request into the
 * frame's `child*` fields and return SUSPEND_*. The frame loop (evm.ts) runs the child and
 * pushes the result. Variants per fork (EIP-3860 initcode, EIP-7702 delegation, EIP-6780
 * SELFDESTRUCT) are made once by factories when the jump table is built.
 */
import { type Address, EMPTY_BYTES } from "../../primitives/index.js";
import { delegationTarget } from "../delegation.js";
import type { Env, Instruction } from "../env.js";
import { type Frame, KIND_CALL, KIND_CALLCODE, KIND_CREATE, KIND_CREATE2 } from "../frame.js";
import {
  CALL_STIPEND,
  CALL_VALUE,
  COLD_ACCOUNT_ACCESS,
  COLD_ACCOUNT_EXTRA,
  INITCODE_WORD,
  KECCAK_WORD,
  NEW_ACCOUNT,
  takeAllButOne64th,
  toWords,
  useGas,
  WARM_STORAGE_READ,
} from "../gas.js";
import { expandMemory } from "../memory.js";
import { INITCODE_SIZE_EXCEEDED, OUT_OF_GAS, STATIC_VIOLATION, STOP, SUSPEND_CALL, SUSPEND_CREATE } from "../status.js";

const STIPEND = BigInt(CALL_STIPEND);

/**
 * CALL (kind KIND_CALL), CALLCODE, DELEGATECALL and STATICCALL. With `delegation` (EIP-7702)
 * a target holding a designator costs an access of the delegate too (100 warm, 2600 cold).
 */
export function makeCallOp(kind: number, delegation: boolean): Instruction {
  const hasValue = kind === KIND_CALL || kind === KIND_CALLCODE;
  return (f: Frame, env: Env): number => {
    const s = f.stack;
    const host = env.host;
    const requested = s.pop();
    const target = s.popAddress();
    const value = hasValue ? s.pop() : 0n;
    const inOffset = s.popOffset();
    const inSize = s.popOffset();
    const outOffset = s.popOffset();
    const outSize = s.popOffset();
    if (kind === KIND_CALL && value !== 0n && f.isStatic) return STATIC_VIOLATION;
    if (!expandMemory(f, inOffset, inSize) || !expandMemory(f, outOffset, outSize)) return OUT_OF_GAS;
    let cost = host.accessAddress(target) ? COLD_ACCOUNT_EXTRA : 0;
    let delegate: Address | undefined;
    if (delegation) {
      delegate = delegationTarget(host.getCode(target));
      if (delegate !== undefined) cost += host.accessAddress(delegate) ? COLD_ACCOUNT_ACCESS : WARM_STORAGE_READ;
    }
    if (value !== 0n) {
      cost += CALL_VALUE;
      // EIP-161: only a call that brings value into an empty account pays for creating it.
      if (kind === KIND_CALL && host.isEmpty(target)) cost += NEW_ACCOUNT;
    }
    if (!useGas(f, cost)) return OUT_OF_GAS;
    const gas = takeAllButOne64th(f, requested);
    f.childKind = kind;
    f.childTarget = target;
    f.childDelegate = delegate;
    f.childValue = value;
    f.childInput = inSize === 0 ? EMPTY_BYTES : f.memory.read(inOffset, inSize);
    // The stipend is free for the caller: it is added on top of what was reserved.
    f.childGas = value !== 0n ? gas + STIPEND : gas;
    f.childOutOffset = outOffset;
    f.childOutSize = outSize;
    return SUSPEND_CALL;
  };
}

/** CREATE and CREATE2; `maxInitcodeSize` is finite from EIP-3860 on, which also adds 2/word. */
export function makeCreateOp(isCreate2: boolean, maxInitcodeSize: number): Instruction {
  const initcodeWordGas = Number.isFinite(maxInitcodeSize) ? INITCODE_WORD : 0;
  const wordGas = initcodeWordGas + (isCreate2 ? KECCAK_WORD : 0);
  return (f: Frame): number => {
    if (f.isStatic) return STATIC_VIOLATION;
    const s = f.stack;
    const value = s.pop();
    const offset = s.popOffset();
    const size = s.popOffset();
    const salt = isCreate2 ? s.pop() : 0n;
    if (size > maxInitcodeSize) return INITCODE_SIZE_EXCEEDED;
    if (!expandMemory(f, offset, size) || !useGas(f, wordGas * toWords(size))) return OUT_OF_GAS;
    f.childKind = isCreate2 ? KIND_CREATE2 : KIND_CREATE;
    f.childTarget = undefined;
    f.childDelegate = undefined;
    f.childValue = value;
    f.childSalt = salt;
    f.childInput = size === 0 ? EMPTY_BYTES : f.memory.read(offset, size);
    f.childGas = takeAllButOne64th(f, undefined);
    return SUSPEND_CREATE;
  };
}

/**
 * SELFDESTRUCT: 5000 (constant) + 2600 for a cold beneficiary + 25000 when sending a non-zero
 * balance to an empty account. The balance always moves to the beneficiary; the account is
 * deleted only if `eip6780` is off or it was created in this same transaction (EIP-6780), in
 * which case a balance sent to itself is burnt. No refund since EIP-3529.
 */
export function makeSelfdestructOp(eip6780: boolean): Instruction {
  return (f: Frame, env: Env): number => {
    if (f.isStatic) return STATIC_VIOLATION;
    const host = env.host;
    const beneficiary = f.stack.popAddress();
    let cost = host.accessAddress(beneficiary) ? COLD_ACCOUNT_ACCESS : 0;
    const balance = host.getBalance(f.address);
    if (balance !== 0n && host.isEmpty(beneficiary)) cost += NEW_ACCOUNT;
    if (!useGas(f, cost)) return OUT_OF_GAS;
    host.transfer(f.address, beneficiary, balance);
    if (!eip6780 || host.createdInTransaction(f.address)) host.markSelfDestructed(f.address);
    const t = env.tracer;
    if (t !== undefined) {
      // geth reports the transfer as a frame of its own, entered and left at once.
      const depth = f.depth + 1;
      t.enter?.({
        type: "SELFDESTRUCT",
        from: f.address,
        to: beneficiary,
        delegate: undefined,
        input: EMPTY_BYTES,
        gas: 0n,
        value: balance,
        depth,
      });
      t.exit?.({ depth, output: EMPTY_BYTES, gasUsed: 0n, error: undefined, reverted: false });
    }
    return STOP;
  };
}
