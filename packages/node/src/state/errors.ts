/** state/errors: the state module's error class (corrupt stored data, misuse of the API). */
export class StateError extends Error {
  override name = "StateError";
}
