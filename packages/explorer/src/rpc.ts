/**
 * rpc: the explorer's only way to the node, public JSON-RPC over HTTP (POST to the page's own
 * origin, as an outside explorer would) with batches for list pages. "method not found"
 * (-32601) is remembered per method so optional features (traces, ots_, logs) degrade to a
 * note instead of an error.
 */
export const METHOD_NOT_FOUND = -32601;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "RpcError";
  }
}

/** An optional method the node does not serve. */
export class Unavailable {
  constructor(readonly method: string) {}
}

interface Reply {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class Rpc {
  private nextId = 1;
  private readonly missing = new Set<string>();

  constructor(readonly url: string) {}

  get wsUrl(): string {
    const u = new URL(this.url);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    return u.href;
  }

  private async post(body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch (e) {
      throw new Error(`the node did not answer (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!res.ok) throw new Error(`the node answered HTTP ${res.status}`);
    return res.json();
  }

  private unwrap<T>(method: string, r: Reply): T {
    if (r.error !== undefined) {
      if (r.error.code === METHOD_NOT_FOUND) this.missing.add(method);
      throw new RpcError(r.error.code, r.error.message, r.error.data);
    }
    return r.result as T;
  }

  async call<T>(method: string, params: readonly unknown[] = []): Promise<T> {
    const id = this.nextId++;
    const r = (await this.post({ jsonrpc: "2.0", id, method, params })) as Reply;
    return this.unwrap<T>(method, r);
  }

  /** One HTTP request for many calls; each entry is its result or its RpcError. */
  async batch<T>(calls: readonly (readonly [string, readonly unknown[]])[]): Promise<(T | RpcError)[]> {
    if (calls.length === 0) return [];
    const first = this.nextId;
    this.nextId += calls.length;
    const body = calls.map(([method, params], i) => ({ jsonrpc: "2.0", id: first + i, method, params }));
    const replies = (await this.post(body)) as Reply[] | Reply;
    if (!Array.isArray(replies)) throw new RpcError(replies.error?.code ?? -1, replies.error?.message ?? "bad batch answer");
    const byId = new Map(replies.map((r) => [r.id, r]));
    return calls.map(([method], i) => {
      const r = byId.get(first + i);
      if (r === undefined) return new RpcError(-1, "no answer in batch");
      try {
        return this.unwrap<T>(method, r);
      } catch (e) {
        return e as RpcError;
      }
    });
  }

  /** Batch split into chunks so a long scan never hits the node's batch limit. */
  async batchAll<T>(calls: readonly (readonly [string, readonly unknown[]])[], chunk = 100): Promise<(T | RpcError)[]> {
    const out: (T | RpcError)[] = [];
    for (let i = 0; i < calls.length; i += chunk) out.push(...(await this.batch<T>(calls.slice(i, i + chunk))));
    return out;
  }

  /** A call to a method the node may not serve: Unavailable instead of an error. */
  async optional<T>(method: string, params: readonly unknown[] = []): Promise<T | Unavailable> {
    if (this.missing.has(method)) return new Unavailable(method);
    try {
      return await this.call<T>(method, params);
    } catch (e) {
      if (e instanceof RpcError && e.code === METHOD_NOT_FOUND) return new Unavailable(method);
      throw e;
    }
  }

  knownMissing(method: string): boolean {
    return this.missing.has(method);
  }
}

export function ok<T>(v: T | RpcError): v is T {
  return !(v instanceof RpcError);
}
