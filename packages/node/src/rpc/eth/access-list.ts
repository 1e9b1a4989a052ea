/**
 * rpc/eth/access-list: eth_createAccessList as go-ethereum's internal/ethapi AccessList builds
 * it: run the message with an access-list tracer, feed the list it saw back in as the
 * message's access list, and repeat until a run touches exactly the list it was given. The
 * tracer (geth's logger.AccessListTracer) records the slots SLOAD and SSTORE use, and the
 * addresses BALANCE, EXTCODESIZE/COPY/HASH, SELFDESTRUCT and the CALL family name, except the
 * sender, the recipient (or the created contract) and the precompiles; slots are kept for every
 * address. The answer is {accessList, gasUsed, error?}, error being the run's VM error; the list
 * is sorted by address and by slot (geth's deterministic order).
 */
import type { Chain } from "../../chain/index.js";
import { createAddress, precompileAddresses, type Tracer, type TraceStep } from "../../evm/index.js";
import { createEngine, type TxOutcome } from "../../execution/index.js";
import { asAddress, asHash32, bigintToFixedBytes, bigintToQuantity, bytesToHex, hexToBytes, ZERO_ADDRESS } from "../../primitives/index.js";
import { type AccessList, type SealedHeader, transactionHash } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import type { MethodRegistry } from "../registry.js";
import { argBlockHeader, argCallArgs } from "./args.js";
import {
  type CallArgs,
  CallPrecheckError,
  callGas,
  checkFeeArgs,
  prepareCall,
  RPC_CALL_TIMEOUT_MS,
  runPrepared,
  withCallTimeout,
} from "./call.js";

const SLOAD = 0x54;
const SSTORE = 0x55;
const BALANCE = 0x31;
const EXTCODESIZE = 0x3b;
const EXTCODECOPY = 0x3c;
const EXTCODEHASH = 0x3f;
const SELFDESTRUCT = 0xff;
const CALL = 0xf1;
const CALLCODE = 0xf2;
const DELEGATECALL = 0xf4;
const STATICCALL = 0xfa;

const MASK160 = (1n << 160n) - 1n;

function addressHex(word: bigint): string {
  return bytesToHex(bigintToFixedBytes(word & MASK160, 20));
}

/** geth's logger.AccessListTracer: address -> slots, with the excluded addresses never added on their own. */
export class AccessListTracer implements Tracer {
  readonly list = new Map<string, Set<string>>();

  constructor(
    initial: AccessList,
    private readonly excluded: ReadonlySet<string>,
  ) {
    for (const e of initial) {
      const a = bytesToHex(e.address);
      if (!excluded.has(a)) this.addAddress(a);
      for (const k of e.storageKeys) this.addSlot(a, bytesToHex(k));
    }
  }

  private addAddress(a: string): void {
    if (!this.list.has(a)) this.list.set(a, new Set());
  }

  private addSlot(a: string, slot: string): void {
    let slots = this.list.get(a);
    if (slots === undefined) {
      slots = new Set();
      this.list.set(a, slots);
    }
    slots.add(slot);
  }

  step(s: TraceStep): void {
    const st = s.stack;
    const n = st.length;
    const op = s.op;
    if ((op === SLOAD || op === SSTORE) && n >= 1) {
      this.addSlot(bytesToHex(s.address), bytesToHex(bigintToFixedBytes(st[n - 1]!, 32)));
    } else if ((op === EXTCODECOPY || op === EXTCODEHASH || op === EXTCODESIZE || op === BALANCE || op === SELFDESTRUCT) && n >= 1) {
      const a = addressHex(st[n - 1]!);
      if (!this.excluded.has(a)) this.addAddress(a);
    } else if ((op === CALL || op === CALLCODE || op === DELEGATECALL || op === STATICCALL) && n >= 5) {
      const a = addressHex(st[n - 2]!);
      if (!this.excluded.has(a)) this.addAddress(a);
    }
  }

  /** The list sorted by address, each address's slots sorted. */
  accessList(): AccessList {
    return [...this.list.keys()].sort().map((a) => ({
      address: asAddress(hexToBytes(a)),
      storageKeys: [...this.list.get(a)!].sort().map((k) => asHash32(hexToBytes(k))),
    }));
  }

  equals(other: AccessListTracer): boolean {
    if (other.list.size !== this.list.size) return false;
    for (const [a, slots] of this.list) {
      const o = other.list.get(a);
      if (o === undefined || o.size !== slots.size) return false;
      for (const k of slots) if (!o.has(k)) return false;
    }
    return true;
  }
}

export interface AccessListResult {
  readonly accessList: AccessList;
  readonly gasUsed: bigint;
  readonly error: string | undefined;
}

export function createAccessList(chain: Chain, header: SealedHeader, input: CallArgs, suggestedTip: bigint): AccessListResult {
  checkFeeArgs(input);
  // setFeeDefaults: an unpriced message gets the suggested tip and twice the block's base fee.
  let args: CallArgs = input;
  const baseFee = header.header.baseFeePerGas;
  if (args.gasPrice === undefined && baseFee !== undefined) {
    const tip = args.maxPriorityFeePerGas ?? suggestedTip;
    args = { ...args, maxPriorityFeePerGas: tip, maxFeePerGas: args.maxFeePerGas ?? tip + 2n * baseFee };
  }
  const from = args.from ?? ZERO_ADDRESS;
  const probe = prepareCall(chain, header, {});
  const nonce = args.nonce ?? probe.state.getNonce(from);
  const to = args.to ?? createAddress(from, nonce);
  const excluded = new Set<string>([bytesToHex(from), bytesToHex(to)]);
  for (const a of precompileAddresses(probe.engine.precompiles)) excluded.add(bytesToHex(a));
  const gas = callGas(args);
  let prev = new AccessListTracer(args.accessList ?? [], excluded);
  for (;;) {
    const list = prev.accessList();
    const tracer = new AccessListTracer(list, excluded);
    const prepared = prepareCall(chain, header, {});
    const engine = createEngine(prepared.env.fork, tracer);
    let outcome: TxOutcome;
    try {
      outcome = runPrepared({ ...prepared, engine }, { ...args, accessList: list }, gas);
    } catch (e) {
      if (e instanceof CallPrecheckError) {
        const hash = unsignedHash(chain.spec.chainId, args, nonce, gas, list);
        throw new RpcError(SERVER_ERROR, `failed to apply transaction: ${hash} err: ${e.message}`);
      }
      throw e;
    }
    if (tracer.equals(prev)) {
      const error = outcome.status === "success" ? undefined : outcome.status === "revert" ? "execution reverted" : outcome.error;
      return { accessList: list, gasUsed: outcome.gasUsed, error };
    }
    prev = tracer;
  }
}

/** Hash of the unsigned transaction geth names in a failed access-list run (args.ToTransaction). */
function unsignedHash(chainId: bigint, args: CallArgs, nonce: bigint, gas: bigint, list: AccessList): string {
  const common = { nonce, gasLimit: gas, to: args.to, value: args.value ?? 0n, data: args.data ?? new Uint8Array(0) };
  if (args.maxFeePerGas !== undefined || args.maxPriorityFeePerGas !== undefined)
    return bytesToHex(
      transactionHash({
        type: 2,
        chainId,
        maxFeePerGas: args.maxFeePerGas ?? 0n,
        maxPriorityFeePerGas: args.maxPriorityFeePerGas ?? 0n,
        accessList: list,
        yParity: 0,
        r: 0n,
        s: 0n,
        ...common,
      }),
    );
  return bytesToHex(
    transactionHash({ type: 1, chainId, gasPrice: args.gasPrice ?? 0n, accessList: list, yParity: 0, r: 0n, s: 0n, ...common }),
  );
}

export function registerAccessListMethods(
  registry: MethodRegistry,
  chain: Chain,
  suggestedTip: bigint,
  timeoutMs = RPC_CALL_TIMEOUT_MS,
): void {
  registry.register(
    "eth_createAccessList",
    (p) => {
      const args = argCallArgs(p, 0);
      const header = argBlockHeader(chain, p, 1);
      const r = withCallTimeout(timeoutMs, () => createAccessList(chain, header, args, suggestedTip));
      const out: Record<string, unknown> = {
        accessList: r.accessList.map((e) => ({ address: bytesToHex(e.address), storageKeys: e.storageKeys.map((k) => bytesToHex(k)) })),
      };
      if (r.error !== undefined) out.error = r.error;
      out.gasUsed = bigintToQuantity(r.gasUsed);
      return out;
    },
    { arity: [1, 2] },
  );
}
