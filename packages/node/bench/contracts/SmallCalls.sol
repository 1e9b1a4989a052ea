// SPDX-License-Identifier: MIT
// Call-heavy workload: a contract calling another contract's small functions in a loop (one
// STATICCALL and one CALL per round), so frame setup, ABI encoding and return data dominate.
pragma solidity ^0.8.24;

contract Callee {
    uint256 public calls;

    function mix(uint256 a, uint256 b) external pure returns (uint256) {
        unchecked {
            return (a * 31) ^ (b + 17);
        }
    }

    function bump(uint256 by) external returns (uint256) {
        calls += by;
        return calls;
    }
}

contract SmallCalls {
    Callee public immutable callee;

    constructor() {
        callee = new Callee();
    }

    function run(uint256 n) external returns (uint256 acc) {
        Callee c = callee;
        for (uint256 i = 0; i < n; i++) {
            acc = c.mix(acc, i);
            if (i % 4 == 0) acc ^= c.bump(1);
        }
    }
}
