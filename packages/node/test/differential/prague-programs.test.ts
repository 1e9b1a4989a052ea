/**
 * Differential test, Prague: random programs (programs.ts, program-cases.ts) run by a
 * transaction on Cairn and on anvil; status, gas used, logs and post-state must agree.
 */
import { programCase } from "./program-cases.js";
import { differentialSuite } from "./suite.js";

differentialSuite({ name: "programs", defaultCases: 200, build: programCase });
