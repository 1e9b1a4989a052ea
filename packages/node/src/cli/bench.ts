/**
 * cli/bench: `cairn bench SUITE`. Each suite runs the same workload on each implementation in one
 * process and prints a table, so numbers are always side by side (DESIGN.md, Performance).
 */
import { benchChain } from "./bench-chain.js";
import { benchCrypto } from "./bench-crypto.js";
import { benchEvm } from "./bench-evm.js";
import { benchExplorer } from "./bench-explorer.js";
import { benchRpc } from "./bench-rpc.js";

export async function runBench(args: string[]): Promise<number> {
  const [suite, ...rest] = args;
  switch (suite) {
    case "crypto":
      await benchCrypto();
      return 0;
    case "evm":
      return benchEvm(rest);
    case "chain":
      return benchChain(rest);
    case "rpc":
      return benchRpc(rest);
    case "explorer":
      return benchExplorer(rest);
    default:
      process.stderr.write(`cairn bench: unknown suite '${suite ?? ""}' (available: crypto, evm, chain, rpc, explorer)\n`);
      return 2;
  }
}
