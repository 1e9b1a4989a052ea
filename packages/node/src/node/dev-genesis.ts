/**
 * node/dev-genesis: the developer chain's genesis, built in code: every fork up to the chosen
 * one active at block 0 (Prague by default), the funded dev accounts, and the system contracts
 * the post-Cancun block rules call, with the runtime code their EIPs specify:
 * EIP-4788 beacon roots, EIP-2935 block hash history, EIP-7002 withdrawal requests and
 * EIP-7251 consolidation requests (from Prague a block fails when the last two have no code).
 * The genesis timestamp is fixed, so a restart on the same data dir finds the same genesis.
 * The chain id is not a header field, so it goes into the genesis extra data: a data dir made
 * for another chain id then holds another genesis and is refused instead of silently reused.
 */
import {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_REQUEST_ADDRESS,
  HISTORY_STORAGE_ADDRESS,
  WITHDRAWAL_REQUEST_ADDRESS,
} from "../execution/index.js";
import { chainSpecAtFork, type Fork, forkAtLeast, type Genesis, type GenesisAccount } from "../params/index.js";
import { type Address, hexToBytes, utf8ToBytes } from "../primitives/index.js";

/** Gas limit of the dev chain's blocks, anvil's default. */
export const DEV_GAS_LIMIT = 30_000_000n;
export const ETHER = 10n ** 18n;

const BEACON_ROOTS_CODE =
  "0x3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500";
const HISTORY_STORAGE_CODE =
  "0x3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500";
const WITHDRAWAL_REQUEST_CODE =
  "0x3373fffffffffffffffffffffffffffffffffffffffe1460cb5760115f54807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff146101f457600182026001905f5b5f82111560685781019083028483029004916001019190604d565b909390049250505036603814608857366101f457346101f4575f5260205ff35b34106101f457600154600101600155600354806003026004013381556001015f35815560010160203590553360601b5f5260385f601437604c5fa0600101600355005b6003546002548082038060101160df575060105b5f5b8181146101835782810160030260040181604c02815460601b8152601401816001015481526020019060020154807fffffffffffffffffffffffffffffffff00000000000000000000000000000000168252906010019060401c908160381c81600701538160301c81600601538160281c81600501538160201c81600401538160181c81600301538160101c81600201538160081c81600101535360010160e1565b910180921461019557906002556101a0565b90505f6002555f6003555b5f54807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff14156101cd57505f5b6001546002828201116101e25750505f6101e8565b01600290035b5f555f600155604c025ff35b5f5ffd";
const CONSOLIDATION_REQUEST_CODE =
  "0x3373fffffffffffffffffffffffffffffffffffffffe1460d35760115f54807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1461019a57600182026001905f5b5f82111560685781019083028483029004916001019190604d565b9093900492505050366060146088573661019a573461019a575f5260205ff35b341061019a57600154600101600155600354806004026004013381556001015f358155600101602035815560010160403590553360601b5f5260605f60143760745fa0600101600355005b6003546002548082038060021160e7575060025b5f5b8181146101295782810160040260040181607402815460601b815260140181600101548152602001816002015481526020019060030154905260010160e9565b910180921461013b5790600255610146565b90505f6002555f6003555b5f54807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff141561017357505f5b6001546001828201116101885750505f61018e565b01600190035b5f555f6001556074025ff35b5f5ffd";

function systemContract(address: Address, code: string): GenesisAccount {
  // Deployed by their EIPs' keyless transactions, which leave nonce 1.
  return { address, balance: 0n, nonce: 1n, code: hexToBytes(code), storage: new Map() };
}

export interface DevGenesisOptions {
  readonly chainId: bigint;
  readonly fork: Fork;
  readonly accounts: readonly Address[];
  /** balance of each account in wei */
  readonly balance: bigint;
}

export function devGenesis(opts: DevGenesisOptions): Genesis {
  const alloc: GenesisAccount[] = opts.accounts.map((address) => ({
    address,
    balance: opts.balance,
    nonce: 0n,
    code: new Uint8Array(0),
    storage: new Map(),
  }));
  if (forkAtLeast(opts.fork, "Cancun")) alloc.push(systemContract(BEACON_ROOTS_ADDRESS, BEACON_ROOTS_CODE));
  if (forkAtLeast(opts.fork, "Prague")) {
    alloc.push(systemContract(HISTORY_STORAGE_ADDRESS, HISTORY_STORAGE_CODE));
    alloc.push(systemContract(WITHDRAWAL_REQUEST_ADDRESS, WITHDRAWAL_REQUEST_CODE));
    alloc.push(systemContract(CONSOLIDATION_REQUEST_ADDRESS, CONSOLIDATION_REQUEST_CODE));
  }
  return {
    spec: chainSpecAtFork(opts.fork, opts.chainId),
    timestamp: 0n,
    // at most 16 + 16 bytes: within the 32 bytes of extra data a header may carry
    extraData: utf8ToBytes(`cairn-dev chain ${opts.chainId}`),
    gasLimit: DEV_GAS_LIMIT,
    difficulty: 0n,
    alloc,
  };
}
