/** Errors raised by the trie: missing or malformed nodes, invalid proofs. */
export class TrieError extends Error {
  override name = "TrieError";
}
