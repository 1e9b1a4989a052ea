/**
 * rpc/eth/typed-data: EIP-712 structured data hashing for eth_signTypedData_v4: encodeType
 * (the primary type, then its referenced struct types sorted by name), hashStruct, the domain
 * separator and the signing digest keccak256(0x1901 || domainSeparator || hashStruct(message)).
 * Values arrive as JSON: numbers as JSON numbers, decimal or 0x-hex strings; bytes as 0x-hex;
 * arrays (T[] and T[n]) hash as the keccak256 of their concatenated element encodings.
 */
import { keccak256 } from "../../crypto/index.js";
import { bigintToFixedBytes, concatBytes, hexToBytes, utf8ToBytes } from "../../primitives/index.js";

export interface TypedField {
  readonly name: string;
  readonly type: string;
}

export type TypedTypes = Readonly<Record<string, readonly TypedField[]>>;

export interface TypedData {
  readonly types: TypedTypes;
  readonly primaryType: string;
  readonly domain: Readonly<Record<string, unknown>>;
  readonly message: Readonly<Record<string, unknown>>;
}

/** Malformed typed data (unknown type, bad value). */
export class TypedDataError extends Error {
  override readonly name = "TypedDataError";
}

/** EIP712Domain's fields in the order EIP-712 lists them, for a domain given without its type. */
const DOMAIN_FIELDS: readonly TypedField[] = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
  { name: "salt", type: "bytes32" },
];

/** The struct type an array or plain type name refers to: "Person[2][]" -> "Person". */
function baseType(type: string): string {
  const i = type.indexOf("[");
  return i < 0 ? type : type.slice(0, i);
}

function collectDeps(type: string, types: TypedTypes, found: Set<string>): void {
  const base = baseType(type);
  if (found.has(base) || types[base] === undefined) return;
  found.add(base);
  for (const f of types[base]!) collectDeps(f.type, types, found);
}

/** encodeType: "Mail(Person from,Person to,string contents)Person(string name,address wallet)". */
export function encodeType(primaryType: string, types: TypedTypes): string {
  if (types[primaryType] === undefined) throw new TypedDataError(`unknown type ${primaryType}`);
  const deps = new Set<string>();
  collectDeps(primaryType, types, deps);
  deps.delete(primaryType);
  const ordered = [primaryType, ...[...deps].sort()];
  return ordered.map((t) => `${t}(${types[t]!.map((f) => `${f.type} ${f.name}`).join(",")})`).join("");
}

export function typeHash(primaryType: string, types: TypedTypes): Uint8Array {
  return keccak256(utf8ToBytes(encodeType(primaryType, types)));
}

function toBigint(value: unknown, type: string): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && value.length > 0) {
    try {
      if (/^-?0x/i.test(value)) return value.startsWith("-") ? -BigInt(value.slice(1)) : BigInt(value);
      if (/^-?[0-9]+$/.test(value)) return BigInt(value);
    } catch {
      // falls through to the error
    }
  }
  throw new TypedDataError(`invalid ${type} value ${JSON.stringify(value)}`);
}

function bytesOf(value: unknown, type: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string" && /^0x([0-9a-fA-F]{2})*$/.test(value)) return hexToBytes(value);
  throw new TypedDataError(`invalid ${type} value ${JSON.stringify(value)}`);
}

function word(v: bigint): Uint8Array {
  return bigintToFixedBytes(v, 32);
}

/** The 32-byte encoding of one value of `type` (encodeData's per-field rule). */
function encodeValue(type: string, value: unknown, types: TypedTypes): Uint8Array {
  if (type.endsWith("]")) {
    if (!Array.isArray(value)) throw new TypedDataError(`invalid ${type} value: not an array`);
    const open = type.lastIndexOf("[");
    const inner = type.slice(0, open);
    const size = type.slice(open + 1, -1);
    if (size !== "" && Number(size) !== value.length) throw new TypedDataError(`invalid ${type} value: wrong length ${value.length}`);
    return keccak256(concatBytes(...value.map((v) => encodeValue(inner, v, types))));
  }
  if (types[type] !== undefined) {
    if (typeof value !== "object" || value === null) throw new TypedDataError(`invalid ${type} value: not an object`);
    return hashStruct(type, value as Record<string, unknown>, types);
  }
  if (type === "string") {
    if (typeof value !== "string") throw new TypedDataError(`invalid string value ${JSON.stringify(value)}`);
    return keccak256(utf8ToBytes(value));
  }
  if (type === "bytes") return keccak256(bytesOf(value, type));
  if (type === "bool") {
    if (typeof value === "boolean") return word(value ? 1n : 0n);
    if (value === "true" || value === "false") return word(value === "true" ? 1n : 0n);
    throw new TypedDataError(`invalid bool value ${JSON.stringify(value)}`);
  }
  if (type === "address") {
    const b = bytesOf(value, type);
    if (b.length !== 20) throw new TypedDataError(`invalid address value ${JSON.stringify(value)}`);
    const out = new Uint8Array(32);
    out.set(b, 12);
    return out;
  }
  const bytesN = /^bytes([0-9]+)$/.exec(type);
  if (bytesN !== null) {
    const n = Number(bytesN[1]);
    const b = bytesOf(value, type);
    if (n < 1 || n > 32 || b.length > n) throw new TypedDataError(`invalid ${type} value ${JSON.stringify(value)}`);
    const out = new Uint8Array(32);
    out.set(b, 0);
    return out;
  }
  const intN = /^(u?)int([0-9]*)$/.exec(type);
  if (intN !== null) {
    const bits = intN[2] === "" ? 256 : Number(intN[2]);
    if (bits < 8 || bits > 256 || bits % 8 !== 0) throw new TypedDataError(`unknown type ${type}`);
    const v = toBigint(value, type);
    const unsigned = intN[1] === "u";
    const limit = 1n << BigInt(unsigned ? bits : bits - 1);
    if (unsigned ? v < 0n || v >= limit : v < -limit || v >= limit) throw new TypedDataError(`${type} value ${v} out of range`);
    return word(v < 0n ? (1n << 256n) + v : v);
  }
  throw new TypedDataError(`unknown type ${type}`);
}

/** encodeData: typeHash followed by each field's encoding. */
export function encodeData(primaryType: string, data: Readonly<Record<string, unknown>>, types: TypedTypes): Uint8Array {
  const fields = types[primaryType];
  if (fields === undefined) throw new TypedDataError(`unknown type ${primaryType}`);
  const parts = [typeHash(primaryType, types)];
  for (const f of fields) {
    const v = data[f.name];
    if (v === undefined || v === null) throw new TypedDataError(`missing value for field ${f.name} of ${primaryType}`);
    parts.push(encodeValue(f.type, v, types));
  }
  return concatBytes(...parts);
}

export function hashStruct(primaryType: string, data: Readonly<Record<string, unknown>>, types: TypedTypes): Uint8Array {
  return keccak256(encodeData(primaryType, data, types));
}

/** The domain's types: as given, or derived from the fields the domain has. */
function withDomainType(td: TypedData): TypedTypes {
  if (td.types.EIP712Domain !== undefined) return td.types;
  const fields = DOMAIN_FIELDS.filter((f) => td.domain[f.name] !== undefined && td.domain[f.name] !== null);
  return { ...td.types, EIP712Domain: fields };
}

export function domainSeparator(td: TypedData): Uint8Array {
  return hashStruct("EIP712Domain", td.domain, withDomainType(td));
}

/** The digest eth_signTypedData_v4 signs. */
export function typedDataDigest(td: TypedData): Uint8Array {
  const types = withDomainType(td);
  const domain = hashStruct("EIP712Domain", td.domain, types);
  if (td.primaryType === "EIP712Domain") return keccak256(concatBytes(new Uint8Array([0x19, 0x01]), domain));
  return keccak256(concatBytes(new Uint8Array([0x19, 0x01]), domain, hashStruct(td.primaryType, td.message, types)));
}

/** Decodes typed data given as a JSON object or as a JSON string (both forms wallets send). */
export function parseTypedData(value: unknown): TypedData {
  const v = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (typeof v !== "object" || v === null) throw new TypedDataError("typed data must be an object");
  const o = v as Record<string, unknown>;
  if (typeof o.types !== "object" || o.types === null) throw new TypedDataError("typed data without types");
  if (typeof o.primaryType !== "string") throw new TypedDataError("typed data without primaryType");
  const domain = (o.domain ?? {}) as Record<string, unknown>;
  const message = (o.message ?? {}) as Record<string, unknown>;
  return { types: o.types as TypedTypes, primaryType: o.primaryType, domain, message };
}
