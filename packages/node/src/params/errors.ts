/**
 * params/errors: the error class of chain-spec and genesis parsing. Messages name the JSON path
 * of the offending value (`config.cancunTime`, `alloc.0x...balance`) so a user can fix the file.
 */
export class ChainSpecError extends Error {
  override name = "ChainSpecError";
}
