/** A random UUID v4. Used for SP769 `transaction_id`, gateway `refTranId` and client request ids. */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
