/**
 * evm/delegation: EIP-7702 delegation designators, `0xef0100 || address` (23 bytes). Calls to an
 * account holding one run the delegate's code in the account's context; EXTCODE* opcodes see
 * the 23 bytes as stored. Only one level is followed (a designator pointing at another
 * designator runs that designator as code, which halts on 0xef).
 */
import type { Address } from "../primitives/index.js";

export const DELEGATION_DESIGNATOR_LENGTH = 23;

/** The delegate address, or undefined if `code` is not a designator. */
export function delegationTarget(code: Uint8Array): Address | undefined {
  if (code.length !== DELEGATION_DESIGNATOR_LENGTH || code[0] !== 0xef || code[1] !== 0x01 || code[2] !== 0x00) return undefined;
  return code.slice(3) as Address;
}

export function delegationDesignator(delegate: Address): Uint8Array {
  const out = new Uint8Array(DELEGATION_DESIGNATOR_LENGTH);
  out[0] = 0xef;
  out[1] = 0x01;
  out.set(delegate, 3);
  return out;
}
