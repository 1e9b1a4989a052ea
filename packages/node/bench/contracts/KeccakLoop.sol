// SPDX-License-Identifier: MIT
// Keccak workload: a hash chain over a 128-byte buffer; each round hashes the buffer and writes
// the digest back into one of its words. Scratch memory stays fixed, so gas is KECCAK256-bound.
pragma solidity ^0.8.24;

contract KeccakLoop {
    function run(uint256 n) external pure returns (bytes32 h) {
        assembly {
            let buf := mload(0x40)
            mstore(buf, n)
            mstore(add(buf, 0x20), 1)
            mstore(add(buf, 0x40), 2)
            mstore(add(buf, 0x60), 3)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                h := keccak256(buf, 0x80)
                mstore(add(buf, shl(5, and(i, 3))), h)
            }
        }
    }
}
