/**
 * evm/address: addresses of new contracts. CREATE: keccak256(rlp([sender, nonce]))[12:];
 * CREATE2 (EIP-1014): keccak256(0xff || sender || salt || keccak256(initcode))[12:]. Also the
 * addresses of precompiles (their number in the last two bytes).
 */
import { keccak256 } from "../crypto/index.js";
import type { Address } from "../primitives/index.js";
import { encodeRlp } from "../rlp/index.js";
import type { PrecompileSet } from "./precompiles/types.js";
import { writeWord } from "./word.js";

export function createAddress(sender: Address, nonce: bigint): Address {
  return keccak256(encodeRlp([sender, nonce])).slice(12) as Address;
}

export function create2Address(sender: Address, salt: bigint, initcodeHash: Uint8Array): Address {
  const buf = new Uint8Array(85);
  buf[0] = 0xff;
  buf.set(sender, 1);
  writeWord(buf, 21, salt);
  buf.set(initcodeHash, 53);
  return keccak256(buf).slice(12) as Address;
}

/** The addresses of a precompile set, which EIP-2929 marks warm at the start of a transaction. */
export function precompileAddresses(set: PrecompileSet): Address[] {
  const out: Address[] = [];
  for (const n of set.keys()) {
    const a = new Uint8Array(20);
    a[18] = n >> 8;
    a[19] = n & 0xff;
    out.push(a as Address);
  }
  return out;
}
