/**
 * Runs a `cairn` fixture command (statetest, blocktest) over many files in parallel child
 * processes, as a user would: each process reads fixture paths on stdin and answers one JSON
 * line per file; a process gets its next file when it answers the previous one. Shared by the
 * conformance runners, with the committed list files they read.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../fixtures.js";

export const CONFORMANCE_DIR = join(REPO_ROOT, "packages", "node", "test", "conformance");
export const CLI = join(REPO_ROOT, "packages", "node", "dist", "src", "cli", "main.js");

/** Lines of a list file, without blanks and # comments; empty if the file is absent. */
export function readList(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"));
}

/**
 * Runs `cairn ...args` over `files` in `workers` processes. `failed(name, error)` makes the
 * entries recorded for a file whose line does not parse or whose process died on it.
 */
export async function runCliPool<E>(
  args: string[],
  files: string[],
  failed: (name: string, error: string) => E[],
  workers = 2,
): Promise<Map<string, E[]>> {
  const results = new Map<string, E[]>();
  let next = 0;
  const worker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ["pipe", "pipe", "inherit"] });
      const pending: string[] = [];
      let buffered = "";
      const feed = (): void => {
        if (next < files.length) {
          const f = files[next++]!;
          pending.push(f);
          child.stdin.write(`${f}\n`);
        } else {
          child.stdin.end();
        }
      };
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        buffered += chunk;
        for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          const file = pending.shift();
          if (file === undefined) {
            reject(new Error(`unexpected output line: ${line.slice(0, 200)}`));
            return;
          }
          let entries: E[];
          try {
            entries = JSON.parse(line) as E[];
          } catch {
            entries = failed("(output)", `unparsable line: ${line.slice(0, 200)}`);
          }
          results.set(file, entries);
          feed();
        }
      });
      child.on("error", reject);
      child.on("close", (code, signal) => {
        // Files handed over but never answered: the process died on them.
        for (const file of pending.splice(0)) results.set(file, failed("(process)", `${args[0]} exited with ${signal ?? code}`));
        resolve();
      });
      feed();
    });
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
