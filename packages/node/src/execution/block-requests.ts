/**
 * execution/block-requests: the execution-layer requests of a Prague block (EIP-7685), in type
 * order:
 *
 *   0x00 deposits (EIP-6110): read from the DepositEvent logs of the deposit contract in the
 *        block's receipts; each contributes pubkey (48) || withdrawal credentials (32) ||
 *        amount (8) || signature (96) || index (8), the fields copied as the event ABI-encodes
 *        them (amount and index already little-endian);
 *   0x01 withdrawal requests (EIP-7002) and 0x02 consolidation requests (EIP-7251): the output
 *        of their system calls (block-system-calls.ts).
 *
 * A deposit log whose data is not exactly the ABI layout of DepositEvent(bytes,bytes,bytes,
 * bytes,bytes) makes the block invalid (INVALID_DEPOSIT_EVENT_LAYOUT), as the execution specs
 * require.
 */
import { type Address, addressFromHex, bytesToBigint, concatBytes, equalBytes, hexToBytes } from "../primitives/index.js";
import { CONSOLIDATION_REQUEST_TYPE, DEPOSIT_REQUEST_TYPE, type Log, WITHDRAWAL_REQUEST_TYPE } from "../types/index.js";
import { BlockValidationError } from "./block-error.js";

/** The mainnet deposit contract, the default when a chain spec names none. */
export const MAINNET_DEPOSIT_CONTRACT_ADDRESS: Address = addressFromHex("0x00000000219ab540356cbb839cbe05303d7705fa");
/** keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)") */
export const DEPOSIT_EVENT_SIGNATURE_HASH = hexToBytes("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");

/** The event's five byte strings: the head of offsets, then each as length word + padded data. */
const DEPOSIT_EVENT_LENGTH = 576;
const FIELDS: readonly { name: string; offset: number; size: number }[] = [
  { name: "pubkey", offset: 160, size: 48 },
  { name: "withdrawal credentials", offset: 256, size: 32 },
  { name: "amount", offset: 320, size: 8 },
  { name: "signature", offset: 384, size: 96 },
  { name: "index", offset: 512, size: 8 },
];

function word(data: Uint8Array, at: number): bigint {
  return bytesToBigint(data.subarray(at, at + 32));
}

/** The deposit request data of one DepositEvent log's data; throws on any other layout. */
export function depositRequestData(data: Uint8Array): Uint8Array {
  if (data.length !== DEPOSIT_EVENT_LENGTH)
    throw new BlockValidationError(
      "INVALID_DEPOSIT_EVENT_LAYOUT",
      `deposit event data is ${data.length} bytes, not ${DEPOSIT_EVENT_LENGTH}`,
    );
  const parts: Uint8Array[] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const f = FIELDS[i]!;
    if (word(data, i * 32) !== BigInt(f.offset))
      throw new BlockValidationError("INVALID_DEPOSIT_EVENT_LAYOUT", `deposit event ${f.name} offset is not ${f.offset}`);
    if (word(data, f.offset) !== BigInt(f.size))
      throw new BlockValidationError("INVALID_DEPOSIT_EVENT_LAYOUT", `deposit event ${f.name} is not ${f.size} bytes`);
    parts.push(data.subarray(f.offset + 32, f.offset + 32 + f.size));
  }
  return concatBytes(...parts);
}

/** The concatenated deposit requests of a block's logs, in log order. */
export function depositRequests(logs: Iterable<Log>, depositContract: Address): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const log of logs) {
    if (!equalBytes(log.address, depositContract)) continue;
    const topic = log.topics[0];
    if (topic === undefined || !equalBytes(topic, DEPOSIT_EVENT_SIGNATURE_HASH)) continue;
    parts.push(depositRequestData(log.data));
  }
  return concatBytes(...parts);
}

/** The EIP-7685 request list: each type byte followed by its data (empty data is kept here; the hash skips it). */
export function blockRequests(deposits: Uint8Array, withdrawals: Uint8Array, consolidations: Uint8Array): Uint8Array[] {
  return [
    concatBytes(Uint8Array.of(DEPOSIT_REQUEST_TYPE), deposits),
    concatBytes(Uint8Array.of(WITHDRAWAL_REQUEST_TYPE), withdrawals),
    concatBytes(Uint8Array.of(CONSOLIDATION_REQUEST_TYPE), consolidations),
  ];
}
