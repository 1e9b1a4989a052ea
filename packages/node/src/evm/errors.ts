/**
 * evm/errors: the module's error class. Thrown only for bugs and misuse (an unsupported fork, an
 * invalid jump table, re-entering a running EVM); EVM outcomes such as out-of-gas or revert are
 * status codes, never exceptions (DESIGN.md convention 3).
 */
export class EvmError extends Error {
  override name = "EvmError";
}
