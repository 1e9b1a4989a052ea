import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { privateKeyToAddress } from "../../crypto/index.js";
import { addressFromHex, bytesToHex, hexToBytes } from "../../primitives/index.js";
import { decodeRlp, encodeRlp } from "../../rlp/index.js";
import { TxError } from "./errors.js";
import type { LegacyTx, UnsignedLegacyTx } from "./legacy.js";
import { recoverSender } from "./sender.js";
import { parseLegacyV } from "./signature.js";
import { decodeTransaction, encodeTransaction, signingHash, signingPayload, signTransaction, transactionHash } from "./transaction.js";

// The worked example of EIP-155.
const EIP155_KEY = hexToBytes("0x4646464646464646464646464646464646464646464646464646464646464646");
const EIP155_TX: UnsignedLegacyTx = {
  type: 0,
  nonce: 9n,
  gasPrice: 20_000_000_000n,
  gasLimit: 21000n,
  to: addressFromHex("0x3535353535353535353535353535353535353535"),
  value: 10n ** 18n,
  data: new Uint8Array(0),
  chainId: 1n,
};
const EIP155_SIGNING_DATA = "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
const EIP155_SIGNING_HASH = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
const EIP155_SIGNED =
  "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

describe("legacy transactions (EIP-155 example)", () => {
  test("signing payload and hash", () => {
    assert.equal(bytesToHex(signingPayload(EIP155_TX)), EIP155_SIGNING_DATA);
    assert.equal(bytesToHex(signingHash(EIP155_TX)), EIP155_SIGNING_HASH);
  });

  test("signing gives the published signed RLP", () => {
    const signed = signTransaction(EIP155_TX, EIP155_KEY) as LegacyTx;
    assert.equal(signed.v, 37n);
    assert.equal(signed.r, 18515461264373351373200002665853028612451056578545711640558177340181847433846n);
    assert.equal(signed.s, 46948507304638947509940763649030358759909902576025900602547168820602576006531n);
    assert.equal(bytesToHex(encodeTransaction(signed)), EIP155_SIGNED);
  });

  test("decoding and sender recovery", () => {
    const tx = decodeTransaction(hexToBytes(EIP155_SIGNED));
    assert.equal(tx.type, 0);
    assert.equal(bytesToHex(encodeTransaction(tx)), EIP155_SIGNED);
    const rec = recoverSender(tx, { fork: "Cancun", chainId: 1n });
    assert.ok(rec.ok);
    assert.equal(bytesToHex(rec.value.sender), "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
    assert.deepEqual(rec.value.sender, privateKeyToAddress(EIP155_KEY));
    assert.equal(bytesToHex(transactionHash(tx)), "0x33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788");
  });

  test("EIP-155 signatures are rejected before Spurious Dragon and on another chain", () => {
    const tx = decodeTransaction(hexToBytes(EIP155_SIGNED));
    const before = recoverSender(tx, { fork: "Homestead", chainId: 1n });
    assert.ok(!before.ok && before.error.code === "INVALID_SIGNATURE_VRS");
    const other = recoverSender(tx, { fork: "Cancun", chainId: 5n });
    assert.ok(!other.ok && other.error.code === "INVALID_CHAINID");
  });

  test("unprotected signatures (v = 27/28) stay valid in every fork", () => {
    const unprotected = signTransaction({ ...EIP155_TX, chainId: undefined }, EIP155_KEY) as LegacyTx;
    assert.ok(unprotected.v === 27n || unprotected.v === 28n);
    for (const fork of ["Frontier", "Homestead", "EIP158", "Cancun", "Prague"] as const) {
      const rec = recoverSender(decodeTransaction(encodeTransaction(unprotected)), { fork, chainId: 1n });
      assert.ok(rec.ok, fork);
      assert.deepEqual(rec.value.sender, privateKeyToAddress(EIP155_KEY));
    }
  });

  test("high s is accepted only in Frontier (EIP-2)", () => {
    const signed = signTransaction({ ...EIP155_TX, chainId: undefined }, EIP155_KEY) as LegacyTx;
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    // (r, n - s) with the other parity is the same signature in its high-s form.
    const high: LegacyTx = { ...signed, s: n - signed.s, v: signed.v === 27n ? 28n : 27n };
    const frontier = recoverSender(high, { fork: "Frontier", chainId: 1n });
    assert.ok(frontier.ok);
    assert.deepEqual(frontier.value.sender, privateKeyToAddress(EIP155_KEY));
    const homestead = recoverSender(high, { fork: "Homestead", chainId: 1n });
    assert.ok(!homestead.ok && homestead.error.code === "INVALID_SIGNATURE_VRS");
  });

  test("v parsing", () => {
    assert.deepEqual(parseLegacyV(27n), { kind: "unprotected", yParity: 0 });
    assert.deepEqual(parseLegacyV(38n), { kind: "eip155", yParity: 1, chainId: 1n });
    assert.deepEqual(parseLegacyV(29n), { kind: "invalid" });
  });

  test("strict decoding", () => {
    const good = hexToBytes(EIP155_SIGNED);
    const expectCode = (bytes: Uint8Array, code: string) =>
      assert.throws(
        () => decodeTransaction(bytes),
        (e: unknown) => e instanceof TxError && e.code === code,
      );
    expectCode(new Uint8Array([...good, 0x00]), "RLP_ERROR_SIZE"); // trailing byte
    expectCode(good.subarray(0, good.length - 1), "RLP_ERROR_SIZE"); // truncated
    expectCode(new Uint8Array(0), "RLP_ERROR_EOF");
    // Variants of the example built field by field, each breaking one rule.
    const fields = decodeRlp(good) as Uint8Array[];
    const variant = (i: number, value: Uint8Array | Uint8Array[]) => encodeRlp(fields.map((f, j) => (j === i ? value : f)));
    expectCode(variant(0, Uint8Array.of(0, 9)), "RLP_LEADING_ZEROS_NONCE");
    expectCode(variant(0, new Uint8Array(9).fill(1)), "NONCE_OVERFLOW");
    expectCode(variant(2, Uint8Array.of(0, 0x52, 0x08)), "RLP_LEADING_ZEROS_GASLIMIT");
    expectCode(variant(2, []), "RLP_INVALID_GASLIMIT");
    expectCode(variant(3, new Uint8Array(19).fill(0x35)), "ADDRESS_TOO_SHORT");
    expectCode(variant(3, new Uint8Array(21).fill(0x35)), "ADDRESS_TOO_LONG");
    expectCode(variant(4, new Uint8Array(33).fill(1)), "VALUE_OVERFLOW");
    expectCode(variant(7, Uint8Array.of(0, 1)), "RLP_LEADING_ZEROS_R");
    expectCode(encodeRlp(fields.slice(0, 8)), "RLP_TOO_FEW_ELEMENTS");
    expectCode(encodeRlp([...fields, new Uint8Array(0)]), "RLP_TOO_MANY_ELEMENTS");
    // a single byte below 0x80 behind a string header is not canonical RLP
    const nonCanonical = encodeRlp(fields.map((f, j) => (j === 0 ? Uint8Array.of(0xaa) : f)));
    const at = nonCanonical.indexOf(0x81);
    nonCanonical[at + 1] = 0x09;
    expectCode(nonCanonical, "RLP_ERROR_SIZE");
    // a gas limit given as a list whose own content is broken is blamed on the gas limit
    expectCode(hexToBytes(EIP155_SIGNED.replace("825208", "c207d0")), "RLP_INVALID_GASLIMIT");
  });
});
