// SPDX-License-Identifier: MIT
// Storage workload: SSTOREs of fresh slots (zero to non-zero), of slots that already hold a value
// (non-zero to another non-zero), and repeated writes of one warm slot. No write returns a slot
// to its original value, so there are no refunds and transaction gas equals execution gas plus
// intrinsic gas on every engine.
pragma solidity ^0.8.24;

contract StorageWrites {
    mapping(uint256 => uint256) public slots;
    uint256 public counter;
    uint256 private constant FRESH_BASE = 1 << 128;

    constructor(uint256 existing) {
        for (uint256 i = 0; i < existing; i++) {
            slots[i] = i + 1;
        }
    }

    /// Rewrites the first n existing slots, fills n fresh slots, and bumps `counter` 8n times.
    function run(uint256 n) external returns (uint256 sum) {
        for (uint256 i = 0; i < n; i++) {
            uint256 v = slots[i] + 7;
            slots[i] = v;
            slots[FRESH_BASE + i] = v;
            sum += v;
        }
        for (uint256 i = 0; i < 8 * n; i++) {
            counter += i + 1;
        }
        return sum + counter;
    }
}
