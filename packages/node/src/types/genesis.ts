/**
 * types/genesis: the genesis header and block of a chain from its `Genesis` (params) and the
 * state root of its alloc (computed by the state layer). Defaults follow go-ethereum's
 * Genesis.ToBlock: gas limit 4,712,388 when absent or zero; difficulty 131,072 for a
 * proof-of-work genesis and 0 once the Merge is active at genesis; and the fork active at
 * genesis decides the optional fields: base fee (London, default 1 gwei), empty withdrawals
 * root (Shanghai), zero blob gas and parent beacon root (Cancun), empty requests hash (Prague).
 */
import { DEFAULT_GENESIS_DIFFICULTY, DEFAULT_GENESIS_GAS_LIMIT, forkAtLeast, type Genesis, genesisFork } from "../params/index.js";
import { type Hash32, ZERO_ADDRESS, ZERO_HASH } from "../primitives/index.js";
import { EMPTY_TRIE_ROOT } from "../trie/index.js";
import type { SealedBlock } from "./block.js";
import { emptyBloom } from "./bloom.js";
import { EMPTY_OMMERS_HASH } from "./body.js";
import { type Header, headerNonce, sealHeader } from "./header.js";
import { EMPTY_REQUESTS_HASH } from "./requests.js";

const EMPTY_ROOT = EMPTY_TRIE_ROOT as Hash32;

export function genesisHeader(genesis: Genesis, stateRoot: Hash32): Header {
  const fork = genesisFork(genesis);
  const header: Header = {
    parentHash: genesis.parentHash ?? ZERO_HASH,
    ommersHash: EMPTY_OMMERS_HASH,
    coinbase: genesis.coinbase ?? ZERO_ADDRESS,
    stateRoot,
    transactionsRoot: EMPTY_ROOT,
    receiptsRoot: EMPTY_ROOT,
    logsBloom: emptyBloom(),
    difficulty: genesis.difficulty ?? (forkAtLeast(fork, "Paris") ? 0n : DEFAULT_GENESIS_DIFFICULTY),
    number: genesis.number ?? 0n,
    gasLimit: genesis.gasLimit || DEFAULT_GENESIS_GAS_LIMIT,
    gasUsed: genesis.gasUsed ?? 0n,
    timestamp: genesis.timestamp ?? 0n,
    extraData: genesis.extraData ?? new Uint8Array(0),
    mixHash: genesis.mixHash ?? ZERO_HASH,
    nonce: headerNonce(genesis.nonce ?? 0n),
  };
  if (forkAtLeast(fork, "London")) header.baseFeePerGas = genesis.baseFeePerGas ?? genesis.spec.feeMarket.initialBaseFee;
  if (forkAtLeast(fork, "Shanghai")) header.withdrawalsRoot = EMPTY_ROOT;
  if (forkAtLeast(fork, "Cancun")) {
    header.blobGasUsed = genesis.blobGasUsed ?? 0n;
    header.excessBlobGas = genesis.excessBlobGas ?? 0n;
    header.parentBeaconBlockRoot = genesis.parentBeaconBlockRoot ?? ZERO_HASH;
  }
  if (forkAtLeast(fork, "Prague")) header.requestsHash = EMPTY_REQUESTS_HASH;
  return header;
}

/** The genesis block: its header and an empty body (with an empty withdrawals list from Shanghai). */
export function genesisBlock(genesis: Genesis, stateRoot: Hash32): SealedBlock {
  const header = genesisHeader(genesis, stateRoot);
  return {
    header: sealHeader(header),
    body: { transactions: [], ommers: [], withdrawals: header.withdrawalsRoot ? [] : undefined },
  };
}
