/**
 * rpc/verify/solc-worker: runs one solc-js standard-JSON compilation in a worker thread, so
 * the seconds solc-js takes (loading its emscripten module, then compiling) never block the
 * node's event loop. Loads the compiler package named by its package.json path, compiles, posts
 * `{ version, output }` and ends. Imports are not resolved from the node's disk: a caller sends
 * every source (standard JSON input), so a request cannot make the node read its own files.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { parentPort, workerData } from "node:worker_threads";

interface SolcModule {
  version(): string;
  compile(input: string, callbacks?: { import: (path: string) => { contents: string } | { error: string } }): string;
}

const { packageJson, input } = workerData as { packageJson: string; input: string };
try {
  const solc = createRequire(packageJson)(dirname(packageJson)) as SolcModule;
  const output = solc.compile(input, {
    import: (path) => ({ error: `imports are not read from the node's disk (${path}): send standard JSON input with every source` }),
  });
  parentPort?.postMessage({ version: solc.version(), output });
} catch (e) {
  parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
