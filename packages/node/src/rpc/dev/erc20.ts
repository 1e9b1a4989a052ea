/**
 * rpc/dev/erc20: anvil_dealERC20 and anvil_setERC20Allowance, which set an account's ERC-20
 * balance or allowance without knowing the token's storage layout, as anvil finds it:
 *
 * 1. `balanceOf(account)` (or `allowance(owner, spender)`) runs as a call at the head with a
 *    tracer that records the storage slots the token reads (SLOAD in the token's own frame);
 * 2. each slot, in the order read, is tried: the same call runs again with that slot set to the
 *    wanted amount (a state override on a throwaway state), and the first slot for which the call
 *    returns exactly that amount is the one;
 * 3. that slot is set in the head's state (as anvil_setStorageAt), so no block is mined.
 *
 * A token that reads no slot that works (not an ERC-20, or one computing balances) gets anvil's
 * "Unable to set ERC20 balance, no slot found" (-32603), and nothing changes.
 */
import type { Chain } from "../../chain/index.js";
import type { Tracer, TraceStep } from "../../evm/index.js";
import { createEngine } from "../../execution/index.js";
import { type Address, bigintToFixedBytes, bytesToHex, concatBytes, equalBytes, hexToBytes, padLeft } from "../../primitives/index.js";
import type { DevControls } from "../../producer/index.js";
import { INTERNAL_ERROR, RpcError } from "../errors.js";
import { type CallArgs, CallPrecheckError, callGas, prepareCall, runPrepared } from "../eth/call.js";
import type { StateOverride } from "../eth/overrides.js";

const SLOAD = 0x54;
const BALANCE_OF = hexToBytes("0x70a08231");
const ALLOWANCE = hexToBytes("0xdd62ed3e");

/** The storage slots the token's own code reads, in first-read order. */
class SlotReadTracer implements Tracer {
  readonly slots: bigint[] = [];
  private readonly seen = new Set<bigint>();
  constructor(private readonly token: Address) {}

  step(s: TraceStep): void {
    if (s.op !== SLOAD || !equalBytes(s.address, this.token)) return;
    const slot = s.stack[s.stack.length - 1]!;
    if (this.seen.has(slot)) return;
    this.seen.add(slot);
    this.slots.push(slot);
  }
}

/** Runs `data` on `token` at the head; the output, or undefined when the call did not succeed. */
function callToken(chain: Chain, token: Address, data: Uint8Array, override?: StateOverride, tracer?: Tracer): Uint8Array | undefined {
  const header = chain.head;
  const prepared = prepareCall(chain, header, { stateOverride: override });
  const engine = tracer === undefined ? prepared.engine : createEngine(prepared.env.fork, tracer);
  const args: CallArgs = { to: token, data };
  try {
    const outcome = runPrepared(tracer === undefined ? prepared : { ...prepared, engine }, args, callGas(args));
    return outcome.status === "success" ? outcome.output : undefined;
  } catch (e) {
    // A message the pre-checks refuse is a call that did not succeed; anything else is a bug.
    if (e instanceof CallPrecheckError) return undefined;
    throw e;
  }
}

/** The slot whose value `data` on `token` returns, found as anvil does; undefined when none. */
function findSlot(chain: Chain, token: Address, data: Uint8Array, amount: bigint): bigint | undefined {
  const tracer = new SlotReadTracer(token);
  if (callToken(chain, token, data, undefined, tracer) === undefined) return undefined;
  const wanted = bigintToFixedBytes(amount, 32);
  const key = bytesToHex(token);
  for (const slot of tracer.slots) {
    const override: StateOverride = new Map([[key, { stateDiff: new Map([[slot, amount]]) }]]);
    const out = callToken(chain, token, data, override);
    if (out !== undefined && equalBytes(out, wanted)) return slot;
  }
  return undefined;
}

function setFound(chain: Chain, controls: DevControls, token: Address, data: Uint8Array, amount: bigint, what: string): null {
  const slot = findSlot(chain, token, data, amount);
  if (slot === undefined) throw new RpcError(INTERNAL_ERROR, `Unable to set ERC20 ${what}, no slot found`);
  controls.setStorage(token, slot, amount);
  return null;
}

/** anvil_dealERC20(account, token, amount) */
export function dealErc20(chain: Chain, controls: DevControls, account: Address, token: Address, amount: bigint): null {
  return setFound(chain, controls, token, concatBytes(BALANCE_OF, padLeft(account, 32)), amount, "balance");
}

/** anvil_setERC20Allowance(owner, spender, token, amount) */
export function setErc20Allowance(
  chain: Chain,
  controls: DevControls,
  owner: Address,
  spender: Address,
  token: Address,
  amount: bigint,
): null {
  return setFound(chain, controls, token, concatBytes(ALLOWANCE, padLeft(owner, 32), padLeft(spender, 32)), amount, "allowance");
}
