/**
 * BLS12-381 precompiles 0x0b-0x11 (EIP-2537, Prague). Vectors from go-ethereum
 * core/vm/testdata/precompiles/: blsG1Add.json, blsG2Add.json, blsG1MultiExp.json,
 * blsPairing.json, blsMapG1.json, blsMapG2.json (outputs; gas is checked against the final
 * EIP-2537 schedule, since some of those files predate it). Failure cases follow the EIP's
 * error lists.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BLS_Q, Fp, Fp2, G1, G2 } from "./bls12381-codec.js";
import { bls12G1Add } from "./bls12381-g1add.js";
import { bls12G1Msm } from "./bls12381-g1msm.js";
import { bls12G2Add } from "./bls12381-g2add.js";
import { bls12G2Msm } from "./bls12381-g2msm.js";
import { bls12MapFpToG1 } from "./bls12381-map-g1.js";
import { bls12MapFp2ToG2 } from "./bls12381-map-g2.js";
import { bls12PairingCheck } from "./bls12381-pairing.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString("hex"));
const fp = (s: string): string => s.padStart(128, "0"); // 64-byte field element from up to 48 bytes of hex
const scalar = (v: bigint): string => v.toString(16).padStart(64, "0");
const TRUE = `${"0".repeat(63)}1`;
const FALSE = "0".repeat(64);
const INF1 = "0".repeat(256);
const INF2 = "0".repeat(512);

const G1_GEN =
  fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb") +
  fp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1");
const G1_2 =
  fp("0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e") +
  fp("166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28");
const G1_3 =
  fp("09ece308f9d1f0131765212deca99697b112d61f9be9a5f1f3780a51335b3ff981747a0b2ca2179b96d2c0c9024e5224") +
  fp("032b80d3a6f5b09f8a84623389c5f80ca69a0cddabc3097f9d9c27310fd43be6e745256c634af45ca3473b0590ae30d1");
const G1_5 =
  fp("10e7791fb972fe014159aa33a98622da3cdc98ff707965e536d8636b5fcc5ac7a91a8c46e59a00dca575af0f18fb13dc") +
  fp("16ba437edcc6551e30c10512367494bfb6b01cc6681e8a4c3cd2501832ab5c4abc40b4578b85cbaffbf0bcd70d67c6e2");
const G1_6 =
  fp("06e82f6da4520f85c5d27d8f329eccfa05944fd1096b20734c894966d12a9e2a9a9744529d7212d33883113a0cadb909") +
  fp("17d81038f7d60bee9110d9c0d6d1102fe2d998c957f28e31ec284cc04134df8e47e8f82ff3af2e60a6d9688a4563477c");

const G2_GEN =
  fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8") +
  fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e") +
  fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801") +
  fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be");
const G2_NEG =
  fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8") +
  fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e") +
  fp("0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa") +
  fp("13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed");
const G2_2 =
  fp("1638533957d540a9d2370f17cc7ed5863bc0b995b8825e0ee1ea1e1e4d00dbae81f14b0bf3611b78c952aacab827a053") +
  fp("0a4edef9c1ed7f729f520e47730a124fd70662a904ba1074728114d1031e1572c6c886f6b57ec72a6178288c47c33577") +
  fp("0468fb440d82b0630aeb8dca2b5256789a66da69bf91009cbfe6bd221e47aa8ae88dece9764bf3bd999d95d71e4c9899") +
  fp("0f6d4552fa65dd2638b361543f887136a43253d9c66c411697003f7a13c308f5422e1aa0a59c8967acdefd8b6e36ccf3");
const G2_3 =
  fp("122915c824a0857e2ee414a3dccb23ae691ae54329781315a0c75df1c04d6d7a50a030fc866f09d516020ef82324afae") +
  fp("09380275bbc8e5dcea7dc4dd7e0550ff2ac480905396eda55062650f8d251c96eb480673937cc6d9d6a44aaa56ca66dc") +
  fp("0b21da7955969e61010c7a1abc1a6f0136961d1e3b20b1a7326ac738fef5c721479dfd948b52fdf2455e44813ecfd892") +
  fp("08f239ba329b3967fe48d718a36cfe5f62a7e42e0bf1c1ed714150a166bfbd6bcf6b3b58b975b9edea56d53f23a0e849");
const G2_5 =
  fp("0411a5de6730ffece671a9f21d65028cc0f1102378de124562cb1ff49db6f004fcd14d683024b0548eff3d1468df2688") +
  fp("00fb837804dba8213329db46608b6c121d973363c1234a86dd183baff112709cf97096c5e9a1a770ee9d7dc641a894d6") +
  fp("19b5e8f5d4a72f2b75811ac084a7f814317360bac52f6aab15eed416b4ef9938e0bdc4865cc2c4d0fd947e7c6925fd14") +
  fp("093567b4228be17ee62d11a254edd041ee4b953bffb8b8c7f925bd6662b4298bac2822b446f5b5de3b893e1be5aa4986");

/** A point on E(Fp) outside the order-q subgroup (encoded), found by trying small x. */
function g1OutsideSubgroup(): string {
  for (let x = 1n; ; x++) {
    const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
    if (Fp.pow(rhs, (Fp.ORDER - 1n) / 2n) !== 1n) continue;
    const y = Fp.sqrt(rhs);
    if (G1.fromAffine({ x, y }).isTorsionFree()) continue;
    return fp(x.toString(16)) + fp(y.toString(16));
  }
}

/** A point on the twist E'(Fp2) outside the order-q subgroup (encoded). */
function g2OutsideSubgroup(): string {
  const b = G2.CURVE().b;
  for (let i = 1n; ; i++) {
    const x = Fp2.fromBigTuple([i, 1n]);
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
    let y: typeof x;
    try {
      y = Fp2.sqrt(rhs);
    } catch {
      continue; // not a square in Fp2
    }
    if (G2.fromAffine({ x, y }).isTorsionFree()) continue;
    return fp(x.c0.toString(16)) + fp(x.c1.toString(16)) + fp(y.c0.toString(16)) + fp(y.c1.toString(16));
  }
}

const P_HEX = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";

describe("BLS12-381 precompiles (EIP-2537)", () => {
  let passed = 0;
  const expectOutput = (out: Uint8Array | undefined, expected: string, name: string): void => {
    assert.equal(toHex(out), expected, name);
    passed++;
  };

  test("G1ADD (0x0b): go-ethereum vectors, gas 375", () => {
    assert.equal(bls12G1Add.gas(new Uint8Array(256)), 375n);
    expectOutput(bls12G1Add.run(hex(G1_GEN + G1_GEN)), G1_2, "g1+g1=2*g1");
    expectOutput(bls12G1Add.run(hex(G1_2 + G1_3)), G1_5, "2*g1+3*g1=5*g1");
    expectOutput(bls12G1Add.run(hex(INF1 + G1_GEN)), G1_GEN, "inf+g1=g1");
    expectOutput(bls12G1Add.run(hex(INF1 + INF1)), INF1, "inf+inf=inf");
    expectOutput(
      bls12G1Add.run(
        hex(
          "0000000000000000000000000000000012196c5a43d69224d8713389285f26b98f86ee910ab3dd668e413738282003cc5b7357af9a7af54bb713d62255e80f560000000000000000000000000000000006ba8102bfbeea4416b710c73e8cce3032c31c6269c44906f8ac4f7874ce99fb17559992486528963884ce429a992fee000000000000000000000000000000000001101098f5c39893765766af4512a0c74e1bb89bc7e6fdf14e3e7337d257cc0f94658179d83320b99f31ff94cd2bac0000000000000000000000000000000003e1a9f9f44ca2cdab4f43a1a3ee3470fdf90b2fc228eb3b709fcd72f014838ac82a6d797aeefed9a0804b22ed1ce8f7",
        ),
      ),
      "000000000000000000000000000000001466e1373ae4a7e7ba885c5f0c3ccfa48cdb50661646ac6b779952f466ac9fc92730dcaed9be831cd1f8c4fefffd5209000000000000000000000000000000000c1fb750d2285d4ca0378e1e8cdbf6044151867c34a711b73ae818aee6dbe9e886f53d7928cc6ed9c851e0422f609b11",
      "matter_g1_add_0",
    );
    // P + (-P) = infinity.
    const negG1 = G1_GEN.slice(0, 128) + fp((Fp.ORDER - BigInt(`0x${G1_GEN.slice(128)}`)).toString(16));
    expectOutput(bls12G1Add.run(hex(G1_GEN + negG1)), INF1, "g1+(-g1)=inf");
  });

  test("G1ADD failures: length, padding, range, curve; no subgroup check", () => {
    assert.equal(bls12G1Add.run(hex(G1_GEN + G1_GEN.slice(2))), undefined, "255 bytes");
    assert.equal(bls12G1Add.run(hex(`${G1_GEN + G1_GEN}00`)), undefined, "257 bytes");
    assert.equal(bls12G1Add.run(new Uint8Array(0)), undefined, "empty");
    const badPadding = `01${G1_GEN.slice(2)}`;
    assert.equal(bls12G1Add.run(hex(badPadding + G1_GEN)), undefined, "non-zero padding");
    assert.equal(bls12G1Add.run(hex(fp(P_HEX) + G1_GEN.slice(128) + G1_GEN)), undefined, "x = p");
    const offCurve = `${G1_GEN.slice(0, 255)}0`;
    assert.equal(bls12G1Add.run(hex(offCurve + G1_GEN)), undefined, "not on curve");
    // Outside the subgroup is fine for addition: P + inf = P.
    const outside = g1OutsideSubgroup();
    assert.equal(toHex(bls12G1Add.run(hex(outside + INF1))), outside);
  });

  test("G1MSM (0x0c): go-ethereum vectors and the discount table", () => {
    const single = `${G1_GEN}${scalar(0x11n)}`;
    assert.equal(bls12G1Msm.gas(hex(single)), 12000n);
    expectOutput(
      bls12G1Msm.run(hex(single)),
      fp("1098f178f84fc753a76bb63709e9be91eec3ff5f7f3a5f4836f34fe8a1a6d6c5578d8fd820573cef3a01e2bfef3eaf3a") +
        fp("0ea923110b733b531006075f796cc9368f2477fe26020f465468efbb380ce1f8eebaf5c770f31d320f9bd378dc758436"),
      "bls_g1multiexp_single",
    );
    const multiple =
      `${G1_GEN}${scalar(0x32n)}` +
      fp("0e12039459c60491672b6a6282355d8765ba6272387fb91a3e9604fa2a81450cf16b870bb446fc3a3e0a187fff6f8945") +
      fp("18b6c1ed9f45d3cbc0b01b9d038dcecacbd702eb26469a0eb3905bd421461712f67f782b4735849644c1772c93fe3d09") +
      scalar(0x33n) +
      fp("147b327c8a15b39634a426af70c062b50632a744eddd41b5a4686414ef4cd9746bb11d0a53c6c2ff21bbcf331e07ac92") +
      fp("078c2e9782fa5d9ab4e728684382717aa2b8fad61b5f5e7cf3baa0bc9465f57342bb7c6d7b232e70eebcdbf70f903a45") +
      scalar(0x34n);
    assert.equal(bls12G1Msm.gas(hex(multiple)), (3n * 12000n * 848n) / 1000n);
    expectOutput(
      bls12G1Msm.run(hex(multiple)),
      fp("1339b4f51923efe38905f590ba2031a2e7154f0adb34a498dfde8fb0f1ccf6862ae5e3070967056385055a666f1b6fc7") +
        fp("09fb423f7e7850ef9c4c11a119bb7161fe1d11ac5527051b29fe8f73ad4262c84c37b0f1b9f0e163a9682c22c7f98c80"),
      "bls_g1multiexp_multiple",
    );
    expectOutput(bls12G1Msm.run(hex(`${G1_GEN}${scalar(2n)}${G1_GEN}${scalar(3n)}`)), G1_5, "2*g1+3*g1");
    expectOutput(bls12G1Msm.run(hex(`${G1_2}${scalar(3n)}`)), G1_6, "3*(2*g1)");
    // Scalars are not reduced by the caller: q + 5 acts as 5, 2^256 - 1 is accepted.
    expectOutput(bls12G1Msm.run(hex(`${G1_GEN}${scalar(BLS_Q + 5n)}`)), G1_5, "(q+5)*g1");
    assert.equal(bls12G1Msm.run(hex(`${G1_GEN}${"f".repeat(64)}`))!.length, 128);
    expectOutput(bls12G1Msm.run(hex(`${G1_GEN}${scalar(0n)}`)), INF1, "0*g1");
    expectOutput(bls12G1Msm.run(hex(`${G1_GEN}${scalar(BLS_Q)}`)), INF1, "q*g1");
    expectOutput(bls12G1Msm.run(hex(`${INF1}${scalar(7n)}`)), INF1, "7*inf");
    // Gas: k * 12000 * discount(k) / 1000; past 128 pairs the last discount (519) applies.
    const k = (n: number): Uint8Array => new Uint8Array(160 * n);
    assert.deepEqual(
      [1, 2, 128, 129, 200].map((n) => bls12G1Msm.gas(k(n))),
      [12000n, 22776n, (128n * 12000n * 519n) / 1000n, (129n * 12000n * 519n) / 1000n, (200n * 12000n * 519n) / 1000n],
    );
  });

  test("G1MSM failures: empty, length, subgroup", () => {
    assert.equal(bls12G1Msm.run(new Uint8Array(0)), undefined, "empty");
    assert.equal(bls12G1Msm.run(hex(`${G1_GEN}${scalar(1n)}00`)), undefined, "161 bytes");
    assert.equal(bls12G1Msm.run(hex(`${g1OutsideSubgroup()}${scalar(1n)}`)), undefined, "outside subgroup");
    assert.equal(bls12G1Msm.run(hex(`${g1OutsideSubgroup()}${scalar(0n)}`)), undefined, "outside subgroup, zero scalar");
    assert.equal(bls12G1Msm.run(hex(`${fp(P_HEX)}${G1_GEN.slice(128)}${scalar(1n)}`)), undefined, "x = p");
  });

  test("G2ADD (0x0d): go-ethereum vectors, gas 600", () => {
    assert.equal(bls12G2Add.gas(new Uint8Array(512)), 600n);
    expectOutput(bls12G2Add.run(hex(G2_GEN + G2_GEN)), G2_2, "g2+g2=2*g2");
    expectOutput(bls12G2Add.run(hex(G2_2 + G2_3)), G2_5, "2*g2+3*g2=5*g2");
    expectOutput(bls12G2Add.run(hex(G2_GEN + INF2)), G2_GEN, "g2+inf=g2");
    expectOutput(bls12G2Add.run(hex(INF2 + INF2)), INF2, "inf+inf=inf");
    expectOutput(bls12G2Add.run(hex(G2_GEN + G2_NEG)), INF2, "g2+(-g2)=inf");
    expectOutput(
      bls12G2Add.run(
        hex(
          "00000000000000000000000000000000039b10ccd664da6f273ea134bb55ee48f09ba585a7e2bb95b5aec610631ac49810d5d616f67ba0147e6d1be476ea220e0000000000000000000000000000000000fbcdff4e48e07d1f73ec42fe7eb026f5c30407cfd2f22bbbfe5b2a09e8a7bb4884178cb6afd1c95f80e646929d30040000000000000000000000000000000001ed3b0e71acb0adbf44643374edbf4405af87cfc0507db7e8978889c6c3afbe9754d1182e98ac3060d64994d31ef576000000000000000000000000000000001681a2bf65b83be5a2ca50430949b6e2a099977482e9405b593f34d2ed877a3f0d1bddc37d0cec4d59d7df74b2b8f2df0000000000000000000000000000000017c9fcf0504e62d3553b2f089b64574150aa5117bd3d2e89a8c1ed59bb7f70fb83215975ef31976e757abf60a75a1d9f0000000000000000000000000000000008f5a53d704298fe0cfc955e020442874fe87d5c729c7126abbdcbed355eef6c8f07277bee6d49d56c4ebaf334848624000000000000000000000000000000001302dcc50c6ce4c28086f8e1b43f9f65543cf598be440123816765ab6bc93f62bceda80045fbcad8598d4f32d03ee8fa000000000000000000000000000000000bbb4eb37628d60b035a3e0c45c0ea8c4abef5a6ddc5625e0560097ef9caab208221062e81cd77ef72162923a1906a40",
        ),
      ),
      "000000000000000000000000000000000a9b880c2c13da05bdeda62ea8f61e5fc2bf0b7aa5cc31eaf512bef7c5073d9e9927084b512e818dbf05eab697ba0661000000000000000000000000000000000b963b527aa3ec36813b108f2294115f732c878ac28551b5490615b436406773b5bb6a3f002be0e54db0bcebe40cb2e2000000000000000000000000000000000bd6e9060b42e36b57d88bc95b8b993da2d9d5acd95b73bad0509c2324212bcf7a94a46901932c0750535d00008a34f7000000000000000000000000000000000a374afd32bc3bb20c22a8864ce0dafe298bda17260b9d1d598a80830400c3fd4e8a8f677630eae5d4aa0a76a434e0ba",
      "matter_g2_add_0",
    );
  });

  test("G2ADD failures: length, padding, range, curve; no subgroup check", () => {
    assert.equal(bls12G2Add.run(hex(G2_GEN + G2_GEN.slice(2))), undefined, "511 bytes");
    assert.equal(bls12G2Add.run(hex(`01${G2_GEN.slice(2)}${G2_GEN}`)), undefined, "non-zero padding");
    assert.equal(bls12G2Add.run(hex(fp(P_HEX) + G2_GEN.slice(128) + G2_GEN)), undefined, "x.c0 = p");
    assert.equal(bls12G2Add.run(hex(`${G2_GEN.slice(0, 511)}0${G2_GEN}`)), undefined, "not on curve");
    const outside = g2OutsideSubgroup();
    assert.equal(toHex(bls12G2Add.run(hex(outside + INF2))), outside);
  });

  test("G2MSM (0x0e): consistency with the G2ADD vectors and the discount table", () => {
    assert.equal(bls12G2Msm.gas(hex(`${G2_GEN}${scalar(2n)}`)), 22500n);
    expectOutput(bls12G2Msm.run(hex(`${G2_GEN}${scalar(2n)}`)), G2_2, "2*g2");
    expectOutput(bls12G2Msm.run(hex(`${G2_GEN}${scalar(5n)}`)), G2_5, "5*g2");
    expectOutput(bls12G2Msm.run(hex(`${G2_2}${scalar(1n)}${G2_3}${scalar(1n)}`)), G2_5, "2*g2+3*g2");
    expectOutput(
      bls12G2Msm.run(hex(`${G2_GEN}${scalar(BLS_Q + 2n)}${INF2}${scalar(9n)}${G2_3}${scalar(1n)}`)),
      G2_5,
      "(q+2)*g2+9*inf+3*g2",
    );
    expectOutput(bls12G2Msm.run(hex(`${G2_GEN}${scalar(0n)}`)), INF2, "0*g2");
    const k = (n: number): Uint8Array => new Uint8Array(288 * n);
    assert.deepEqual(
      [1, 2, 3, 128, 300].map((n) => bls12G2Msm.gas(k(n))),
      [22500n, 45000n, (3n * 22500n * 923n) / 1000n, (128n * 22500n * 524n) / 1000n, (300n * 22500n * 524n) / 1000n],
    );
  });

  test("G2MSM failures: empty, length, subgroup", () => {
    assert.equal(bls12G2Msm.run(new Uint8Array(0)), undefined);
    assert.equal(bls12G2Msm.run(hex(`${G2_GEN}${scalar(1n)}00`)), undefined);
    assert.equal(bls12G2Msm.run(hex(`${g2OutsideSubgroup()}${scalar(1n)}`)), undefined);
  });

  test("PAIRING_CHECK (0x0f): go-ethereum vectors, gas 32600k + 37700", () => {
    const pairTrue = hex(G1_2 + G2_3 + G1_6 + G2_NEG);
    assert.equal(bls12PairingCheck.gas(pairTrue), 102900n);
    expectOutput(bls12PairingCheck.run(pairTrue), TRUE, "e(2*G1,3*G2)=e(6*G1,G2)");
    expectOutput(bls12PairingCheck.run(hex(G1_2 + G2_3 + G1_5 + G2_NEG)), FALSE, "e(2*G1,3*G2)=e(5*G1,G2)");
    expectOutput(bls12PairingCheck.run(hex(G1_GEN + G2_GEN)), FALSE, "e(G1,G2) != 1");
    expectOutput(bls12PairingCheck.run(hex(INF1 + G2_GEN)), TRUE, "e(inf,G2) = 1");
    expectOutput(bls12PairingCheck.run(hex(G1_GEN + INF2 + G1_2 + G2_3 + G1_6 + G2_NEG)), TRUE, "infinity pair skipped");
  });

  test("PAIRING_CHECK failures: empty, length, subgroup of either point", () => {
    assert.equal(bls12PairingCheck.run(new Uint8Array(0)), undefined);
    assert.equal(bls12PairingCheck.run(hex(`${G1_GEN}${G2_GEN}00`)), undefined);
    assert.equal(bls12PairingCheck.run(hex(g1OutsideSubgroup() + G2_GEN)), undefined);
    assert.equal(bls12PairingCheck.run(hex(G1_GEN + g2OutsideSubgroup())), undefined);
    // Even paired with infinity, a point outside the subgroup is an error.
    assert.equal(bls12PairingCheck.run(hex(g1OutsideSubgroup() + INF2)), undefined);
  });

  test("MAP_FP_TO_G1 (0x10): go-ethereum vectors, gas 5500", () => {
    const vectors: [string, string][] = [
      [
        "14406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350",
        "0d7721bcdb7ce1047557776eb2659a444166dc6dd55c7ca6e240e21ae9aa18f529f04ac31d861b54faf3307692545db7" +
          "108286acbdf4384f67659a8abe89e712a504cb3ce1cba07a716869025d60d499a00d1da8cdc92958918c222ea93d87f0",
      ],
      [
        "0e885bb33996e12f07da69073e2c0cc880bc8eff26d2a724299eb12d54f4bcf26f4748bb020e80a7e3794a7b0e47a641",
        "191ba6e4c4dafa22c03d41b050fe8782629337641be21e0397dc2553eb8588318a21d30647182782dee7f62a22fd020c" +
          "0a721510a67277eabed3f153bd91df0074e1cbd37ef65b85226b1ce4fb5346d943cf21c388f0c5edbc753888254c760a",
      ],
      [
        "0ba1b6d79150bdc368a14157ebfe8b5f691cf657a6bbe30e79b6654691136577d2ef1b36bfb232e3336e7e4c9352a8ed",
        "1658c31c0db44b5f029dba56786776358f184341458577b94d3a53c877af84ffbb1a13cc47d228a76abb4b6791299185" +
          "18cf1f27eab0a1a66f28a227bd624b7d1286af8f85562c3f03950879dd3b8b4b72e74b034223c6fd93de7cd1ade367cb",
      ],
      [
        "10468e5421a72ec85b63f7f3070a949223105763868111424fd151c8365eb0307dbc9cbc92e5dfb296d06ddfb58d9900",
        "1800b9766f3e621ad7a8d1870ce16c8cd054c87d7fb100120a38c3368cf1879859645874b23297957fef6cd8f9112bf8" +
          "091a8b69a1f4eb883a25af2a3a0d1e384ef7a9ba4e8ff8811ad356781c79f631ea20fcd0590e94b9c1841e6add2b848b",
      ],
    ];
    for (const [u, point] of vectors) {
      assert.equal(bls12MapFpToG1.gas(hex(fp(u))), 5500n);
      expectOutput(bls12MapFpToG1.run(hex(fp(u))), fp(point.slice(0, 96)) + fp(point.slice(96)), `map ${u.slice(0, 8)}`);
    }
  });

  test("MAP_FP2_TO_G2 (0x11): go-ethereum vectors, gas 23800", () => {
    const vectors: [string, string, string][] = [
      [
        "14406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350",
        "0e885bb33996e12f07da69073e2c0cc880bc8eff26d2a724299eb12d54f4bcf26f4748bb020e80a7e3794a7b0e47a641",
        "0d029393d3a13ff5b26fe52bd8953768946c5510f9441f1136f1e938957882db6adbd7504177ee49281ecccba596f2bf" +
          "1993f668fb1ae603aefbb1323000033fcb3b65d8ed3bf09c84c61e27704b745f540299a1872cd697ae45a5afd780f1d6" +
          "079cb41060ef7a128d286c9ef8638689a49ca19da8672ea5c47b6ba6dbde193ee835d3b87a76a689966037c07159c10d" +
          "17c688ae9a8b59a7069c27f2d58dd2196cb414f4fb89da8510518a1142ab19d158badd1c3bad03408fafb1669903cd6c",
      ],
      [
        "0ba1b6d79150bdc368a14157ebfe8b5f691cf657a6bbe30e79b6654691136577d2ef1b36bfb232e3336e7e4c9352a8ed",
        "0f12847f7787f439575031bcdb1f03cfb79f942f3a9709306e4bd5afc73d3f78fd1c1fef913f503c8cbab58453fb7df2",
        "0a2bca68ca23f3f03c678140d87465b5b336dbd50926d1219fcc0def162280765fe1093c117d52483d3d8cdc7ab76529" +
          "0fe83e3a958d6038569da6132bfa19f0e3dae3bee0d8a60e7cc33e4d7084a9e8c32fe31ec6e617277e2e450699eba1f8" +
          "05602683f0ef231cc0b7c8c695765d7933f4efa7503ed9f2aa3c774284eabcdd32fd287b6a3539c9749f2e15b58f5cd5" +
          "00b4f17de0db6e9d081723b613b23864c1eeae91b7cbda40ecd24823022aee7fc4068adc41947b97e17009fad9d0d4de",
      ],
      [
        "1632336631a3c666159b6e5e1fb62ffa21488e571cffb7bc3d75d55a837f242e789a75f0f583ce2b3a969c64c2b46de2",
        "184f1db9ac0fdd6b5ac0307e203d0b4237a50554eb7af37bb1894d9769609c96c8437e9d6d3679ebd5f979eb04035799",
        "184af3f8a359dd35dddd3dfcc6f5b55ed327907ed573378289209569244e3c9c02bdf278eb567186f8b64de380c11536" +
          "12f5ba8e520c4730ac1fb75dabbfdc0181855e5ba2968a8c0ba36a47ab86ac45d19aa3d55f15a601e120be1f75eefe24" +
          "04e313db704b103c2c1e3a58f8e95a470e7199081eb086e9524583131714c4a3db551fd51a3f2314a19a658e7b176538" +
          "04040eab7416a1703b0d103120506f1de2b26b0f48c7a0ea63dca4d9ad1c478ae03b5d7bfd51f4cd6f8cea26212c4edf",
      ],
    ];
    for (const [c0, c1, point] of vectors) {
      const input = hex(fp(c0) + fp(c1));
      assert.equal(bls12MapFp2ToG2.gas(input), 23800n);
      const expected = [0, 1, 2, 3].map((i) => fp(point.slice(96 * i, 96 * (i + 1)))).join("");
      expectOutput(bls12MapFp2ToG2.run(input), expected, `map2 ${c0.slice(0, 8)}`);
    }
  });

  test("MAP failures: length, padding, value >= p", () => {
    const u = fp("14406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350");
    assert.equal(bls12MapFpToG1.run(hex(u.slice(2))), undefined);
    assert.equal(bls12MapFpToG1.run(hex(`${u}00`)), undefined);
    assert.equal(bls12MapFpToG1.run(hex(`01${u.slice(2)}`)), undefined);
    assert.equal(bls12MapFpToG1.run(hex(fp(P_HEX))), undefined);
    assert.equal(bls12MapFp2ToG2.run(hex(u)), undefined);
    assert.equal(bls12MapFp2ToG2.run(hex(u + fp(P_HEX))), undefined);
    assert.equal(bls12MapFp2ToG2.run(hex(`01${u.slice(2)}${u}`)), undefined);
    // Zero maps to a valid point (no exception path for u = 0).
    assert.equal(bls12MapFpToG1.run(hex(fp("0")))!.length, 128);
    assert.equal(bls12MapFp2ToG2.run(hex(fp("0") + fp("0")))!.length, 256);
  });

  test("count", () => {
    console.log(`bls12-381 vector outputs passed: ${passed}`);
  });
});
