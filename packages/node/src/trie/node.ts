/**
 * trie/node: the Merkle-Patricia trie's node kinds (yellow paper appendix D), their RLP encoding
 * and decoding, and node references.
 *
 * A node is referenced from its parent by its RLP encoding when that is shorter than 32 bytes
 * ("inline" node) and otherwise by keccak256 of the encoding; only hashed nodes are stored on
 * their own. Each in-memory node memoizes its reference (`ref`: the exact bytes that appear in
 * the parent's encoding) so that re-hashing after an update touches only new nodes: updates
 * never mutate a node's content, they build new nodes along the changed path (path copying),
 * and every untouched subtree keeps its memoized reference.
 */

import type { RlpItem } from "../rlp/index.js";
import { decodeRlp, encodeRlp, RlpError } from "../rlp/index.js";
import { TrieError } from "./errors.js";
import { decodeHexPrefix } from "./nibbles.js";

export type Hasher = (data: Uint8Array) => Uint8Array;

/** keccak256(rlp("")): the root of the empty trie. */
export const EMPTY_TRIE_ROOT: Uint8Array = Uint8Array.from(
  Buffer.from("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", "hex"),
);

interface NodeMemo {
  /**
   * Memoized reference as embedded in the parent: the encoding (< 32 bytes) or 0xa0 ++ hash. A
   * hashed node may have only its `hash` until someone asks for the bytes (refLength, nodeRef).
   */
  ref: Uint8Array | undefined;
  /** keccak256 of the encoding, for hashed nodes (and for the root, whatever its size). */
  hash: Uint8Array | undefined;
  /** The encoding, kept only while the node is dirty so that commit need not re-encode. */
  enc: Uint8Array | undefined;
  /** Created since the last commit (not in the store yet). */
  dirty: boolean;
  /**
   * The trie that may change this node in place (trie.ts), set on the nodes a trie's updates
   * create; it does so only while the node's reference is not computed yet.
   */
  owner: object | undefined;
}

export interface LeafNode extends NodeMemo {
  kind: "leaf";
  /** Remaining key nibbles below the parent. */
  path: Uint8Array;
  value: Uint8Array;
}

export interface ExtNode extends NodeMemo {
  kind: "ext";
  /** Shared key nibbles, never empty. */
  path: Uint8Array;
  /** Always a branch once resolved. Replaced in place by its resolved form when loaded. */
  child: TrieNode;
}

export interface BranchNode extends NodeMemo {
  kind: "branch";
  /** 16 slots; a HashNode slot is replaced in place by its resolved form when loaded. */
  children: (TrieNode | null)[];
  /** Value of the key that ends at this branch (empty values are never stored). */
  value: Uint8Array | null;
}

/** A reference to a stored node that has not been loaded. */
export interface HashNode extends NodeMemo {
  kind: "hash";
  hash: Uint8Array;
}

export type TrieNode = LeafNode | ExtNode | BranchNode | HashNode;

export function leafNode(path: Uint8Array, value: Uint8Array, owner?: object): LeafNode {
  return { kind: "leaf", path, value, ref: undefined, hash: undefined, enc: undefined, dirty: true, owner };
}

export function extNode(path: Uint8Array, child: TrieNode, owner?: object): ExtNode {
  return { kind: "ext", path, child, ref: undefined, hash: undefined, enc: undefined, dirty: true, owner };
}

export function branchNode(children: (TrieNode | null)[], value: Uint8Array | null, owner?: object): BranchNode {
  return { kind: "branch", children, value, ref: undefined, hash: undefined, enc: undefined, dirty: true, owner };
}

export function hashNode(hash: Uint8Array, ref?: Uint8Array): HashNode {
  return { kind: "hash", hash, ref, enc: undefined, dirty: false, owner: undefined };
}

export function emptyChildren(): (TrieNode | null)[] {
  return [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null];
}

/**
 * Hash-referenced encodings (32 bytes or more) are carved out of shared slabs instead of each
 * getting its own ArrayBuffer. A block import encodes tens of thousands of such nodes (a branch
 * is about 530 bytes, above V8's on-heap limit, so each would be a separately allocated and
 * separately collected backing store) and writes them to LMDB, which looks up the address of
 * every value's ArrayBuffer once per buffer. A slab lives as long as any encoding in it: the
 * encodings are the node's `enc` until commit and then the staged database value, so a slab
 * outlives a block only where a node store keeps values as given (MemoryNodeStore) or where a
 * node read back from a write batch before its write is kept decoded (trie/node-cache). Inline
 * encodings (under 32 bytes) become node references kept for the node's life, so they get
 * their own small arrays and never hold a slab.
 */
const SLAB_BYTES = 16 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

function allocEncoding(length: number): Uint8Array {
  if (length < 32 || length > SLAB_BYTES / 4) return new Uint8Array(length);
  if (slabUsed + length > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = new Uint8Array(slab, slabUsed, length);
  slabUsed += length;
  return out;
}

/** Bytes an RLP length header takes for a payload of `len` bytes (short form below 56). */
function headerLength(len: number): number {
  if (len < 56) return 1;
  let n = 1;
  for (let l = len; l > 0; l = Math.floor(l / 256)) n++;
  return n;
}

/** Encoded size of a byte string of length `len` whose first byte is `first`. */
function stringLength(len: number, first: number): number {
  return len === 1 && first < 0x80 ? 1 : headerLength(len) + len;
}

/** Writes an RLP header (`base` 0x80 for strings, 0xc0 for lists) at `pos`; returns the next position. */
function writeHeader(out: Uint8Array, pos: number, len: number, base: number): number {
  if (len < 56) {
    out[pos] = base + len;
    return pos + 1;
  }
  const ll = headerLength(len) - 1;
  out[pos] = base + 55 + ll;
  for (let i = ll; i >= 1; i--) {
    out[pos + i] = len & 0xff;
    len = Math.floor(len / 256);
  }
  return pos + 1 + ll;
}

/** Writes the byte string `b` RLP-encoded at `pos`; returns the next position. */
function writeString(out: Uint8Array, pos: number, b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) {
    out[pos] = b[0]!;
    return pos + 1;
  }
  pos = writeHeader(out, pos, b.length, 0x80);
  out.set(b, pos);
  return pos + b.length;
}

/** A leaf or extension: `[hexPrefix(path), second]`, the hex prefix written in place (nibbles.ts). */
function encodeShortNode(path: Uint8Array, leaf: boolean, second: Uint8Array, secondIsRef: boolean): Uint8Array {
  const odd = path.length & 1;
  const hpLen = (path.length >> 1) + 1;
  const hpFirst = (((leaf ? 2 : 0) | odd) << 4) | (odd ? path[0]! : 0);
  // A child reference is already an encoded item; a leaf value is a byte string to encode.
  const secondLen = secondIsRef ? second.length : stringLength(second.length, second[0] ?? 0);
  const payload = stringLength(hpLen, hpFirst) + secondLen;
  const out = allocEncoding(headerLength(payload) + payload);
  let pos = writeHeader(out, 0, payload, 0xc0);
  if (hpLen === 1 && hpFirst < 0x80) out[pos++] = hpFirst;
  else {
    pos = writeHeader(out, pos, hpLen, 0x80);
    out[pos++] = hpFirst;
    for (let i = odd; i < path.length; i += 2) out[pos++] = (path[i]! << 4) | path[i + 1]!;
  }
  if (secondIsRef) out.set(second, pos);
  else writeString(out, pos, second);
  return out;
}

/**
 * The RLP encoding of a node, written straight into one array. Children's references are
 * computed (and memoized) on the way, so this hashes exactly the descendants whose references
 * are not known yet.
 */
export function encodeNode(node: TrieNode, hasher: Hasher): Uint8Array {
  switch (node.kind) {
    case "leaf":
      return encodeShortNode(node.path, true, node.value, false);
    case "ext":
      return encodeShortNode(node.path, false, nodeRef(node.child, hasher), true);
    case "branch": {
      const children = node.children;
      let payload = 0;
      for (let i = 0; i < 16; i++) {
        const c = children[i];
        payload += c ? refLength(c, hasher) : 1;
      }
      const value = node.value;
      payload += value ? stringLength(value.length, value[0]!) : 1;
      const out = allocEncoding(headerLength(payload) + payload);
      let pos = writeHeader(out, 0, payload, 0xc0);
      // Each child's reference is known now (refLength): its inline encoding or its hash.
      for (let i = 0; i < 16; i++) {
        const c = children[i];
        if (!c) out[pos++] = 0x80;
        else if (c.ref !== undefined) {
          out.set(c.ref, pos);
          pos += c.ref.length;
        } else {
          out[pos] = 0xa0;
          out.set(c.hash!, pos + 1);
          pos += 33;
        }
      }
      if (value) writeString(out, pos, value);
      else out[pos] = 0x80;
      return out;
    }
    case "hash":
      throw new TrieError("a hash reference has no encoding of its own; resolve it first");
  }
}

function hashRef(hash: Uint8Array): Uint8Array {
  const ref = new Uint8Array(33);
  ref[0] = 0xa0;
  ref.set(hash, 1);
  return ref;
}

/**
 * `0xa0 ‖ hash` for a hash that may be a view into a stored parent's encoding, where those 33
 * bytes already are (a decoded child reference): then a view, else a copy.
 */
function refOfHash(hash: Uint8Array): Uint8Array {
  const offset = hash.byteOffset;
  if (offset > 0) {
    const ref = new Uint8Array(hash.buffer, offset - 1, 33);
    if (ref[0] === 0xa0) return ref;
  }
  return hashRef(hash);
}

/**
 * Makes the node's reference known and returns its length: an inline node (encoding under 32
 * bytes) memoizes its encoding as `ref`, a hashed one only its `hash` (the reference is
 * `0xa0 ‖ hash`, 33 bytes, written straight into the parent's encoding). A hashed node thus
 * costs no separate reference array, which matters because a trie keeps its nodes for as long
 * as it lives. Once either is set the node's content is fixed (trie.ts changes in place only
 * nodes with neither).
 */
function refLength(node: TrieNode, hasher: Hasher): number {
  if (node.ref !== undefined) return node.ref.length;
  if (node.hash !== undefined) return 33;
  const enc = encodeNode(node, hasher);
  if (node.dirty) node.enc = enc;
  if (enc.length >= 32) {
    node.hash = hasher(enc);
    return 33;
  }
  node.ref = enc;
  return enc.length;
}

/**
 * The node's reference bytes as embedded in its parent, computed once and memoized. A hashed
 * node's reference array is made only when asked for (a proof, an extension's encoding); for a
 * decoded child it is a view into its parent's stored encoding where the bytes already are.
 */
export function nodeRef(node: TrieNode, hasher: Hasher): Uint8Array {
  if (refLength(node, hasher) === 33 && node.ref === undefined) node.ref = refOfHash(node.hash!);
  return node.ref!;
}

/** True if the node is referenced by hash (stored on its own) rather than inlined. */
export function isHashedRef(ref: Uint8Array): boolean {
  return ref.length === 33;
}

function fromRlpError(err: unknown, what: string): never {
  if (err instanceof RlpError) throw new TrieError(`${what}: ${err.message}`);
  throw err;
}

/** Decodes a child slot: empty, a 32-byte hash, or an inline node (encoded under 32 bytes). */
function decodeRef(item: RlpItem): TrieNode | null {
  if (Array.isArray(item)) {
    // Strict decoding guarantees canonical input, so re-encoding gives back the original bytes.
    const enc = encodeRlp(item);
    if (enc.length >= 32) throw new TrieError(`inline node of ${enc.length} bytes must be referenced by hash`);
    const node = nodeFromItem(item);
    node.ref = enc;
    return node;
  }
  if (item.length === 0) return null;
  // The hash's bytes are a view into the parent's encoding, right after the 0xa0 header; the
  // reference is made from them if a parent is ever re-encoded (nodeRef).
  if (item.length === 32) return hashNode(item);
  throw new TrieError(`invalid node reference of ${item.length} bytes`);
}

function nodeFromItem(item: RlpItem): LeafNode | ExtNode | BranchNode {
  if (!Array.isArray(item)) throw new TrieError("a trie node must be a list");
  if (item.length === 17) {
    const children = emptyChildren();
    for (let i = 0; i < 16; i++) children[i] = decodeRef(item[i]!);
    const v = item[16]!;
    if (Array.isArray(v)) throw new TrieError("branch value must be a byte string");
    const node = branchNode(children, v.length === 0 ? null : v);
    node.dirty = false;
    return node;
  }
  if (item.length === 2) {
    const [p, second] = item as [RlpItem, RlpItem];
    if (Array.isArray(p)) throw new TrieError("node path must be a byte string");
    const { path, leaf } = decodeHexPrefix(p);
    if (leaf) {
      if (Array.isArray(second)) throw new TrieError("leaf value must be a byte string");
      const node = leafNode(path, second);
      node.dirty = false;
      return node;
    }
    if (path.length === 0) throw new TrieError("extension node with an empty path");
    const child = decodeRef(second);
    if (child === null) throw new TrieError("extension node without a child");
    const node = extNode(path, child);
    node.dirty = false;
    return node;
  }
  throw new TrieError(`a trie node has 2 or 17 items, not ${item.length}`);
}

/** Decodes a stored node loaded under `hash` (clean: it is already in the store). */
export function decodeNode(encoded: Uint8Array, hash: Uint8Array): LeafNode | ExtNode | BranchNode {
  let item: RlpItem;
  try {
    item = decodeRlp(encoded);
  } catch (err) {
    fromRlpError(err, "malformed trie node");
  }
  let node: LeafNode | ExtNode | BranchNode;
  try {
    node = nodeFromItem(item);
  } catch (err) {
    fromRlpError(err, "malformed trie node");
  }
  node.hash = hash;
  // A node of 32 bytes or more is referenced by its hash, made when needed (nodeRef); only a
  // root can be smaller, and then its encoding is its reference.
  if (encoded.length < 32) node.ref = encoded;
  return node;
}
