// SPDX-License-Identifier: MIT
// Chain-import workload: OpenZeppelin's ERC20 with a batch mint so a setup block can fund many
// senders at once; the timed blocks then carry ordinary signed `transfer` calls. Minting is
// open to anyone because the token lives only in a throwaway benchmark chain.
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract ChainToken is ERC20 {
    constructor() ERC20("Chain Bench Token", "CHAIN") {}

    function mintEach(address[] calldata holders, uint256 amount) external {
        for (uint256 i = 0; i < holders.length; i++) {
            _mint(holders[i], amount);
        }
    }
}
