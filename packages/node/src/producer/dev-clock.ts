/**
 * producer/dev-clock: the developer chain's block time, anvil's TimeManager. The clock is the
 * wall clock plus an offset (evm_increaseTime, anvil_setTime); a one-shot next timestamp
 * (evm_setNextBlockTimestamp, evm_mine(ts)) wins over it for one block, and time then goes on
 * from there (the offset is realigned), as anvil does. A block timestamp interval
 * (anvil_setBlockTimestampInterval) stamps each block that long after its parent instead.
 *
 * Unlike anvil, a block's timestamp is always above its parent's (the import rule every other
 * client applies, so this chain's blocks stay valid elsewhere): a clock at or behind the parent
 * gives parent + 1. anvil repeats the parent's timestamp in that case, and lets anvil_setTime
 * move block time backwards; here time set backwards only slows blocks to one second apart
 * until the clock catches up.
 */

export class DevClock {
  private offset = 0n;
  private next: bigint | undefined;
  /** anvil_setBlockTimestampInterval: each block this many seconds after its parent */
  blockInterval: bigint | undefined;

  constructor(private readonly wall: () => bigint) {}

  /** Seconds since the epoch as the chain sees them. */
  now(): bigint {
    return this.wall() + this.offset;
  }

  /** The offset from the wall clock, in seconds. */
  get offsetSeconds(): bigint {
    return this.offset;
  }

  /** Moves time forward by `seconds`; returns the total offset (evm_increaseTime's answer). */
  increase(seconds: bigint): bigint {
    this.offset += seconds;
    return this.offset;
  }

  /** Sets the clock to `timestamp`; returns how far it moved forward, 0 if it moved back (anvil_setTime). */
  setTime(timestamp: bigint): bigint {
    const diff = timestamp - this.now();
    this.offset = timestamp - this.wall();
    this.next = undefined;
    return diff > 0n ? diff : 0n;
  }

  /** The next block gets exactly `timestamp` (when above its parent's). */
  setNext(timestamp: bigint): void {
    this.next = timestamp;
  }

  get nextTimestamp(): bigint | undefined {
    return this.next;
  }

  /** The timestamp of the child of a block stamped `parentTimestamp`; consumes a set next timestamp. */
  take(parentTimestamp: bigint): bigint {
    const next = this.next;
    this.next = undefined;
    if (next !== undefined) this.align(next);
    if (next === undefined && this.blockInterval !== undefined) {
      const ts = parentTimestamp + this.blockInterval;
      this.align(ts);
      return ts > parentTimestamp ? ts : parentTimestamp + 1n;
    }
    const ts = next ?? this.now();
    return ts > parentTimestamp ? ts : parentTimestamp + 1n;
  }

  /** Time goes on from `timestamp` (a block was stamped with it by hand). */
  align(timestamp: bigint): void {
    this.offset = timestamp - this.wall();
  }

  reset(): void {
    this.offset = 0n;
    this.next = undefined;
    this.blockInterval = undefined;
  }
}
