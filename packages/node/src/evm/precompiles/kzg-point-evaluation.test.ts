/**
 * 0x0a point evaluation (EIP-4844). Vectors:
 *   - go-ethereum core/vm/testdata/precompiles/pointEvaluation.json ("pointEvaluation1");
 *   - c-kzg-4844 tests/verify_kzg_proof/kzg-mainnet/* (commitment, z, y, proof, expected result),
 *     turned into precompile inputs by prefixing the versioned hash of the commitment;
 *   - one proof computed with the c-kzg 4.1.0 npm package (computeKzgProof on a random blob),
 *     checked here as an independent implementation's output.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sha256 } from "../../crypto/index.js";
import { Fp, G1 } from "./bls12381-codec.js";
import { BLS_MODULUS, decodeCompressedG1, type KzgBackend, kzgBackend, pointEvaluation, setKzgBackend } from "./kzg-point-evaluation.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/^0x/, ""), "hex"));
const toHex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString("hex"));
const SUCCESS = `${"0".repeat(60)}1000${BLS_MODULUS.toString(16)}`;

function versionedHash(commitment: Uint8Array): Uint8Array {
  const h = sha256(commitment);
  h[0] = 0x01;
  return h;
}

function precompileInput(commitment: string, z: string, y: string, proof: string): Uint8Array {
  const c = hex(commitment);
  return hex(toHex(versionedHash(c))! + z.replace(/^0x/, "") + y.replace(/^0x/, "") + toHex(c)! + proof.replace(/^0x/, ""));
}

const INF = `c0${"0".repeat(94)}`;
const G1_GEN_COMPRESSED = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
const w = (n: number): string => n.toString(16).padStart(64, "0");

// [case, commitment, z, y, proof, verifies]
const CKZG: [string, string, string, string, string, boolean][] = [
  ["correct_proof_0_1", INF, w(1), w(0), INF, true],
  ["correct_proof_point_at_infinity_for_zero_poly_2", INF, w(2), w(0), INF, true],
  [
    "correct_proof_3_5",
    "b49d88afcd7f6c61a8ea69eff5f609d2432b47e7e4cd50b02cdddb4e0c1460517e8df02e4e64dc55e3d8ca192d57193a",
    "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306",
    "6c28d6edfea2f5e1638cb1a8be8197549d52e133fa9dae87e52abb45f7b192dd",
    "8a46b67dcba4e3aa66f9952be69e1ecbc24e21d42b1df2bfe1c8e28431c6221a3f1d09808042f5624e857710cb24fb69",
    true,
  ],
  [
    "correct_proof_31ebd010e6098750",
    "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7",
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000",
    "1522a4a7f34e1ea350ae07c29c96c7e79655aa926122e95fe69fcbd932ca49e9",
    "a62ad71d14c5719385c0686f1871430475bf3a00f0aa3f7b8dd99a9abc2160744faf0070725e00b60ad9a026a15b1a8c",
    true,
  ],
  [
    "correct_proof_point_at_infinity_for_twos_poly_0",
    "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e",
    w(0),
    w(2),
    INF,
    true,
  ],
  ["incorrect_proof_0_1", INF, w(1), w(0), G1_GEN_COMPRESSED, false],
  [
    "incorrect_proof_3208425794224c3f",
    INF,
    "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306",
    w(0),
    G1_GEN_COMPRESSED,
    false,
  ],
];

for (const backend of ["native", "js"] as KzgBackend[]) {
  describe(`point evaluation (0x0a), ${backend} backend`, () => {
    const previous = kzgBackend();
    const available = setKzgBackend(backend);
    setKzgBackend(previous);
    before(() => {
      if (available) setKzgBackend(backend);
      else console.log(`skipped: KZG ${backend} backend not available`);
    });
    after(() => setKzgBackend(previous));
    test("go-ethereum vector pointEvaluation1", () => {
      const input = hex(
        "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a",
      );
      assert.equal(pointEvaluation.gas(input), 50000n);
      assert.equal(toHex(pointEvaluation.run(input)), SUCCESS);
    });

    test("c-kzg-4844 verify_kzg_proof vectors", () => {
      for (const [name, c, z, y, proof, ok] of CKZG) {
        assert.equal(toHex(pointEvaluation.run(precompileInput(c, z, y, proof))), ok ? SUCCESS : undefined, name);
      }
      console.log(`kzg verify_kzg_proof vectors passed: ${CKZG.length}`);
    });

    test("proof computed by c-kzg over a random blob", () => {
      const input = hex(
        "016596d0a984908c8f548eba6a25a4ae81598cc35da179d65b2895526fca46e25e544dc937e252c7196c071bb0d757c32da9eff2c5bb5a80c0dd4d9db73ac7535aafc7c27ca1864ecf182c55fa5c742cb7ebba0d523bc4c2f771f57f1e24df648c69d6fb5f749be2033e41166ecc13d912c6ddee988ef2899d35d1d96a87ead42cc1c8f6c7327d5e1e769b7d1efe60e8b32acacb3b50c37b408bbb0e6a94ec05a60a09d29c09d572715925e47039feca4f04e1167f89ce6afc040448deb92f0e",
      );
      assert.equal(toHex(pointEvaluation.run(input)), SUCCESS);
      // Any other y fails.
      const tampered = input.slice();
      tampered[95]! ^= 1;
      assert.equal(pointEvaluation.run(tampered), undefined);
    });

    test("versioned hash must be 0x01 || sha256(commitment)[1:]", () => {
      const good = precompileInput(INF, w(1), w(0), INF);
      assert.equal(toHex(pointEvaluation.run(good)), SUCCESS);
      const badVersion = good.slice();
      badVersion[0] = 0x02;
      assert.equal(pointEvaluation.run(badVersion), undefined);
      const badHash = good.slice();
      badHash[31]! ^= 0x80;
      assert.equal(pointEvaluation.run(badHash), undefined);
    });

    test("z and y must be below BLS_MODULUS; input must be exactly 192 bytes", () => {
      const modulus = BLS_MODULUS.toString(16).padStart(64, "0");
      assert.equal(pointEvaluation.run(precompileInput(INF, modulus, w(0), INF)), undefined);
      assert.equal(pointEvaluation.run(precompileInput(INF, w(1), modulus, INF)), undefined);
      const good = precompileInput(INF, w(1), w(0), INF);
      assert.equal(pointEvaluation.run(good.subarray(0, 191)), undefined);
      assert.equal(pointEvaluation.run(hex(`${toHex(good)}00`)), undefined);
      assert.equal(pointEvaluation.run(new Uint8Array(0)), undefined);
    });

    test("c-kzg invalid encodings are rejected (invalid_commitment_2, invalid_proof_2)", () => {
      const invalid = "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
      assert.equal(decodeCompressedG1(hex(invalid)), undefined);
      const y = "1824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffffffe";
      const commitment = "a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9d06";
      assert.ok(decodeCompressedG1(hex(commitment)));
      assert.equal(pointEvaluation.run(precompileInput(commitment, w(1), y, invalid)), undefined);
      assert.equal(pointEvaluation.run(precompileInput(invalid, w(1), y, G1_GEN_COMPRESSED)), undefined);
      // Wrong lengths (invalid_commitment_0 is 47 bytes, invalid_proof_1 is 49).
      assert.equal(decodeCompressedG1(hex(G1_GEN_COMPRESSED.slice(0, 94))), undefined);
      assert.equal(decodeCompressedG1(hex(`${G1_GEN_COMPRESSED}00`)), undefined);
    });

    test("compressed G1 decoding follows the ZCash flags and KeyValidate", () => {
      assert.ok(decodeCompressedG1(hex(G1_GEN_COMPRESSED))!.equals(G1.BASE));
      // The same x with the sort bit flipped is the negated generator.
      const flipped = hex(G1_GEN_COMPRESSED);
      flipped[0]! ^= 0x20;
      assert.ok(decodeCompressedG1(flipped)!.equals(G1.BASE.negate()));
      // Compression flag missing.
      const uncompressedFlag = hex(G1_GEN_COMPRESSED);
      uncompressedFlag[0]! &= 0x7f;
      assert.equal(decodeCompressedG1(uncompressedFlag), undefined);
      // Infinity: exactly 0xc0 then zeros; sort bit or any payload bit set is non-canonical.
      assert.ok(decodeCompressedG1(hex(INF))!.is0());
      assert.equal(decodeCompressedG1(hex(`e0${"0".repeat(94)}`)), undefined);
      assert.equal(decodeCompressedG1(hex(`c0${"0".repeat(93)}1`)), undefined);
      // x = p (field modulus) with the compression flag: not a canonical field element.
      const p = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
      const xIsP = hex(p);
      xIsP[0]! |= 0x80;
      assert.equal(decodeCompressedG1(xIsP), undefined);
      // A point on the curve outside the order-q subgroup (G1's cofactor is large, so a small x on
      // the curve is almost surely such a point) fails KeyValidate.
      let found = false;
      for (let x = 1n; x < 100n && !found; x++) {
        const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
        if (Fp.pow(rhs, (Fp.ORDER - 1n) / 2n) !== 1n) continue;
        if (G1.fromAffine({ x, y: Fp.sqrt(rhs) }).isTorsionFree()) continue;
        const enc = hex(x.toString(16).padStart(96, "0"));
        enc[0]! |= 0x80;
        assert.equal(decodeCompressedG1(enc), undefined, `x = ${x}`);
        enc[0]! |= 0x20;
        assert.equal(decodeCompressedG1(enc), undefined, `x = ${x}, other root`);
        found = true;
      }
      assert.ok(found);
    });
  });
}
