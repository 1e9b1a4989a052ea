/**
 * chain/errors: the chain module's error class. A ChainError means the database or a request
 * is not what the chain can work with (wrong genesis, missing head state, unknown block); an
 * invalid block is not an error of the chain but a result (BlockValidationError from execution).
 */
export class ChainError extends Error {
  override name = "ChainError";
}
