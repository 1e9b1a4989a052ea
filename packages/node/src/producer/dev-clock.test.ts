import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DevClock } from "./dev-clock.js";

describe("DevClock", () => {
  test("the clock is the wall clock plus the offset evm_increaseTime adds", () => {
    let wall = 1000n;
    const c = new DevClock(() => wall);
    assert.equal(c.now(), 1000n);
    assert.equal(c.increase(100n), 100n);
    assert.equal(c.increase(5n), 105n);
    wall = 1010n;
    assert.equal(c.now(), 1115n);
  });

  test("a block is stamped above its parent even when the clock is behind", () => {
    const c = new DevClock(() => 1000n);
    assert.equal(c.take(500n), 1000n);
    assert.equal(c.take(1000n), 1001n);
    assert.equal(c.take(5000n), 5001n);
  });

  test("the next timestamp is used once and time goes on from it", () => {
    let wall = 1000n;
    const c = new DevClock(() => wall);
    c.setNext(2000n);
    assert.equal(c.nextTimestamp, 2000n);
    assert.equal(c.take(999n), 2000n);
    assert.equal(c.nextTimestamp, undefined);
    wall = 1003n;
    assert.equal(c.take(2000n), 2003n);
  });

  test("setTime answers how far forward time moved, 0 backwards", () => {
    const c = new DevClock(() => 1000n);
    assert.equal(c.setTime(1500n), 500n);
    assert.equal(c.now(), 1500n);
    assert.equal(c.setTime(1200n), 0n);
    assert.equal(c.now(), 1200n);
    c.reset();
    assert.equal(c.now(), 1000n);
  });

  test("a block timestamp interval stamps each block that long after its parent", () => {
    const c = new DevClock(() => 1000n);
    c.blockInterval = 100n;
    assert.equal(c.take(1000n), 1100n);
    assert.equal(c.take(1100n), 1200n);
    assert.equal(c.now(), 1200n, "time goes on from the last block");
    c.setNext(5000n);
    assert.equal(c.take(1200n), 5000n, "a set next timestamp wins");
    c.reset();
    assert.equal(c.blockInterval, undefined);
  });
});
