// SPDX-License-Identifier: MIT
// Memory-copy workload: MCOPY (EIP-5656) of 32 KiB blocks back and forth between two buffers,
// at unaligned offsets, plus abi.encodePacked copies made by the compiler; returns a digest of
// the result so every engine must produce the same bytes.
pragma solidity ^0.8.24;

contract MemoryCopy {
    uint256 private constant SIZE = 32768;

    function run(uint256 n) external pure returns (bytes32) {
        bytes memory a = new bytes(SIZE);
        bytes memory b = new bytes(SIZE);
        for (uint256 i = 0; i < SIZE; i += 32) {
            bytes32 w = keccak256(abi.encode(i));
            assembly {
                mstore(add(add(a, 32), i), w)
            }
        }
        assembly {
            let pa := add(a, 32)
            let pb := add(b, 32)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                mcopy(add(pb, 3), add(pa, 1), sub(SIZE, 3))
                mcopy(pa, add(pb, 5), sub(SIZE, 5))
                mstore8(add(pa, and(i, 0x7fff)), i)
            }
        }
        // A few compiler-generated copies of whole buffers (each allocates, so only a few).
        bytes32 h = keccak256(abi.encodePacked(a, b));
        for (uint256 i = 0; i < 4; i++) {
            h = keccak256(abi.encodePacked(h, a, b));
        }
        return h;
    }
}
