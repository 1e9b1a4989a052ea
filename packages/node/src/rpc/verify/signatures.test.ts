import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalType, signatureTable } from "./signatures.js";

test("signature table of an ABI: selectors, topics, names and tuples", () => {
  const abi = [
    {
      type: "function",
      name: "transfer",
      inputs: [
        { type: "address", name: "to" },
        { type: "uint256", name: "value" },
      ],
    },
    {
      type: "event",
      name: "Transfer",
      inputs: [
        { type: "address", name: "from", indexed: true },
        { type: "address", name: "to", indexed: true },
        { type: "uint256", name: "value" },
      ],
    },
    { type: "error", name: "Nope", inputs: [{ type: "uint256", name: "" }] },
    { type: "event", name: "Hidden", anonymous: true, inputs: [] },
    { type: "constructor", inputs: [] },
  ];
  const t = signatureTable(abi);
  assert.deepEqual(t.functions, { "0xa9059cbb": "transfer(address to, uint256 value)" });
  assert.deepEqual(t.events, {
    "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef":
      "Transfer(address indexed from, address indexed to, uint256 value)",
  });
  assert.equal(Object.values(t.errors)[0], "Nope(uint256 arg0)");
  assert.equal(
    canonicalType({ type: "tuple[2]", components: [{ type: "uint256" }, { type: "tuple", components: [{ type: "bool" }] }] }),
    "(uint256,(bool))[2]",
  );
});
