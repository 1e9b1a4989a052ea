/**
 * Differential test, Prague: the EIP-7623 calldata floor (floor-cases.ts) on Cairn and on anvil:
 * calldata-heavy transactions that pay the floor, execution-heavy ones that do not, the
 * borderline between them, refunds against the floor, creation and access-list and set-code
 * transactions, and gas limits at and just below the floor.
 */
import { floorCase } from "./floor-cases.js";
import { differentialSuite } from "./suite.js";

differentialSuite({ name: "floor", defaultCases: 150, build: floorCase });
