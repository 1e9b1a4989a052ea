/**
 * End to end with Foundry against a real `cairn dev` process: cast deploys the OpenZeppelin
 * ERC-20 (compiled with solc-js) with `send --create`, calls and transfers, reads balance,
 * receipt and block; `cast run` replays a mined transfer locally and prints its trace; forge
 * compiles a project through a solc-js shim and `forge script --broadcast` deploys and calls.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ADDRESSES, contracts, EVM_VERSION, KEYS } from "./contracts.js";
import { type DevProcess, startDev } from "./dev-process.js";
import { readJson, runTool, writeSolcShim } from "./foundry-tools.js";

interface CastReceipt {
  status: string;
  transactionHash: string;
  contractAddress: string | null;
  blockNumber: string;
  type: string;
  logs: { address: string; topics: string[] }[];
}

const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

describe("cast and forge against cairn dev", { timeout: 240_000 }, () => {
  let dev: DevProcess;
  let home: string;
  let token: string;
  let transferHash: string;

  before(async () => {
    dev = await startDev(["--ephemeral"]);
    home = mkdtempSync(join(tmpdir(), "cairn-foundry-"));
  });
  after(async () => {
    await dev?.stop();
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
  });

  const cast = async (...args: string[]): Promise<string> => (await runTool("cast", args, { home })).stdout.trim();

  test("cast send --create deploys the ERC-20; call, send, balance, receipt and block read it back", async () => {
    const { CairnToken } = contracts();
    const created = JSON.parse(
      await cast(
        "send",
        "--rpc-url",
        dev.url,
        "--private-key",
        KEYS[0],
        "--json",
        "--create",
        CairnToken.bytecode,
        "constructor(uint256)",
        "1000000",
      ),
    ) as CastReceipt;
    assert.equal(created.status, "0x1");
    assert.equal(created.type, "0x2"); // cast sends EIP-1559 by default
    assert.ok(created.contractAddress !== null);
    token = created.contractAddress;
    assert.equal(await cast("call", "--rpc-url", dev.url, token, "symbol()(string)"), '"CRN"');
    assert.equal(await cast("call", "--rpc-url", dev.url, token, "balanceOf(address)(uint256)", ADDRESSES[0]), "1000000 [1e6]");

    const sent = JSON.parse(
      await cast("send", "--rpc-url", dev.url, "--private-key", KEYS[0], "--json", token, "transfer(address,uint256)", ADDRESSES[1], "77"),
    ) as CastReceipt;
    assert.equal(sent.status, "0x1");
    transferHash = sent.transactionHash;
    assert.equal(await cast("call", "--rpc-url", dev.url, token, "balanceOf(address)(uint256)", ADDRESSES[1]), "77");

    const legacy = JSON.parse(
      await cast("send", "--rpc-url", dev.url, "--private-key", KEYS[1], "--json", "--legacy", "--value", "12345", ADDRESSES[2]),
    ) as CastReceipt;
    assert.equal(legacy.type, "0x0");
    assert.equal(legacy.status, "0x1");
    const balance = BigInt(await cast("balance", "--rpc-url", dev.url, ADDRESSES[2]));
    assert.equal(balance, 10_000n * 10n ** 18n + 12345n);

    const receipt = JSON.parse(await cast("receipt", "--rpc-url", dev.url, "--json", transferHash)) as CastReceipt;
    assert.equal(receipt.status, "0x1");
    assert.equal(receipt.logs[0]?.topics[0], TRANSFER_TOPIC);
    assert.equal(receipt.logs[0]?.address, token);
    const block = JSON.parse(await cast("block", "--rpc-url", dev.url, "--json", receipt.blockNumber)) as {
      number: string;
      transactions: string[];
    };
    assert.equal(block.number, receipt.blockNumber);
    assert.deepEqual(block.transactions, [transferHash]);
    const latest = JSON.parse(await cast("block", "--rpc-url", dev.url, "--json", "latest")) as { number: string };
    assert.equal(BigInt(latest.number), BigInt(legacy.blockNumber));
  });

  test("cast run replays the transfer locally and prints its trace", async () => {
    const out = await cast("run", "--rpc-url", dev.url, transferHash);
    assert.match(out, /transfer\(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 77\)/);
    assert.match(
      out,
      /emit Transfer\(from: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, to: 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, \w+: 77\)/,
    );
    assert.match(out, /Transaction successfully executed/);
    const receipt = JSON.parse(await cast("receipt", "--rpc-url", dev.url, "--json", transferHash)) as { gasUsed: string };
    const gas = /Gas used: (\d+)/.exec(out);
    assert.equal(BigInt(gas![1]!), BigInt(receipt.gasUsed));
  });

  test("debug_traceTransaction (call tracer and struct logger, through cast rpc) agrees with cast run", async () => {
    const receipt = JSON.parse(await cast("receipt", "--rpc-url", dev.url, "--json", transferHash)) as { gasUsed: string };
    const call = JSON.parse(await cast("rpc", "--rpc-url", dev.url, "debug_traceTransaction", transferHash, '{"tracer":"callTracer"}')) as {
      type: string;
      from: string;
      to: string;
      gasUsed: string;
      output: string;
      input: string;
    };
    assert.equal(call.type, "CALL");
    assert.equal(call.from, ADDRESSES[0].toLowerCase());
    assert.equal(call.to, token);
    assert.equal(call.input.slice(0, 10), "0xa9059cbb"); // transfer(address,uint256)
    assert.equal(BigInt(call.output), 1n);
    assert.equal(BigInt(call.gasUsed), BigInt(receipt.gasUsed));
    const steps = JSON.parse(await cast("rpc", "--rpc-url", dev.url, "debug_traceTransaction", transferHash)) as {
      gas: number;
      failed: boolean;
      structLogs: { op: string }[];
    };
    assert.equal(steps.failed, false);
    assert.equal(BigInt(steps.gas), BigInt(receipt.gasUsed));
    assert.ok(steps.structLogs.some((l) => l.op === "LOG3")); // the Transfer event
    const replayed = /Gas used: (\d+)/.exec(await cast("run", "--rpc-url", dev.url, transferHash));
    assert.equal(BigInt(replayed![1]!), BigInt(steps.gas));
  });

  test("cast run replays the second transaction of a block after the first (evm_setAutomine, evm_mine)", async () => {
    await cast("rpc", "--rpc-url", dev.url, "evm_setAutomine", "false");
    const nonce = BigInt(await cast("nonce", "--rpc-url", dev.url, ADDRESSES[0]));
    const hashes: string[] = [];
    try {
      // cast fills the nonce from the latest block, so queued sends name theirs
      for (const [i, amount] of ["7", "8"].entries())
        hashes.push(
          await cast(
            "send",
            "--rpc-url",
            dev.url,
            "--private-key",
            KEYS[0],
            "--async",
            "--nonce",
            String(nonce + BigInt(i)),
            token,
            "transfer(address,uint256)",
            ADDRESSES[1],
            amount,
          ),
        );
      await cast("rpc", "--rpc-url", dev.url, "evm_mine");
    } finally {
      await cast("rpc", "--rpc-url", dev.url, "evm_setAutomine", "true");
    }
    const receipts = await Promise.all(
      hashes.map(
        async (h) =>
          JSON.parse(await cast("receipt", "--rpc-url", dev.url, "--json", h)) as {
            blockNumber: string;
            transactionIndex: string;
            gasUsed: string;
          },
      ),
    );
    assert.equal(receipts[0]!.blockNumber, receipts[1]!.blockNumber);
    assert.deepEqual(
      receipts.map((r) => r.transactionIndex),
      ["0x0", "0x1"],
    );
    const out = await cast("run", "--rpc-url", dev.url, hashes[1]!);
    assert.match(out, /Executing previous transactions from the block/);
    assert.match(out, /transfer\(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 8\)/);
    assert.equal(BigInt(/Gas used: (\d+)/.exec(out)![1]!), BigInt(receipts[1]!.gasUsed));
  });

  test("cast access-list (eth_createAccessList) feeds cast send --access-list; cast proof (eth_getProof)", async () => {
    const list = JSON.parse(
      await cast(
        "access-list",
        "--rpc-url",
        dev.url,
        "--json",
        "--from",
        ADDRESSES[0],
        token,
        "transfer(address,uint256)",
        ADDRESSES[2],
        "3",
      ),
    ) as { accessList: { address: string; storageKeys: string[] }[]; gasUsed: string };
    assert.equal(list.accessList.length, 1);
    assert.equal(list.accessList[0]!.address, token);
    assert.equal(list.accessList[0]!.storageKeys.length, 2); // the two balances
    const sent = JSON.parse(
      await cast(
        "send",
        "--rpc-url",
        dev.url,
        "--private-key",
        KEYS[0],
        "--json",
        token,
        "transfer(address,uint256)",
        ADDRESSES[2],
        "3",
        "--access-list",
        JSON.stringify(list.accessList),
      ),
    ) as CastReceipt & { gasUsed: string };
    assert.equal(sent.status, "0x1");
    const tx = JSON.parse(await cast("tx", "--rpc-url", dev.url, "--json", sent.transactionHash)) as {
      accessList: { address: string; storageKeys: string[] }[];
    };
    assert.deepEqual(tx.accessList, list.accessList);
    assert.equal(sent.gasUsed, list.gasUsed);

    const proof = JSON.parse(await cast("proof", "--rpc-url", dev.url, token, "0x2")) as {
      codeHash: string;
      nonce: string;
      accountProof: string[];
      storageProof: { key: string; value: string; proof: string[] }[];
    };
    assert.equal(proof.nonce, "0x1");
    assert.equal(proof.codeHash, await cast("keccak", await cast("code", "--rpc-url", dev.url, token)));
    assert.ok(proof.accountProof.length > 0);
    // slot 2 of OpenZeppelin's ERC20 is the total supply
    assert.equal(BigInt(proof.storageProof[0]!.value), 1_000_000n);
  });

  test("cast call reports a custom-error revert with its data, which cast decode-error decodes", async () => {
    const err = await cast("call", "--rpc-url", dev.url, "--from", ADDRESSES[0], token, "forbidden(uint256)", "42").then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.ok(err !== undefined, "the call must revert");
    const data = /execution reverted, data: "(0x[0-9a-f]+)"/.exec(err.message)?.[1];
    assert.ok(data !== undefined, err.message);
    const decoded = await cast("decode-error", "--sig", "NotAllowed(address,uint256)", data);
    assert.deepEqual(decoded.split("\n"), [ADDRESSES[0], "42"]);
  });

  test("cast send --auth sends an EIP-7702 transaction with a signed authorization", async () => {
    const { Delegate } = contracts();
    const created = JSON.parse(
      await cast("send", "--rpc-url", dev.url, "--private-key", KEYS[0], "--json", "--create", Delegate.bytecode),
    ) as CastReceipt;
    const delegate = created.contractAddress!;
    const auth = await cast("wallet", "sign-auth", "--rpc-url", dev.url, "--private-key", KEYS[1], delegate);
    // No gas limit: cast estimates it with the authorization list (25,000 intrinsic gas each).
    const sent = JSON.parse(
      await cast("send", "--rpc-url", dev.url, "--private-key", KEYS[0], "--json", "--auth", auth, ADDRESSES[1], "execute(uint256)", "5"),
    ) as CastReceipt;
    assert.equal(sent.type, "0x4");
    assert.equal(sent.status, "0x1");
    assert.equal(sent.logs[0]?.address, ADDRESSES[1].toLowerCase());
    assert.equal(await cast("code", "--rpc-url", dev.url, ADDRESSES[1]), `0xef0100${delegate.slice(2).toLowerCase()}`);
    assert.equal(await cast("call", "--rpc-url", dev.url, ADDRESSES[1], "whoAmI()(address)"), ADDRESSES[1]);
  });

  test("forge script --broadcast deploys and calls, compiled through a solc-js shim", async () => {
    const project = join(home, "project");
    mkdirSync(join(project, "src"), { recursive: true });
    mkdirSync(join(project, "script"), { recursive: true });
    const shim = writeSolcShim(join(home, "solc"));
    writeFileSync(
      join(project, "foundry.toml"),
      `[profile.default]\nsrc = "src"\nscript = "script"\nout = "out"\nlibs = []\nsolc = "${shim}"\noffline = true\nevm_version = "${EVM_VERSION}"\n`,
    );
    writeFileSync(
      join(project, "src", "Counter.sol"),
      `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Counter {
    uint256 public number;
    event Incremented(uint256 number);

    function increment() external {
        number += 1;
        emit Incremented(number);
    }
}
`,
    );
    // No forge-std here: the script declares the two cheatcodes it uses.
    writeFileSync(
      join(project, "script", "Deploy.s.sol"),
      `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Counter} from "../src/Counter.sol";

interface Vm {
    function startBroadcast() external;
    function stopBroadcast() external;
}

contract Deploy {
    Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function run() external returns (Counter counter) {
        vm.startBroadcast();
        counter = new Counter();
        counter.increment();
        counter.increment();
        vm.stopBroadcast();
    }
}
`,
    );
    const { stdout } = await runTool(
      "forge",
      ["script", "script/Deploy.s.sol:Deploy", "--rpc-url", dev.url, "--private-key", KEYS[2], "--broadcast"],
      { home, cwd: project },
    );
    assert.match(stdout, /ONCHAIN EXECUTION COMPLETE & SUCCESSFUL/);
    const log = readJson<{
      transactions: { transactionType: string; contractName: string; contractAddress: string; hash: string }[];
      receipts: { status: string; transactionHash: string }[];
    }>(join(project, "broadcast", "Deploy.s.sol", "31337", "run-latest.json"));
    assert.deepEqual(
      log.transactions.map((t) => t.transactionType),
      ["CREATE", "CALL", "CALL"],
    );
    assert.deepEqual(
      log.receipts.map((r) => r.status),
      ["0x1", "0x1", "0x1"],
    );
    const counter = log.transactions[0]!.contractAddress;
    assert.equal(await cast("call", "--rpc-url", dev.url, counter, "number()(uint256)"), "2");
    const deployTx = JSON.parse(await cast("tx", "--rpc-url", dev.url, "--json", log.transactions[0]!.hash)) as { from: string };
    assert.equal(deployTx.from.toLowerCase(), ADDRESSES[2].toLowerCase());
  });
});
