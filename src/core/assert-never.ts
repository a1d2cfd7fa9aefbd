/**
 * Marks the end of an exhaustive `switch` over a union: it does not compile while a member is unhandled, and it
 * throws if a value the types ruled out arrives anyway (a message from an older webview, a corrupt file).
 */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
