/**
 * evm/instructions/storage: SLOAD and SSTORE with EIP-2929 access costs and EIP-2200 net gas
 * metering as amended by EIP-3529 (clearing refund 4800), and TLOAD/TSTORE (EIP-1153).
 *
 * SSTORE gas (constant part 0; warm/cold is decided here):
 *   cold slot: +2100, then
 *   current == new:                    100
 *   original == current, original 0:   20000
 *   original == current, original != 0: 2900 (refund 4800 if new is 0)
 *   otherwise (dirty):                  100, with refund adjustments:
 *     original != 0: current 0 -> take back 4800; new 0 -> give 4800
 *     new == original: give 19900 (original 0) or 2800 (original != 0)
 * Refunds go to the host's journaled counter, so a failing frame undoes them.
 */
import type { Env } from "../env.js";
import type { Frame } from "../frame.js";
import { COLD_SLOAD, SSTORE_CLEARS_SCHEDULE, SSTORE_RESET, SSTORE_SENTRY, SSTORE_SET, useGas, WARM_STORAGE_READ } from "../gas.js";
import { CONTINUE, OUT_OF_GAS, STATIC_VIOLATION } from "../status.js";

const COLD_SLOAD_EXTRA = COLD_SLOAD - WARM_STORAGE_READ;

export function opSload(f: Frame, env: Env): number {
  const s = f.stack;
  const key = s.peek();
  if (env.host.accessStorage(f.address, key) && !useGas(f, COLD_SLOAD_EXTRA)) return OUT_OF_GAS;
  s.setTop(env.host.getStorage(f.address, key));
  return CONTINUE;
}

export function opSstore(f: Frame, env: Env): number {
  if (f.isStatic) return STATIC_VIOLATION;
  // EIP-2200: SSTORE needs more than the call stipend left, so a 2300-gas callee cannot write.
  if (f.reserve === 0n && f.gas <= SSTORE_SENTRY) return OUT_OF_GAS;
  const s = f.stack;
  const key = s.pop();
  const value = s.pop();
  const host = env.host;
  const addr = f.address;
  let cost = host.accessStorage(addr, key) ? COLD_SLOAD : 0;
  const current = host.getStorage(addr, key);
  if (current === value) {
    cost += WARM_STORAGE_READ;
  } else {
    const original = host.getOriginalStorage(addr, key);
    if (original === current) {
      if (original === 0n) {
        cost += SSTORE_SET;
      } else {
        if (value === 0n) host.addRefund(SSTORE_CLEARS_SCHEDULE);
        cost += SSTORE_RESET;
      }
    } else {
      cost += WARM_STORAGE_READ;
      if (original !== 0n) {
        if (current === 0n) host.subRefund(SSTORE_CLEARS_SCHEDULE);
        else if (value === 0n) host.addRefund(SSTORE_CLEARS_SCHEDULE);
      }
      if (original === value) {
        host.addRefund(original === 0n ? SSTORE_SET - WARM_STORAGE_READ : SSTORE_RESET - WARM_STORAGE_READ);
      }
    }
  }
  if (!useGas(f, cost)) return OUT_OF_GAS;
  host.setStorage(addr, key, value);
  return CONTINUE;
}

export function opTload(f: Frame, env: Env): number {
  const s = f.stack;
  s.setTop(env.host.getTransientStorage(f.address, s.peek()));
  return CONTINUE;
}

export function opTstore(f: Frame, env: Env): number {
  if (f.isStatic) return STATIC_VIOLATION;
  const s = f.stack;
  const key = s.pop();
  env.host.setTransientStorage(f.address, key, s.pop());
  return CONTINUE;
}
