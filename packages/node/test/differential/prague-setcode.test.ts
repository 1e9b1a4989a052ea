/**
 * Differential test, Prague: EIP-7702 set-code transactions (setcode-cases.ts) on Cairn and on
 * anvil; status, gas used (including authorization refunds), logs and post-state (authority
 * nonces, delegation designators, storage written through delegated code) must agree.
 */
import { setCodeCase } from "./setcode-cases.js";
import { differentialSuite } from "./suite.js";

differentialSuite({ name: "setcode", defaultCases: 200, build: setCodeCase });
