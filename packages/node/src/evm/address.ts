/**
 * evm/address: addresses of new contracts. CREATE: keccak256(rlp([sender, nonce]))[12:];
 * CREATE2 (EIP-1014): keccak256(0xff || sender || salt || keccak256(initcode))[12:].
 */
import { keccak256 } from "../crypto/index.js";
import type { Address } from "../primitives/index.js";
import { encodeRlp } from "../rlp/index.js";
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
