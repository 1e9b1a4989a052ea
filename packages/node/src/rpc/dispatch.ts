/**
 * rpc/dispatch: JSON-RPC 2.0 message handling shared by every transport, answering as geth's
 * rpc/handler.go and rpc/json.go do:
 * - unparsable text: -32700 "parse error" with id null;
 * - a message without "jsonrpc":"2.0", without a method, or with an object/array id: -32600
 *   "invalid request" (echoing the id when it is a valid one);
 * - no "id" member: a notification, run but never answered;
 * - unknown or disabled method: -32601 "the method X does not exist/is not available";
 * - params that are neither absent, null nor an array: -32602 "non-array args";
 * - batches: empty -> -32600 "empty batch"; over the limit -> one -32600 "batch too large"
 *   carrying the first call's id; otherwise one answer per call, in order, and no answer at all
 *   when the batch held only notifications.
 * Handler failures: an RpcError is answered as is; a programming error (TypeError and kin) as
 * -32603 "method handler crashed" (geth's answer to a panic); any other Error as -32000 with its
 * message (geth's errcodeDefault).
 */
import {
  handlerCrashed,
  INTERNAL_ERROR,
  invalidParams,
  invalidRequest,
  methodNotFound,
  parseError,
  RpcError,
  requestTimedOut,
  SERVER_ERROR,
} from "./errors.js";
import { checkArity } from "./params.js";
import type { CallContext, MethodEntry, MethodRegistry } from "./registry.js";
import type { Connection, SubscriptionManager } from "./subscriptions.js";

/** geth's default BatchRequestLimit. */
export const DEFAULT_BATCH_LIMIT = 1000;

export interface DispatchOptions {
  readonly registry: MethodRegistry;
  readonly transport: CallContext["transport"];
  readonly batchLimit?: number;
  readonly connection?: Connection;
  readonly subscriptions?: SubscriptionManager;
  /** Collects ids of subscriptions created while handling this message (see CallContext). */
  readonly newSubscriptions?: string[];
  /** Aborted when the transport goes away; handlers see it through ctx.signal. */
  readonly signal?: AbortSignal;
}

type Id = string | number | boolean | null;

interface ErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

interface Response {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: ErrorBody;
}

/** Handles one transport message; returns the answer text, or undefined when none is due. */
export async function dispatchText(text: string, opts: DispatchOptions): Promise<string | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return JSON.stringify(errorResponse(null, parseError()));
  }
  const answer = await dispatchValue(value, opts);
  return answer === undefined ? undefined : serialize(answer);
}

/** Handles an already parsed message or batch. */
export async function dispatchValue(value: unknown, opts: DispatchOptions): Promise<Response | Response[] | undefined> {
  if (!Array.isArray(value)) return handleMessage(value, opts);
  if (value.length === 0) return errorResponse(null, invalidRequest("empty batch"));
  const limit = opts.batchLimit ?? DEFAULT_BATCH_LIMIT;
  if (limit > 0 && value.length > limit) {
    const firstCall = value.find((m) => isCall(m)) as Record<string, unknown> | undefined;
    const id = firstCall === undefined ? null : (firstCall.id as Id);
    return [errorResponse(id, invalidRequest("batch too large"))];
  }
  // geth runs a batch's calls one after another; so do we, which also bounds the work one
  // batch can start at once.
  const answers: Response[] = [];
  for (const msg of value) {
    const r = await handleMessage(msg, opts);
    if (r !== undefined) answers.push(r);
  }
  return answers.length === 0 ? undefined : answers;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** geth's hasValidID: present and not an object or array. */
function hasValidId(msg: Record<string, unknown>): boolean {
  if (!("id" in msg)) return false;
  const id = msg.id;
  return id === null || typeof id === "string" || typeof id === "number" || typeof id === "boolean";
}

function methodOf(msg: Record<string, unknown>): string {
  return typeof msg.method === "string" ? msg.method : "";
}

function isCall(msg: unknown): boolean {
  return isObject(msg) && msg.jsonrpc === "2.0" && hasValidId(msg) && methodOf(msg) !== "";
}

function isNotification(msg: Record<string, unknown>): boolean {
  return msg.jsonrpc === "2.0" && !("id" in msg) && methodOf(msg) !== "";
}

async function handleMessage(msg: unknown, opts: DispatchOptions): Promise<Response | undefined> {
  if (!isObject(msg)) return errorResponse(null, invalidRequest());
  if (isNotification(msg)) {
    await runCall(msg, opts);
    return undefined;
  }
  if (isCall(msg)) {
    const id = msg.id as Id;
    const outcome = await runCall(msg, opts);
    return outcome instanceof RpcError ? errorResponse(id, outcome) : { jsonrpc: "2.0", id, result: outcome };
  }
  return errorResponse(hasValidId(msg) ? (msg.id as Id) : null, invalidRequest());
}

/** Runs one call; returns its result (null for undefined) or the RpcError to answer. */
async function runCall(msg: Record<string, unknown>, opts: DispatchOptions): Promise<unknown> {
  const method = methodOf(msg);
  const entry = opts.registry.lookup(method);
  if (entry === undefined) return methodNotFound(method);
  const raw = msg.params;
  let params: unknown[];
  if (raw === undefined || raw === null) params = [];
  else if (Array.isArray(raw)) params = raw;
  else return invalidParams("non-array args");
  try {
    if (entry.arity !== undefined) checkArity(params, entry.arity[0], entry.arity[1]);
    const result = await invoke(entry, params, opts);
    return result === undefined ? null : result;
  } catch (err) {
    return toRpcError(err);
  }
}

/** The signal of calls made without a transport signal: never aborted. */
const NEVER_ABORTED = new AbortController().signal;

async function invoke(entry: MethodEntry, params: unknown[], opts: DispatchOptions): Promise<unknown> {
  const outer = opts.signal;
  // Fast path (most methods): no timeout of their own, so the transport's signal is theirs; no
  // per-call AbortController or listener, which cost more than a cheap method itself.
  if (entry.timeoutMs === undefined) {
    const ctx: CallContext = {
      transport: opts.transport,
      connection: opts.connection,
      subscriptions: opts.subscriptions,
      newSubscriptions: opts.newSubscriptions,
      signal: outer ?? NEVER_ABORTED,
    };
    return await entry.handler(params, ctx);
  }
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer !== undefined) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener("abort", onOuterAbort, { once: true });
  }
  const ctx: CallContext = {
    transport: opts.transport,
    connection: opts.connection,
    subscriptions: opts.subscriptions,
    newSubscriptions: opts.newSubscriptions,
    signal: controller.signal,
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const call = Promise.resolve().then(() => entry.handler(params, ctx));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = entry.timeoutError ? entry.timeoutError() : requestTimedOut();
        controller.abort(err);
        reject(err);
      }, entry.timeoutMs);
    });
    // A late rejection of the abandoned call must not surface as an unhandled rejection.
    call.catch(() => {});
    return await Promise.race([call, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

/** Maps anything a handler threw to the error answered to the client. */
export function toRpcError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  if (
    err instanceof TypeError ||
    err instanceof RangeError ||
    err instanceof ReferenceError ||
    err instanceof SyntaxError ||
    !(err instanceof Error)
  ) {
    return handlerCrashed();
  }
  return new RpcError(SERVER_ERROR, err.message);
}

function errorResponse(id: Id, err: RpcError): Response {
  return { jsonrpc: "2.0", id, error: err.toJSON() };
}

/** JSON text of an answer; a result that cannot be encoded becomes geth's -32603 marshal error. */
function serialize(answer: Response | Response[]): string {
  if (!Array.isArray(answer)) return serializeOne(answer);
  return `[${answer.map(serializeOne).join(",")}]`;
}

function serializeOne(r: Response): string {
  try {
    return JSON.stringify(r);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return JSON.stringify(errorResponse(r.id, new RpcError(INTERNAL_ERROR, message)));
  }
}
