/**
 * Vectors for 0x06-0x08 (BN254 add, mul, pairing). Inputs, outputs and Istanbul gas are from
 * go-ethereum core/vm/testdata/precompiles/{bn256Add,bn256ScalarMul,bn256Pairing}.json
 * (chfast*, cdetrio*, jeff*, *_point_match_* cases).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bn254 } from "@noble/curves/bn254.js";
import { bn254Add } from "./bn254-add.js";
import { BN254_PRICES_BYZANTIUM, BN254_PRICES_ISTANBUL } from "./bn254-codec.js";
import { bn254Mul } from "./bn254-mul.js";
import { bn254Pairing } from "./bn254-pairing.js";
import type { Precompile } from "./types.js";

type Vector = [name: string, input: string, expected: string, gas: number];

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString("hex"));

function check(p: Precompile, vectors: Vector[]): number {
  let passed = 0;
  for (const [name, input, expected, gas] of vectors) {
    const data = hex(input);
    assert.equal(p.gas(data), BigInt(gas), `${name}: gas`);
    assert.equal(toHex(p.run(data)), expected, `${name}: output`);
    passed++;
  }
  return passed;
}

const P = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";
const G1_GEN = `${"0".repeat(63)}1${"0".repeat(63)}2`;
const Z32 = "0".repeat(64);

const ADD: Vector[] = [
  [
    "chfast1",
    "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f3726607c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7",
    "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915",
    150,
  ],
  [
    "chfast2",
    "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c91518b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266",
    "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb204",
    150,
  ],
  ["cdetrio1", Z32.repeat(4), Z32.repeat(2), 150],
  ["cdetrio2", Z32.repeat(2), Z32.repeat(2), 150],
  ["cdetrio3", Z32.repeat(3), Z32.repeat(2), 150],
  ["cdetrio4", "", Z32.repeat(2), 150],
  ["cdetrio5", Z32.repeat(6), Z32.repeat(2), 150],
  ["cdetrio6", Z32.repeat(2) + G1_GEN, G1_GEN, 150],
  ["cdetrio7", Z32.repeat(2) + G1_GEN + Z32.repeat(2), G1_GEN, 150],
  ["cdetrio8", G1_GEN, G1_GEN, 150],
  ["cdetrio9", G1_GEN + Z32.repeat(2), G1_GEN, 150],
  ["cdetrio10", G1_GEN + Z32.repeat(4), G1_GEN, 150],
  [
    "cdetrio11",
    G1_GEN + G1_GEN,
    "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4",
    150,
  ],
  [
    "cdetrio12",
    G1_GEN + G1_GEN + Z32.repeat(2),
    "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4",
    150,
  ],
  [
    "cdetrio13",
    "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98",
    "15bf2bb17880144b5d1cd2b1f46eff9d617bffd1ca57c37fb5a49bd84e53cf66049c797f9ce0d17083deb32b5e36f2ea2a212ee036598dd7624c168993d1355f",
    150,
  ],
  [
    "cdetrio14",
    "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa92e83f8d734803fc370eba25ed1f6b8768bd6d83887b87165fc2434fe11a830cb" +
      Z32.repeat(2),
    Z32.repeat(2),
    150,
  ],
];

const PT_A =
  "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe31a2f3c951f6dadcc7ee9007dff81504b0fcd6d7cf59996efdc33d92bf7f9f8f6";
const PT_B =
  "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c";
const PT_C =
  "039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98";
const MAX = "f".repeat(64);
const R = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000"; // group order r
const TWO128 = "0000000000000000000000000000000100000000000000000000000000000000";
const NINE = `${"0".repeat(63)}9`;
const ONE = `${"0".repeat(63)}1`;

const MUL: Vector[] = [
  [
    "chfast1",
    "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb20400000000000000000000000000000000000000000000000011138ce750fa15c2",
    "070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c031b8ce914eba3a9ffb989f9cdd5b0f01943074bf4f0f315690ec3cec6981afc",
    6000,
  ],
  [
    "chfast2",
    "070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c031b8ce914eba3a9ffb989f9cdd5b0f01943074bf4f0f315690ec3cec6981afc30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd46",
    "025a6f4181d2b4ea8b724290ffb40156eb0adb514c688556eb79cdea0752c2bb2eff3f31dea215f1eb86023a133a996eb6300b44da664d64251d05381bb8a02e",
    6000,
  ],
  [
    "chfast3",
    "025a6f4181d2b4ea8b724290ffb40156eb0adb514c688556eb79cdea0752c2bb2eff3f31dea215f1eb86023a133a996eb6300b44da664d64251d05381bb8a02e183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea3",
    "14789d0d4a730b354403b5fac948113739e276c23e0258d8596ee72f9cd9d3230af18a63153e0ec25ff9f2951dd3fa90ed0197bfef6e2a1a62b5095b9d2b4a27",
    6000,
  ],
  [
    "cdetrio1",
    PT_A + MAX,
    "2cde5879ba6f13c0b5aa4ef627f159a3347df9722efce88a9afbb20b763b4c411aa7e43076f6aee272755a7f9b84832e71559ba0d2e0b17d5f9f01755e5b0d11",
    6000,
  ],
  [
    "cdetrio2",
    PT_A + R,
    "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe3163511ddc1c3f25d396745388200081287b3fd1472d8339d5fecb2eae0830451",
    6000,
  ],
  [
    "cdetrio3",
    PT_A + TWO128,
    "1051acb0700ec6d42a88215852d582efbaef31529b6fcbc3277b5c1b300f5cf0135b2394bb45ab04b8bd7611bd2dfe1de6a4e6e2ccea1ea1955f577cd66af85b",
    6000,
  ],
  [
    "cdetrio4",
    PT_A + NINE,
    "1dbad7d39dbc56379f78fac1bca147dc8e66de1b9d183c7b167351bfe0aeab742cd757d51289cd8dbd0acf9e673ad67d0f0a89f912af47ed1be53664f5692575",
    6000,
  ],
  ["cdetrio5", PT_A + ONE, PT_A, 6000],
  [
    "cdetrio6",
    PT_B + MAX,
    "29e587aadd7c06722aabba753017c093f70ba7eb1f1c0104ec0564e7e3e21f6022b1143f6a41008e7755c71c3d00b6b915d386de21783ef590486d8afa8453b1",
    6000,
  ],
  [
    "cdetrio7",
    PT_B + R,
    "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa92e83f8d734803fc370eba25ed1f6b8768bd6d83887b87165fc2434fe11a830cb",
    6000,
  ],
  [
    "cdetrio8",
    PT_B + TWO128,
    "221a3577763877920d0d14a91cd59b9479f83b87a653bb41f82a3f6f120cea7c2752c7f64cdd7f0e494bff7b60419f242210f2026ed2ec70f89f78a4c56a1f15",
    6000,
  ],
  [
    "cdetrio9",
    PT_B + NINE,
    "228e687a379ba154554040f8821f4e41ee2be287c201aa9c3bc02c9dd12f1e691e0fd6ee672d04cfd924ed8fdc7ba5f2d06c53c1edc30f65f2af5a5b97f0a76a",
    6000,
  ],
  ["cdetrio10", PT_B + ONE, PT_B, 6000],
  [
    "cdetrio11",
    PT_C + MAX,
    "00a1a234d08efaa2616607e31eca1980128b00b415c845ff25bba3afcb81dc00242077290ed33906aeb8e42fd98c41bcb9057ba03421af3f2d08cfc441186024",
    6000,
  ],
  [
    "cdetrio12",
    PT_C + R,
    "039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b8692929ee761a352600f54921df9bf472e66217e7bb0cee9032e00acc86b3c8bfaf",
    6000,
  ],
  [
    "cdetrio13",
    PT_C + TWO128,
    "1071b63011e8c222c5a771dfa03c2e11aac9666dd097f2c620852c3951a4376a2f46fe2f73e1cf310a168d56baa5575a8319389d7bfa6b29ee2d908305791434",
    6000,
  ],
  [
    "cdetrio14",
    PT_C + NINE,
    "19f75b9dd68c080a688774a6213f131e3052bd353a304a189d7a2ee367e3c2582612f545fb9fc89fde80fd81c68fc7dcb27fea5fc124eeda69433cf5c46d2d7f",
    6000,
  ],
  ["cdetrio15", PT_C + ONE, PT_C, 6000],
];

// G2 generator and its negation (x_im, x_re, y_im, y_re).
const G2_GEN =
  "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
const G2_NEG =
  "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d";
const TRUE = `${"0".repeat(63)}1`;
const FALSE = "0".repeat(64);

const PAIRING: Vector[] = [
  [
    "jeff1",
    "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411" +
      G2_GEN,
    TRUE,
    113000,
  ],
  [
    "jeff2",
    "2eca0c7238bf16e83e7a1e6c5d49540685ff51380f309842a98561558019fc0203d3260361bb8451de5ff5ecd17f010ff22f5c31cdf184e9020b06fa5997db841213d2149b006137fcfb23036606f848d638d576a120ca981b5b1a5f9300b3ee2276cf730cf493cd95d64677bbb75fc42db72513a4c1e387b476d056f80aa75f21ee6226d31426322afcda621464d0611d226783262e21bb3bc86b537e986237096df1f82dff337dd5972e32a8ad43e28a78a96a823ef1cd4debe12b6552ea5f06967a1237ebfeca9aaae0d6d0bab8e28c198c5a339ef8a2407e31cdac516db922160fa257a5fd5b280642ff47b65eca77e626cb685c84fa6d3b6882a283ddd1" +
      G2_GEN,
    TRUE,
    113000,
  ],
  [
    "jeff6",
    "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936" +
      G2_GEN,
    FALSE,
    113000,
  ],
  ["empty_data", "", TRUE, 45000],
  ["one_point", G1_GEN + G2_GEN, FALSE, 79000],
  ["two_point_match_2", G1_GEN + G2_GEN + G1_GEN + G2_NEG, TRUE, 113000],
  [
    "two_point_match_3",
    `${G1_GEN}203e205db4f19b37b60121b83a7333706db86431c6d835849957ed8c3928ad7927dc7234fd11d3e8c36c59277c3e6f149d5cd3cfa9a62aee49f8130962b4b3b9195e8aa5b7827463722b8c153931579d3505566b4edf48d498e185f0509de15204bb53b8977e5f92a0bc372742c4830944a59b4fe6b1c0466e2a6dad122b5d2e030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd31a76dae6d3272396d0cbe61fced2bc532edac647851e3ac53ce1cc9c7e645a83${G2_GEN}`,
    TRUE,
    113000,
  ],
  [
    "two_point_match_4",
    "105456a333e6d636854f987ea7bb713dfd0ae8371a72aea313ae0c32c0bf10160cf031d41b41557f3e7e3ba0c51bebe5da8e6ecd855ec50fc87efcdeac168bcc0476be093a6d2b4bbf907172049874af11e1b6267606e00804d3ff0037ec57fd3010c68cb50161b7d1d96bb71edfec9880171954e56871abf3d93cc94d745fa114c059d74e5b6c4ec14ae5864ebe23a71781d86c29fb8fb6cce94f70d3de7a2101b33461f39d9e887dbb100f170a2345dde3c07e256d1dfa2b657ba5cd030427" +
      G1_GEN +
      "1a2c3013d2ea92e13c800cde68ef56a294b883f6ac35d25f587c09b1b3c635f7290158a80cd3d66530f74dc94c94adb88f5cdb481acca997b6e60071f08a115f2f997f3dbd66a7afe07fe7862ce239edba9e05c5afff7f8a1259c9733b2dfbb929d1691530ca701b4a106054688728c9972c8512e9789e9567aae23e302ccd75",
    TRUE,
    113000,
  ],
];

describe("bn254 precompiles (Istanbul prices)", () => {
  const add = bn254Add(BN254_PRICES_ISTANBUL);
  const mul = bn254Mul(BN254_PRICES_ISTANBUL);
  const pairing = bn254Pairing(BN254_PRICES_ISTANBUL);

  test("ECADD go-ethereum vectors", () => {
    console.log(`bn254 add vectors passed: ${check(add, ADD)}`);
  });

  test("ECMUL go-ethereum vectors", () => {
    console.log(`bn254 mul vectors passed: ${check(mul, MUL)}`);
  });

  test("ECPAIRING go-ethereum vectors", () => {
    console.log(`bn254 pairing vectors passed: ${check(pairing, PAIRING)}`);
  });

  test("coordinates at or above the field modulus fail", () => {
    assert.equal(add.run(hex(P + Z32 + Z32 + Z32)), undefined);
    assert.equal(add.run(hex(Z32 + P + Z32 + Z32)), undefined);
    assert.equal(mul.run(hex(P + Z32 + ONE)), undefined);
    assert.equal(pairing.run(hex(P + Z32 + G2_GEN)), undefined);
  });

  test("points off the curve fail", () => {
    const offCurve = `${ONE}${"0".repeat(63)}3`; // (1, 3): 9 != 1 + 3
    assert.equal(add.run(hex(offCurve + G1_GEN)), undefined);
    assert.equal(mul.run(hex(offCurve + ONE)), undefined);
    // G2 generator with one coordinate changed is no longer on the twist.
    const badG2 = `${G2_GEN.slice(0, 255)}b`;
    assert.equal(pairing.run(hex(G1_GEN + badG2)), undefined);
  });

  test("a G2 point on the twist but outside the order-r subgroup fails the pairing", () => {
    // Find a twist point by increasing x until x^3 + b' is a square, via the on-curve decoder's
    // own rule; the twist's cofactor is large, so such a point is almost surely not in G2.
    const Fp2 = bn254.fields.Fp2;
    const B2 = bn254.G2.Point.CURVE().b;
    for (let i = 1n; i < 50n; i++) {
      const x = Fp2.fromBigTuple([i, 1n]);
      const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2);
      let y: ReturnType<typeof Fp2.fromBigTuple>;
      try {
        y = Fp2.sqrt(rhs);
      } catch {
        continue;
      }
      const point = bn254.G2.Point.fromAffine({ x, y });
      if (point.isTorsionFree()) continue;
      const w = (v: bigint): string => v.toString(16).padStart(64, "0");
      const encoded = w(x.c1) + w(x.c0) + w(y.c1) + w(y.c0);
      assert.equal(pairing.run(hex(G1_GEN + encoded)), undefined);
      return;
    }
    assert.fail("no non-subgroup twist point found");
  });

  test("pairing input length must be a multiple of 192", () => {
    assert.equal(pairing.run(hex(`${G1_GEN}${G2_GEN}00`)), undefined);
    assert.equal(pairing.run(hex(G1_GEN)), undefined);
  });

  test("the point at infinity in a pair contributes the identity", () => {
    assert.equal(toHex(pairing.run(hex(Z32 + Z32 + G2_GEN))), TRUE);
    assert.equal(toHex(pairing.run(hex(G1_GEN + "0".repeat(256)))), TRUE);
  });

  test("Byzantium prices (EIP-196/197) versus Istanbul (EIP-1108)", () => {
    const input = hex(G1_GEN + G2_GEN);
    assert.equal(bn254Add(BN254_PRICES_BYZANTIUM).gas(new Uint8Array(0)), 500n);
    assert.equal(bn254Mul(BN254_PRICES_BYZANTIUM).gas(new Uint8Array(0)), 40000n);
    assert.equal(bn254Pairing(BN254_PRICES_BYZANTIUM).gas(input), 180000n);
    assert.equal(bn254Pairing(BN254_PRICES_BYZANTIUM).gas(new Uint8Array(0)), 100000n);
    assert.equal(pairing.gas(input), 79000n);
  });
});
