/**
 * evm/status: the status codes instructions return. 0 means "continue with the next
 * instruction"; anything else stops the frame's inner loop. Success and revert codes are small,
 * exceptional halts (which consume all the frame's gas) are 10 and above, and the two SUSPEND
 * codes ask the frame loop to start a child frame (CALL family, CREATE family).
 */

export const CONTINUE = 0;
export const STOP = 1;
export const RETURN = 2;
export const REVERT = 3;

export const OUT_OF_GAS = 10;
export const INVALID_OPCODE = 11;
export const STACK_UNDERFLOW = 12;
export const STACK_OVERFLOW = 13;
export const INVALID_JUMP = 14;
export const STATIC_VIOLATION = 15;
export const RETURNDATA_OUT_OF_BOUNDS = 16;
/** EIP-3860: CREATE/CREATE2 initcode longer than the limit. */
export const INITCODE_SIZE_EXCEEDED = 17;
/** EIP-170: deployed code longer than the limit. */
export const CODE_SIZE_EXCEEDED = 18;
/** EIP-3541: deployed code starting with 0xEF. */
export const INVALID_CODE_PREFIX = 19;
/** CREATE onto an address that already has a nonce, code or storage (EIP-684, EIP-7610). */
export const CREATE_COLLISION = 20;
/** Not enough gas left to pay the code deposit (200 per byte). */
export const CODE_STORE_OUT_OF_GAS = 21;
/** A precompile rejected its input. */
export const PRECOMPILE_FAILURE = 22;
/** Failures before a child frame starts; the caller keeps the gas (depth, balance, nonce). */
export const CALL_DEPTH_EXCEEDED = 23;
export const INSUFFICIENT_BALANCE = 24;
export const NONCE_OVERFLOW = 25;

export const SUSPEND_CALL = 100;
export const SUSPEND_CREATE = 101;

const NAMES: Record<number, string> = {
  [CONTINUE]: "continue",
  [STOP]: "stop",
  [RETURN]: "return",
  [REVERT]: "revert",
  [OUT_OF_GAS]: "out of gas",
  [INVALID_OPCODE]: "invalid opcode",
  [STACK_UNDERFLOW]: "stack underflow",
  [STACK_OVERFLOW]: "stack overflow",
  [INVALID_JUMP]: "invalid jump destination",
  [STATIC_VIOLATION]: "write protection",
  [RETURNDATA_OUT_OF_BOUNDS]: "return data out of bounds",
  [INITCODE_SIZE_EXCEEDED]: "max initcode size exceeded",
  [CODE_SIZE_EXCEEDED]: "max code size exceeded",
  [INVALID_CODE_PREFIX]: "invalid code: must not begin with 0xef",
  [CREATE_COLLISION]: "contract address collision",
  [CODE_STORE_OUT_OF_GAS]: "contract creation code storage out of gas",
  [PRECOMPILE_FAILURE]: "precompile failed",
  [CALL_DEPTH_EXCEEDED]: "max call depth exceeded",
  [INSUFFICIENT_BALANCE]: "insufficient balance for transfer",
  [NONCE_OVERFLOW]: "nonce uint64 overflow",
  [SUSPEND_CALL]: "suspend for call",
  [SUSPEND_CREATE]: "suspend for create",
};

export function statusName(status: number): string {
  return NAMES[status] ?? `status ${status}`;
}

export function isSuccess(status: number): boolean {
  return status === STOP || status === RETURN;
}
