/**
 * evm/precompiles/errors: raised only when a dependency breaks the contract this module relies
 * on (a programming error). Invalid input never throws: a contract returns undefined (failure)
 * or its defined empty output.
 */
export class PrecompileError extends Error {
  override name = "PrecompileError";
}
