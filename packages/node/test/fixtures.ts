/**
 * Locating the official test vectors. They live in `../shared/fixtures` beside the repository
 * root and are never copied into it; tests skip with a printed reason when they are absent.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "packages")) && existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("repository root not found");
    dir = parent;
  }
}

export const REPO_ROOT = findRepoRoot();
export const FIXTURES_ROOT = process.env.CAIRN_FIXTURES ?? resolve(REPO_ROOT, "..", "shared", "fixtures");
export const ETHEREUM_TESTS = join(FIXTURES_ROOT, "ethereum-tests");

/** Absolute path of a fixture folder or file, or undefined (with a printed reason) if absent. */
export function fixturePath(relative: string): string | undefined {
  const p = join(ETHEREUM_TESTS, relative);
  if (!existsSync(p)) {
    console.log(`skipped: fixture path ${p} is not present`);
    return undefined;
  }
  return p;
}

/** All `.json` files below a folder, sorted, recursively. */
export function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".json")) out.push(p);
    }
  };
  walk(dir);
  return out;
}
