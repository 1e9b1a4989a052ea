/**
 * cli/dev: `cairn dev`, the developer chain. Parses the options (anvil's defaults), starts the
 * DevNode, prints the banner (accounts, keys, RPC and explorer URLs) and a line per block and
 * per transaction, and stops cleanly on SIGINT and SIGTERM.
 */
import { resolve } from "node:path";
import { ChainError } from "../chain/index.js";
import { toChecksumAddress } from "../crypto/index.js";
import { DEFAULT_DEV_MNEMONIC, DevNode, type DevNodeOptions } from "../node/index.js";
import { type Fork, parseFork } from "../params/index.js";
import { bytesToHex } from "../primitives/index.js";
import type { ProducedBlock } from "../producer/index.js";
import { transactionHash } from "../types/index.js";

const DEV_USAGE = `usage: cairn dev [--port 8545] [--host 127.0.0.1] [--chain-id 31337] [--data-dir DIR] [--ephemeral]
                 [--reset] [--block-time S] [--accounts 10] [--balance 10000] [--mnemonic "..."] [--hardfork prague]
`;

class DevArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DevArgsError";
  }
}

function parseIntArg(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new DevArgsError(`${name}: expected an integer in [${min}, ${max}], got '${v}'`);
  return n;
}

function parseHardfork(v: string): Fork {
  const fork = parseFork(v.charAt(0).toUpperCase() + v.slice(1).toLowerCase()) ?? parseFork(v);
  if (fork === undefined) throw new DevArgsError(`--hardfork: unknown fork '${v}'`);
  return fork;
}

export function parseDevArgs(argv: readonly string[], cwd: string): Omit<DevNodeOptions, "onBlock"> {
  let host = "127.0.0.1";
  let port = 8545;
  let chainId = 31337n;
  let dataDir = resolve(cwd, ".cairn/dev");
  let ephemeral = false;
  let reset = false;
  let blockTime: number | undefined;
  let accounts = 10;
  let balance = 10_000n;
  let mnemonic = DEFAULT_DEV_MNEMONIC;
  let fork: Fork = "Prague";
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new DevArgsError(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case "--host":
        host = value();
        break;
      case "--port":
      case "-p":
        port = parseIntArg(flag, value(), 0, 65535);
        break;
      case "--chain-id":
        chainId = BigInt(parseIntArg(flag, value(), 1, Number.MAX_SAFE_INTEGER));
        break;
      case "--data-dir":
        dataDir = resolve(cwd, value());
        break;
      case "--ephemeral":
        ephemeral = true;
        break;
      case "--reset":
        reset = true;
        break;
      case "--block-time": {
        const v = value();
        const s = Number(v);
        if (!Number.isFinite(s) || s <= 0) throw new DevArgsError(`--block-time: expected seconds > 0, got '${v}'`);
        blockTime = s;
        break;
      }
      case "--accounts":
      case "-a":
        accounts = parseIntArg(flag, value(), 0, 10_000);
        break;
      case "--balance":
        balance = BigInt(parseIntArg(flag, value(), 0, Number.MAX_SAFE_INTEGER));
        break;
      case "--mnemonic":
      case "-m":
        mnemonic = value();
        break;
      case "--hardfork":
        fork = parseHardfork(value());
        break;
      default:
        throw new DevArgsError(`unknown option '${flag}'`);
    }
  }
  return { host, port, chainId, dataDir: ephemeral ? undefined : dataDir, reset, blockTime, accounts, balance, mnemonic, fork };
}

function banner(node: DevNode, opts: Omit<DevNodeOptions, "onBlock">): string {
  const lines: string[] = ["", "cairn dev: a local Ethereum chain for development", ""];
  lines.push("Available accounts (public test keys: anyone can spend from them, never use them for real funds)");
  lines.push("==================");
  for (const [i, a] of node.accounts.entries()) lines.push(`(${i}) ${toChecksumAddress(a.address)} (${opts.balance} ETH)`);
  lines.push("", "Private keys", "==================");
  for (const [i, a] of node.accounts.entries()) lines.push(`(${i}) ${bytesToHex(a.privateKey)}`);
  lines.push("", `Mnemonic: ${opts.mnemonic}`, "Derivation path: m/44'/60'/0'/0/", "");
  lines.push(`Chain id:   ${opts.chainId}`);
  lines.push(`Hardfork:   ${opts.fork}`);
  lines.push(`Mining:     ${opts.blockTime === undefined ? "automine" : `every ${opts.blockTime}s`}`);
  lines.push(`State:      ${opts.dataDir === undefined ? "in memory (ephemeral)" : opts.dataDir}`);
  lines.push(`Head:       block ${node.chain.head.header.number}`);
  lines.push("");
  lines.push(`RPC URL:      ${node.server.url}`);
  lines.push(`WebSocket:    ${node.server.wsUrl}`);
  lines.push(`Explorer URL: ${node.server.url}`);
  lines.push("");
  return `${lines.join("\n")}\n`;
}

/** One write per block: stdout is a synchronous write to a pipe or terminal, a system call each. */
function logBlock(p: ProducedBlock): void {
  const h = p.block.header.header;
  const txs = p.block.body.transactions;
  let prev = 0n;
  let text = "";
  txs.forEach((tx, i) => {
    const r = p.receipts[i]!;
    const gas = r.cumulativeGasUsed - prev;
    prev = r.cumulativeGasUsed;
    text += `  tx ${bytesToHex(transactionHash(tx))} from ${toChecksumAddress(p.senders[i]!)} ${tx.to === undefined ? "create" : `to ${toChecksumAddress(tx.to)}`} gas ${gas} ${r.status === 1 ? "ok" : "failed"}\n`;
  });
  for (const d of p.dropped) text += `  dropped ${bytesToHex(d.hash)}: ${d.reason}\n`;
  text += `block ${h.number} ${bytesToHex(p.block.header.hash)} txs ${txs.length} gas ${h.gasUsed} time ${new Date(Number(h.timestamp) * 1000).toISOString()}\n`;
  process.stdout.write(text);
}

export async function runDev(argv: string[]): Promise<number> {
  let opts: Omit<DevNodeOptions, "onBlock">;
  try {
    opts = parseDevArgs(argv, process.cwd());
  } catch (e) {
    if (!(e instanceof DevArgsError)) throw e;
    process.stderr.write(`cairn dev: ${e.message}\n${DEV_USAGE}`);
    return 2;
  }
  let node: DevNode;
  try {
    node = await DevNode.start({ ...opts, onBlock: logBlock });
  } catch (e) {
    if (!(e instanceof ChainError)) throw e;
    process.stderr.write(`cairn dev: ${e.message}\n(the data dir ${opts.dataDir} holds another chain: pass --reset to start over)\n`);
    return 1;
  }
  process.stdout.write(banner(node, opts));
  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`${signal}: shutting down\n`);
      node.stop().then(
        () => resolveExit(0),
        (err: unknown) => {
          process.stderr.write(`cairn dev: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
          resolveExit(1);
        },
      );
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
  });
}
