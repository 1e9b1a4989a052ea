/**
 * params/forks: the ordered list of Ethereum hard forks Cairn knows, by the names the official
 * test fixtures use. Rules elsewhere compare forks by order (`forkAtLeast`), never by name
 * strings scattered through the code.
 */

export const FORKS = [
  "Frontier",
  "Homestead",
  "EIP150", // Tangerine Whistle
  "EIP158", // Spurious Dragon
  "Byzantium",
  "Constantinople",
  "ConstantinopleFix", // Petersburg
  "Istanbul",
  "Berlin",
  "London",
  "Paris", // the Merge
  "Shanghai",
  "Cancun",
  "Prague",
  "Osaka",
] as const;

export type Fork = (typeof FORKS)[number];

const ORDER = new Map<string, number>(FORKS.map((f, i) => [f, i]));

/** Other names in common use, mapped to the fixture names. */
const ALIASES: Record<string, Fork> = {
  TangerineWhistle: "EIP150",
  SpuriousDragon: "EIP158",
  Petersburg: "ConstantinopleFix",
  Merge: "Paris",
  MuirGlacier: "Istanbul",
};

export function isFork(name: string): name is Fork {
  return ORDER.has(name);
}

/** Resolves a fork name or alias (case-insensitive); undefined if unknown. */
export function parseFork(name: string): Fork | undefined {
  if (isFork(name)) return name;
  const lower = name.toLowerCase();
  for (const f of FORKS) if (f.toLowerCase() === lower) return f;
  for (const [alias, f] of Object.entries(ALIASES)) if (alias.toLowerCase() === lower) return f;
  return undefined;
}

export function forkIndex(fork: Fork): number {
  return ORDER.get(fork)!;
}

/** True when `fork` is `since` or later. */
export function forkAtLeast(fork: Fork, since: Fork): boolean {
  return forkIndex(fork) >= forkIndex(since);
}
