/** types: the JSON shapes of go-ethereum's RPC answers that the explorer reads. */
export type Hex = string;

export interface RpcTx {
  hash: Hex;
  blockHash: Hex | null;
  blockNumber: Hex | null;
  transactionIndex: Hex | null;
  from: Hex;
  to: Hex | null;
  value: Hex;
  gas: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  maxFeePerBlobGas?: Hex;
  blobVersionedHashes?: Hex[];
  input: Hex;
  nonce: Hex;
  type: Hex;
  chainId?: Hex;
}

export interface RpcLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  logIndex: Hex;
  transactionHash: Hex;
  blockNumber: Hex;
}

export interface RpcReceipt {
  transactionHash: Hex;
  status?: Hex;
  gasUsed: Hex;
  cumulativeGasUsed: Hex;
  effectiveGasPrice: Hex;
  contractAddress: Hex | null;
  logs: RpcLog[];
  from: Hex;
  to: Hex | null;
  blockNumber: Hex;
  blobGasUsed?: Hex;
  blobGasPrice?: Hex;
  type?: Hex;
}

export interface RpcBlock {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  timestamp: Hex;
  miner: Hex;
  gasUsed: Hex;
  gasLimit: Hex;
  baseFeePerGas?: Hex;
  blobGasUsed?: Hex;
  excessBlobGas?: Hex;
  size?: Hex;
  stateRoot: Hex;
  receiptsRoot: Hex;
  transactionsRoot: Hex;
  extraData: Hex;
  withdrawals?: { index: Hex; validatorIndex: Hex; address: Hex; amount: Hex }[];
  transactions: (RpcTx | Hex)[];
}

export interface FullBlock extends RpcBlock {
  transactions: RpcTx[];
}

/** callTracer frame (go-ethereum eth/tracers/native/call.go). */
export interface CallFrame {
  type: string;
  from: Hex;
  to?: Hex;
  value?: Hex;
  gas?: Hex;
  gasUsed?: Hex;
  input?: Hex;
  output?: Hex;
  error?: string;
  revertReason?: string;
  calls?: CallFrame[];
}

/** prestateTracer account (go-ethereum eth/tracers/native/prestate.go). */
export interface PrestateAccount {
  balance?: Hex;
  nonce?: number;
  code?: Hex;
  storage?: Record<Hex, Hex>;
}

export interface PrestateDiff {
  pre: Record<Hex, PrestateAccount>;
  post: Record<Hex, PrestateAccount>;
}
