import assert from "node:assert/strict";
import { test } from "node:test";
import { TypedDataEncoder, Wallet } from "ethers";
import { keccak256 } from "../../crypto/index.js";
import { bytesToHex, utf8ToBytes } from "../../primitives/index.js";
import { signDigest } from "./sign.js";
import { domainSeparator, encodeType, hashStruct, type TypedData, TypedDataError, typedDataDigest, typeHash } from "./typed-data.js";

/** The example of EIP-712 (its test vector "Mail"). */
const MAIL: TypedData = {
  types: {
    EIP712Domain: [
      { name: "name", type: "string" },
      { name: "version", type: "string" },
      { name: "chainId", type: "uint256" },
      { name: "verifyingContract", type: "address" },
    ],
    Person: [
      { name: "name", type: "string" },
      { name: "wallet", type: "address" },
    ],
    Mail: [
      { name: "from", type: "Person" },
      { name: "to", type: "Person" },
      { name: "contents", type: "string" },
    ],
  },
  primaryType: "Mail",
  domain: { name: "Ether Mail", version: "1", chainId: 1, verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
  message: {
    from: { name: "Cow", wallet: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
    to: { name: "Bob", wallet: "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
    contents: "Hello, Bob!",
  },
};

test("EIP-712 Mail vector: type encoding, hashes, digest and signature", () => {
  assert.equal(encodeType("Mail", MAIL.types), "Mail(Person from,Person to,string contents)Person(string name,address wallet)");
  assert.equal(bytesToHex(typeHash("Mail", MAIL.types)), "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
  assert.equal(
    bytesToHex(hashStruct("Mail", MAIL.message, MAIL.types)),
    "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e",
  );
  assert.equal(bytesToHex(domainSeparator(MAIL)), "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
  assert.equal(bytesToHex(typedDataDigest(MAIL)), "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
  const sig = signDigest(typedDataDigest(MAIL), keccak256(utf8ToBytes("cow")));
  assert.equal(
    bytesToHex(sig),
    "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
  );
});

/** Arrays, nested arrays of structs, fixed bytes, signed ints, bools, dynamic bytes. */
const RICH: TypedData = {
  types: {
    Item: [
      { name: "id", type: "uint64" },
      { name: "tags", type: "string[]" },
      { name: "flag", type: "bool" },
    ],
    Order: [
      { name: "items", type: "Item[]" },
      { name: "pairs", type: "int32[2][]" },
      { name: "digest", type: "bytes32" },
      { name: "short", type: "bytes4" },
      { name: "blob", type: "bytes" },
      { name: "owner", type: "address" },
      { name: "amount", type: "uint256" },
      { name: "delta", type: "int256" },
    ],
  },
  primaryType: "Order",
  domain: { name: "Shop", chainId: 31337, salt: `0x${"ab".repeat(32)}` },
  message: {
    items: [
      { id: 1, tags: ["a", "b"], flag: true },
      { id: "0x2", tags: [], flag: false },
    ],
    pairs: [
      [-1, 2],
      [3, -4],
    ],
    digest: `0x${"12".repeat(32)}`,
    short: "0xdeadbeef",
    blob: "0x0102030405",
    owner: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    amount: "1000000000000000000000",
    delta: "-123456789",
  },
};

test("matches ethers' TypedDataEncoder on the Mail vector and on arrays, fixed bytes and signed ints", () => {
  for (const td of [MAIL, RICH]) {
    const { EIP712Domain: _, ...types } = td.types as Record<string, { name: string; type: string }[]>;
    const want = TypedDataEncoder.hash(td.domain, types, td.message);
    assert.equal(bytesToHex(typedDataDigest(td)), want);
    assert.equal(encodeType(td.primaryType, td.types), TypedDataEncoder.from(types).encodeType(td.primaryType));
  }
});

test("signature matches ethers' Wallet.signTypedData for the first dev key", async () => {
  const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  const { EIP712Domain: _, ...types } = RICH.types as Record<string, { name: string; type: string }[]>;
  const want = await new Wallet(key).signTypedData(RICH.domain, types, RICH.message);
  const got = bytesToHex(signDigest(typedDataDigest(RICH), Buffer.from(key.slice(2), "hex")));
  assert.equal(got, want);
});

test("bad typed data fails with TypedDataError", () => {
  assert.throws(() => typedDataDigest({ ...MAIL, primaryType: "Nope" }), TypedDataError);
  assert.throws(() => typedDataDigest({ ...MAIL, message: { ...MAIL.message, contents: 5 } }), TypedDataError);
  assert.throws(
    () => hashStruct("T", { v: 256 }, { T: [{ name: "v", type: "uint8" }] }),
    (e: unknown) => e instanceof TypedDataError && /out of range/.test(e.message),
  );
});
