// SPDX-License-Identifier: MIT
// Compute-heavy workload: a fixed-point Mandelbrot set over a size x size grid, pure signed
// arithmetic in nested loops with Solidity's checked math. Returns the sum of escape counts.
pragma solidity ^0.8.24;

contract Mandelbrot {
    int256 private constant ONE = 1 << 32; // 32 fractional bits
    uint256 private constant MAX_ITER = 48;

    function run(uint256 size) external pure returns (uint256 total) {
        int256 n = int256(size);
        for (int256 py = 0; py < n; py++) {
            // imaginary axis from -1.25 to 1.25
            int256 ci = -(ONE * 5) / 4 + (py * ONE * 5) / (2 * n);
            for (int256 px = 0; px < n; px++) {
                // real axis from -2.25 to 0.75
                int256 cr = -(ONE * 9) / 4 + (px * ONE * 3) / n;
                int256 zr = 0;
                int256 zi = 0;
                uint256 it = 0;
                while (it < MAX_ITER) {
                    int256 zr2 = (zr * zr) / ONE;
                    int256 zi2 = (zi * zi) / ONE;
                    if (zr2 + zi2 > 4 * ONE) break;
                    zi = (2 * zr * zi) / ONE + ci;
                    zr = zr2 - zi2 + cr;
                    it++;
                }
                total += it;
            }
        }
    }
}
