// SPDX-License-Identifier: MIT
// ERC-20 workload: OpenZeppelin's ERC20, driven by a contract that makes many transfers to
// distinct fresh recipients in one call (cold slot writes, Transfer events, external calls).
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract BenchToken is ERC20 {
    constructor(uint256 supply) ERC20("Bench Token", "BENCH") {
        _mint(msg.sender, supply);
    }
}

contract Erc20Transfers {
    BenchToken public immutable token;

    constructor() {
        token = new BenchToken(1e30);
    }

    function run(uint256 n) external returns (uint256) {
        BenchToken t = token;
        for (uint256 i = 0; i < n; i++) {
            require(t.transfer(address(uint160(0x10000 + i)), 1 + i), "transfer failed");
        }
        return t.balanceOf(address(this));
    }
}
