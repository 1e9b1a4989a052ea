import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Address, bytesToBigint, concatBytes, equalBytes, type Hash32, hexToBytes } from "../primitives/index.js";
import type { AccountInit } from "../state/index.js";
import {
  bloomContains,
  EMPTY_REQUESTS_HASH,
  type Header,
  requestsHash,
  type SealedBlock,
  sealHeader,
  type Withdrawal,
} from "../types/index.js";
import { BlockBuilder, type BuiltBlock } from "./block-builder.js";
import { type BlockValidationCode, BlockValidationError } from "./block-error.js";
import { executeBlock } from "./block-executor.js";
import { DEPOSIT_EVENT_SIGNATURE_HASH, depositRequestData, depositRequests, MAINNET_DEPOSIT_CONTRACT_ADDRESS } from "./block-requests.js";
import {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_REQUEST_ADDRESS,
  HISTORY_STORAGE_ADDRESS,
  WITHDRAWAL_REQUEST_ADDRESS,
} from "./block-system-calls.js";
import {
  childAttributes,
  childContext,
  ETHER,
  RECIPIENT,
  requestContracts,
  SENDER,
  STORE_CALLDATA_CODE,
  stateAt,
  type TestChain,
  testChain,
  transfer,
} from "./block-testing.js";

/** PUSH1 0xaa PUSH0 MSTORE PUSH1 32 PUSH0 LOG0 STOP: one log with data 0x..aa. */
const LOGGER = hexToBytes("0x00000000000000000000000000000000000010aa") as Address;
const LOGGER_CODE = hexToBytes("0x60aa5f5260205fa000");
const PAYEE = hexToBytes("0x000000000000000000000000000000000000beef") as Address;
const NOBODY = hexToBytes("0x000000000000000000000000000000000000dead") as Address;

function withdrawal(index: bigint, address: Address, amount: bigint): Withdrawal {
  return { index, validatorIndex: index, address, amount };
}

/** Builds a block on `parent` with `txs` (all must be accepted) and stores its state. */
function build(chain: TestChain, parent = chain.genesis, txs = [transfer(0n, 1000n)], withdrawals: Withdrawal[] = []): BuiltBlock {
  const builder = new BlockBuilder(stateAt(chain, parent), childContext(chain, parent), {
    ...childAttributes(chain, parent),
    withdrawals,
  });
  for (const tx of txs) assert.ok(builder.addTransaction(tx).ok);
  const built = builder.finish();
  chain.nodes.write(built.commit.nodes);
  for (const { hash, code } of built.commit.codes) chain.codes.putCode(hash, code);
  return built;
}

/** Imports `block` on a fresh state at its parent; the executor's result. */
function importBlock(chain: TestChain, block: SealedBlock, parent = chain.genesis): BuiltBlock {
  return executeBlock(stateAt(chain, parent), childContext(chain, parent), block);
}

function rejectsImport(chain: TestChain, block: SealedBlock, code: BlockValidationCode): BlockValidationError {
  let caught: BlockValidationError | undefined;
  assert.throws(
    () => importBlock(chain, block),
    (e: unknown) => {
      caught = e as BlockValidationError;
      return e instanceof BlockValidationError && e.code === code;
    },
    `expected ${code}`,
  );
  return caught!;
}

/** The block with header fields changed (and resealed). */
function tampered(block: SealedBlock, change: Partial<Header>): SealedBlock {
  return { header: sealHeader({ ...block.header.header, ...change }), body: block.body };
}

function cancunChain(): TestChain {
  return testChain("Cancun", [
    [SENDER, { balance: ETHER }],
    [LOGGER, { code: LOGGER_CODE }],
    [BEACON_ROOTS_ADDRESS, { code: STORE_CALLDATA_CODE, nonce: 1n }],
  ]);
}

describe("BlockBuilder and executeBlock (Cancun)", () => {
  const chain = cancunChain();
  const built = build(
    chain,
    chain.genesis,
    [transfer(0n, 1000n), transfer(1n, 0n, { gasLimit: 100_000n, to: LOGGER })],
    [withdrawal(0n, PAYEE, 5n), withdrawal(1n, NOBODY, 0n)],
  );

  test("an imported block gives back the same header: roots, bloom, gas", () => {
    const again = importBlock(chain, built.block);
    assert.ok(equalBytes(again.block.header.hash, built.block.header.hash));
    assert.ok(equalBytes(again.commit.root, built.commit.root));
    const h = built.block.header.header;
    assert.equal(built.receipts.length, 2);
    assert.equal(h.gasUsed, built.receipts[1]!.cumulativeGasUsed);
    assert.ok(bloomContains(h.logsBloom, LOGGER));
    assert.equal(built.receipts[1]!.logs.length, 1);
  });

  test("pre-changes, transactions and withdrawals land in the state", () => {
    const state = stateAt(chain, built.block.header);
    assert.equal(state.getBalance(RECIPIENT), 1000n);
    assert.equal(state.getNonce(SENDER), 2n);
    // EIP-4788: the stand-in beacon roots contract kept its call data, the parent beacon root.
    assert.equal(state.getStorage(BEACON_ROOTS_ADDRESS, 0n), bytesToBigint(built.block.header.header.parentBeaconBlockRoot!));
    // EIP-4895: 5 gwei credited; a zero withdrawal to an absent account leaves nothing (EIP-161).
    assert.equal(state.getBalance(PAYEE), 5n * 10n ** 9n);
    assert.equal(state.exists(NOBODY), false);
  });

  test("a second block on the first follows its base fee and imports", () => {
    const second = build(chain, built.block.header, [transfer(2n, 1n)]);
    const again = importBlock(chain, second.block, built.block.header);
    assert.ok(equalBytes(again.block.header.hash, second.block.header.hash));
    assert.equal(second.block.header.header.number, 2n);
  });

  test("a producer skips a transaction the block may not include", () => {
    const builder = new BlockBuilder(stateAt(chain), childContext(chain), childAttributes(chain));
    const skipped = builder.addTransaction(transfer(5n, 1n));
    assert.equal(skipped.ok, false);
    assert.equal(!skipped.ok && skipped.error.code, "NONCE_MISMATCH_TOO_HIGH");
    assert.ok(builder.addTransaction(transfer(0n, 1n)).ok);
    assert.equal(builder.transactionCount, 1);
    const tooBig = builder.addTransaction(transfer(1n, 1n, { gasLimit: builder.gasLeft + 1n }));
    assert.equal(!tooBig.ok && tooBig.error.code, "GAS_ALLOWANCE_EXCEEDED");
    const block = builder.finish().block;
    assert.equal(block.body.transactions.length, 1);
    importBlock(chain, block);
  });

  test("import rejects every result the header misstates", () => {
    const b = built.block;
    rejectsImport(chain, tampered(b, { stateRoot: new Uint8Array(32) as Hash32 }), "INVALID_STATE_ROOT");
    rejectsImport(chain, tampered(b, { gasUsed: b.header.header.gasUsed + 1n }), "INVALID_GAS_USED");
    rejectsImport(chain, tampered(b, { receiptsRoot: new Uint8Array(32) as Hash32 }), "INVALID_RECEIPTS_ROOT");
    rejectsImport(chain, tampered(b, { logsBloom: new Uint8Array(256) }), "INVALID_LOG_BLOOM");
    rejectsImport(chain, tampered(b, { transactionsRoot: new Uint8Array(32) as Hash32 }), "INVALID_TRANSACTIONS_ROOT");
    rejectsImport(chain, tampered(b, { withdrawalsRoot: new Uint8Array(32) as Hash32 }), "INVALID_WITHDRAWALS_ROOT");
    rejectsImport(chain, tampered(b, { blobGasUsed: 131072n }), "INCORRECT_BLOB_GAS_USED");
    // Extra data is the proposer's to choose: another valid block with the same results.
    const other = tampered(b, { extraData: Uint8Array.of(1) });
    assert.ok(equalBytes(importBlock(chain, other).block.header.hash, other.header.hash));
  });

  test("import rejects a block with a transaction it may not include", () => {
    const b = built.block;
    const body = { ...b.body, transactions: [...b.body.transactions, transfer(9n, 1n)] };
    const e = rejectsImport(chain, { header: b.header, body }, "INVALID_TRANSACTION");
    assert.equal(e.rejection?.index, 2);
    assert.equal(e.exception, "TransactionException.NONCE_MISMATCH_TOO_HIGH");
  });

  test("import rejects ommers after the Merge", () => {
    const b = built.block;
    const body = { ...b.body, ommers: [b.header.header] };
    rejectsImport(chain, { header: b.header, body }, "IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS");
  });
});

/** PUSH2 0xabcd PUSH0 MSTORE PUSH1 2 PUSH1 30 RETURN: returns the two bytes 0xabcd. */
const RETURN_ABCD = hexToBytes("0x61abcd5f526002601ef3");
/** PUSH0 PUSH0 REVERT */
const REVERT = hexToBytes("0x5f5ffd");

describe("BlockBuilder and executeBlock (Prague)", () => {
  function pragueChain(withdrawalCode: Uint8Array, consolidationCode?: Uint8Array): TestChain {
    const accounts: [Address, AccountInit][] = [
      [SENDER, { balance: ETHER }],
      [BEACON_ROOTS_ADDRESS, { code: STORE_CALLDATA_CODE }],
      [HISTORY_STORAGE_ADDRESS, { code: STORE_CALLDATA_CODE }],
      [WITHDRAWAL_REQUEST_ADDRESS, { code: withdrawalCode }],
    ];
    if (consolidationCode !== undefined) accounts.push([CONSOLIDATION_REQUEST_ADDRESS, { code: consolidationCode }]);
    return testChain("Prague", accounts);
  }

  test("requests from the system calls enter the requests hash (EIP-7685), and the block imports", () => {
    const chain = pragueChain(RETURN_ABCD, Uint8Array.of(0));
    const built = build(chain);
    assert.deepEqual(built.requests, [Uint8Array.of(0x00), Uint8Array.of(0x01, 0xab, 0xcd), Uint8Array.of(0x02)]);
    const h = built.block.header.header;
    assert.ok(equalBytes(h.requestsHash!, requestsHash(built.requests)));
    assert.ok(!equalBytes(h.requestsHash!, EMPTY_REQUESTS_HASH));
    const again = importBlock(chain, built.block);
    assert.ok(equalBytes(again.block.header.hash, built.block.header.hash));
    // EIP-2935: the history contract received the parent's hash.
    assert.equal(stateAt(chain, built.block.header).getStorage(HISTORY_STORAGE_ADDRESS, 0n), bytesToBigint(chain.genesis.hash));
    rejectsImport(chain, tampered(built.block, { requestsHash: EMPTY_REQUESTS_HASH }), "INVALID_REQUESTS");
  });

  test("without requests the hash is the empty one", () => {
    const chain = testChain("Prague", [[SENDER, { balance: ETHER }], ...requestContracts()]);
    const built = build(chain);
    assert.ok(equalBytes(built.block.header.header.requestsHash!, EMPTY_REQUESTS_HASH));
  });

  test("a request contract without code or with a failing call makes the block invalid", () => {
    const empty = pragueChain(Uint8Array.of(0));
    assert.throws(
      () => build(empty),
      (e: unknown) => e instanceof BlockValidationError && e.code === "SYSTEM_CONTRACT_EMPTY",
    );
    const failing = pragueChain(REVERT, Uint8Array.of(0));
    assert.throws(
      () => build(failing),
      (e: unknown) => e instanceof BlockValidationError && e.code === "SYSTEM_CONTRACT_CALL_FAILED",
    );
  });
});

/** DepositEvent(bytes pubkey, bytes withdrawal_credentials, bytes amount, bytes signature, bytes index) data. */
function depositEventData(): { data: Uint8Array; request: Uint8Array } {
  const word = (n: number): Uint8Array => {
    const w = new Uint8Array(32);
    w[31] = n & 0xff;
    w[30] = n >> 8;
    return w;
  };
  const padded = (b: Uint8Array): Uint8Array => concatBytes(b, new Uint8Array((32 - (b.length % 32)) % 32));
  const pubkey = new Uint8Array(48).fill(1);
  const credentials = new Uint8Array(32).fill(2);
  const amount = Uint8Array.of(0, 0x59, 0x68, 0x2f, 0, 0, 0, 0);
  const signature = new Uint8Array(96).fill(3);
  const index = Uint8Array.of(7, 0, 0, 0, 0, 0, 0, 0);
  const data = concatBytes(
    word(160),
    word(256),
    word(320),
    word(384),
    word(512),
    word(48),
    padded(pubkey),
    word(32),
    credentials,
    word(8),
    padded(amount),
    word(96),
    signature,
    word(8),
    padded(index),
  );
  return { data, request: concatBytes(pubkey, credentials, amount, signature, index) };
}

describe("EIP-6110 deposit requests", () => {
  test("a DepositEvent's fields are copied in order", () => {
    const { data, request } = depositEventData();
    assert.equal(data.length, 576);
    assert.deepEqual(depositRequestData(data), request);
  });

  test("any other layout is an invalid block", () => {
    const { data } = depositEventData();
    const invalid = (d: Uint8Array): boolean => {
      try {
        depositRequestData(d);
        return false;
      } catch (e) {
        return e instanceof BlockValidationError && e.code === "INVALID_DEPOSIT_EVENT_LAYOUT";
      }
    };
    assert.ok(invalid(data.subarray(0, 575)));
    const badOffset = data.slice();
    badOffset[31] = 161;
    assert.ok(invalid(badOffset));
    const badSize = data.slice();
    badSize[160 + 31] = 47;
    assert.ok(invalid(badSize));
  });

  test("only the deposit contract's DepositEvent logs count", () => {
    const { data, request } = depositEventData();
    const topic = DEPOSIT_EVENT_SIGNATURE_HASH as Hash32;
    const logs = [
      { address: MAINNET_DEPOSIT_CONTRACT_ADDRESS, topics: [topic], data },
      { address: LOGGER, topics: [topic], data },
      { address: MAINNET_DEPOSIT_CONTRACT_ADDRESS, topics: [], data: new Uint8Array(3) },
      { address: MAINNET_DEPOSIT_CONTRACT_ADDRESS, topics: [topic], data },
    ];
    assert.deepEqual(depositRequests(logs, MAINNET_DEPOSIT_CONTRACT_ADDRESS), concatBytes(request, request));
  });
});
