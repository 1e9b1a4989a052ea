/**
 * test/e2e/explorer-fixture: a chain worth exploring, made with a real client (ethers) against
 * `cairn dev`: an OpenZeppelin ERC-20 compiled with solc-js, token transfers, a plain value
 * transfer, a contract call that makes internal calls (transferFrom and balanceOf on the
 * token), two reverted transactions (a require message and an OpenZeppelin custom error), and
 * an ERC-721 and an ERC-1155 transfer.
 * Also opens chromium through playwright-core, failing with an install hint when it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  Contract,
  ContractFactory,
  type InterfaceAbi,
  JsonRpcProvider,
  NonceManager,
  parseEther,
  type TransactionReceipt,
  Wallet,
} from "ethers";
import type { Browser } from "playwright-core";

const require = createRequire(import.meta.url);

export const KEY0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const KEY1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
export const ACCOUNT2 = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
export const RECIPIENT = "0x1111111111111111111111111111111111111111";
export const CHROMIUM = "/usr/bin/chromium";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

contract CairnToken is ERC20 {
    constructor(uint256 supply) ERC20("Cairn Token", "CRN") { _mint(msg.sender, supply); }
}

contract CairnCats is ERC721 {
    constructor() ERC721("Cairn Cats", "CAT") {}
    function mint(address to, uint256 id) external { _mint(to, id); }
}

contract CairnItems is ERC1155 {
    constructor() ERC1155("") {}
    function mint(address to, uint256 id, uint256 amount) external { _mint(to, id, amount, ""); }
}

contract Forwarder {
    event Forwarded(address indexed token, address indexed to, uint256 amount, uint256 balanceAfter);

    function forward(IERC20 token, address to, uint256 amount) external {
        require(token.transferFrom(msg.sender, to, amount), "transfer failed");
        emit Forwarded(address(token), to, amount, token.balanceOf(to));
    }

    uint256 public attempts;

    function fail() external {
        attempts += 1;
        revert("explorer says no");
    }
}
`;

interface Artifact {
  abi: InterfaceAbi;
  bytecode: string;
}

export function compileContracts(): { token: Artifact; forwarder: Artifact; nft: Artifact; items: Artifact } {
  const solc = require("solc") as {
    compile(input: string, opts: { import: (p: string) => { contents: string } | { error: string } }): string;
  };
  // node_modules/@openzeppelin/contracts/package.json -> node_modules, where import paths start
  const ozRoot = dirname(dirname(dirname(require.resolve("@openzeppelin/contracts/package.json"))));
  const input = {
    language: "Solidity",
    sources: { "Explorer.sol": { content: SOURCE } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const out = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (p) => {
        const file = join(ozRoot, p);
        return existsSync(file) ? { contents: readFileSync(file, "utf8") } : { error: `not found: ${p}` };
      },
    }),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const c = out.contracts["Explorer.sol"]!;
  const art = (name: string): Artifact => ({ abi: c[name]!.abi as InterfaceAbi, bytecode: `0x${c[name]!.evm.bytecode.object}` });
  return { token: art("CairnToken"), forwarder: art("Forwarder"), nft: art("CairnCats"), items: art("CairnItems") };
}

export interface ExplorerChain {
  readonly token: string;
  readonly forwarder: string;
  readonly deployToken: TransactionReceipt;
  readonly deployForwarder: TransactionReceipt;
  /** account 0 -> account 1, 1234.5 CRN */
  readonly tokenTransfer: TransactionReceipt;
  /** account 0 -> RECIPIENT, 1.5 ETH */
  readonly valueTransfer: TransactionReceipt;
  readonly approve: TransactionReceipt;
  /** Forwarder.forward(token, ACCOUNT2, 100 CRN): transferFrom + balanceOf inside */
  readonly forward: TransactionReceipt;
  /** Forwarder.fail(): reverts with "explorer says no" */
  readonly failed: TransactionReceipt;
  /** account 1 transfers more CRN than it holds: ERC20InsufficientBalance */
  readonly insufficient: TransactionReceipt;
  /** ERC-721: token 7 minted to account 0, then transferFrom account 0 to account 1 */
  readonly nft: string;
  readonly nftTransfer: TransactionReceipt;
  /** ERC-1155: 10 of id 3 minted to account 0, then safeTransferFrom 4 of them to account 1 */
  readonly items: string;
  readonly itemsTransfer: TransactionReceipt;
  readonly account0: string;
  readonly account1: string;
}

/** Sends a transaction and returns its receipt even when it reverted. */
async function mined(provider: JsonRpcProvider, send: Promise<{ hash: string }>): Promise<TransactionReceipt> {
  const tx = await send;
  const r = await provider.waitForTransaction(tx.hash, 1, 30_000);
  if (r === null) throw new Error(`transaction ${tx.hash} was not mined`);
  return r;
}

export async function seedChain(url: string): Promise<ExplorerChain> {
  const { token: tokenArt, forwarder: fwdArt, nft: nftArt, items: itemsArt } = compileContracts();
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
  const w0 = new NonceManager(new Wallet(KEY0, provider));
  const w1 = new NonceManager(new Wallet(KEY1, provider));
  const account0 = (await w0.getAddress()).toLowerCase();
  const account1 = (await w1.getAddress()).toLowerCase();

  const tokenTx = await new ContractFactory(tokenArt.abi, tokenArt.bytecode, w0).getDeployTransaction(parseEther("1000000"));
  const deployToken = await mined(provider, w0.sendTransaction(tokenTx));
  const token = deployToken.contractAddress!.toLowerCase();
  const fwdTx = await new ContractFactory(fwdArt.abi, fwdArt.bytecode, w0).getDeployTransaction();
  const deployForwarder = await mined(provider, w0.sendTransaction(fwdTx));
  const forwarder = deployForwarder.contractAddress!.toLowerCase();

  const t0 = new Contract(token, tokenArt.abi, w0);
  const t1 = new Contract(token, tokenArt.abi, w1);
  const f0 = new Contract(forwarder, fwdArt.abi, w0);
  const tokenTransfer = await mined(provider, t0.getFunction("transfer")(account1, parseEther("1234.5")));
  const valueTransfer = await mined(provider, w0.sendTransaction({ to: RECIPIENT, value: parseEther("1.5") }));
  const approve = await mined(provider, t0.getFunction("approve")(forwarder, parseEther("500")));
  const forward = await mined(provider, f0.getFunction("forward")(token, ACCOUNT2, parseEther("100")));
  // Explicit gas limits: estimation would refuse to send a transaction that reverts.
  const failed = await mined(provider, f0.getFunction("fail")({ gasLimit: 100_000 }));
  const insufficient = await mined(provider, t1.getFunction("transfer")(RECIPIENT, parseEther("5000"), { gasLimit: 100_000 }));

  const nftDeploy = await mined(
    provider,
    w0.sendTransaction(await new ContractFactory(nftArt.abi, nftArt.bytecode, w0).getDeployTransaction()),
  );
  const nft = nftDeploy.contractAddress!.toLowerCase();
  const n0 = new Contract(nft, nftArt.abi, w0);
  await mined(provider, n0.getFunction("mint")(account0, 7n));
  const nftTransfer = await mined(provider, n0.getFunction("transferFrom")(account0, account1, 7n));
  const itemsDeploy = await mined(
    provider,
    w0.sendTransaction(await new ContractFactory(itemsArt.abi, itemsArt.bytecode, w0).getDeployTransaction()),
  );
  const items = itemsDeploy.contractAddress!.toLowerCase();
  const i0 = new Contract(items, itemsArt.abi, w0);
  await mined(provider, i0.getFunction("mint")(account0, 3n, 10n));
  const itemsTransfer = await mined(provider, i0.getFunction("safeTransferFrom")(account0, account1, 3n, 4n, "0x"));
  provider.destroy();
  return {
    nft,
    nftTransfer,
    items,
    itemsTransfer,
    token,
    forwarder,
    deployToken,
    deployForwarder,
    tokenTransfer,
    valueTransfer,
    approve,
    forward,
    failed,
    insufficient,
    account0,
    account1,
  };
}

/** Chromium through playwright-core; a clear error when Debian's chromium is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: the explorer's browser test needs Debian's chromium (apt-get install chromium)`);
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}
