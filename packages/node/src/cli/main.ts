#!/usr/bin/env node
/**
 * cli: the `cairn` command. Parses arguments and hands over to the command modules; owns no
 * protocol logic.
 */
const USAGE = `cairn - an Ethereum node written in TypeScript

usage:
  cairn dev [options]          developer chain (anvil-compatible defaults)
  cairn statetest [--fork F] [--trace] [--timeout S] FILE...
                               run state-test fixtures (no FILE: paths on stdin)
  cairn blocktest [--timeout S] FILE...
                               run blockchain-test fixtures (no FILE: paths on stdin)
  cairn bench crypto           crypto backends side by side
  cairn bench evm [--quick] [--json] [--only NAME]
                               EVM workloads on Cairn, @ethereumjs/evm and anvil
  cairn bench chain [--quick] [--json] [--batch N] [--no-anvil]
                               block import (ETH and ERC-20 transfers) into LMDB
  cairn bench rpc [--quick] [--json] [--duration S] [--clients N]
                               JSON-RPC throughput and latency of cairn dev and anvil
  cairn bench explorer [--quick] [--json] [--blocks N] [--runs N]
                               the explorer's address page on a 10,000-block chain
  cairn help                   this text
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return 0;
    // Command modules load on demand, so `cairn help` does not pay for the EVM or the benchmarks.
    case "bench":
      return (await import("./bench.js")).runBench(rest);
    case "statetest":
      return (await import("./statetest.js")).runStateTest(rest);
    case "blocktest":
      return (await import("./blocktest.js")).runBlockTest(rest);
    case "dev":
      return (await import("./dev.js")).runDev(rest);
    default:
      process.stderr.write(`cairn: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`cairn: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
