/**
 * rpc/errors: JSON-RPC error codes and the `RpcError` class every handler throws to answer with
 * a code, message and optional data. Codes and wording follow go-ethereum's rpc/errors.go so
 * clients that match on geth's messages keep working (JSON-RPC 2.0 section 5.1, EIP-1474).
 */

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
/** geth's errcodeDefault: a handler error that carries no code of its own. */
export const SERVER_ERROR = -32000;
/** geth's errcodeTimeout. */
export const TIMEOUT_ERROR = -32002;
/** geth's errcodeResponseTooLarge. */
export const RESPONSE_TOO_LARGE = -32003;
/** Execution reverted (EIP-140 REVERT): geth answers code 3 with the revert data. */
export const EXECUTION_REVERTED = 3;

/** A JSON-RPC application error: code, message and optional data, answered as is. */
export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = "RpcError";
    this.code = code;
    this.data = data;
  }

  /** The `error` member of a response object. */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/** Raised by the rpc module for misuse of its own API (bad options, duplicate methods). */
export class RpcServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RpcServerError";
  }
}

export function parseError(): RpcError {
  return new RpcError(PARSE_ERROR, "parse error");
}

export function invalidRequest(message = "invalid request"): RpcError {
  return new RpcError(INVALID_REQUEST, message);
}

export function methodNotFound(method: string): RpcError {
  return new RpcError(METHOD_NOT_FOUND, `the method ${method} does not exist/is not available`);
}

export function invalidParams(message: string): RpcError {
  return new RpcError(INVALID_PARAMS, message);
}

/** geth recovers a panicking handler into this error; we do the same for programming bugs. */
export function handlerCrashed(): RpcError {
  return new RpcError(INTERNAL_ERROR, "method handler crashed");
}

export function requestTimedOut(): RpcError {
  return new RpcError(TIMEOUT_ERROR, "request timed out");
}

/** Revert with the raw return data as 0x-hex, as geth's eth_call and eth_estimateGas answer. */
export function executionReverted(dataHex: string, reason?: string): RpcError {
  const message = reason === undefined ? "execution reverted" : `execution reverted: ${reason}`;
  return new RpcError(EXECUTION_REVERTED, message, dataHex);
}
