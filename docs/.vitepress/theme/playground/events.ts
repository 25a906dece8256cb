// The widget events the playground's log listens for (they bubble and are composed, so one listener
// on the wrapper hears both elements). Kept in step with packages/elements/src/events/.
export const WIDGET_EVENTS = [
  'smartca-sign-start',
  'smartca-sign-pending',
  'smartca-sign-complete',
  'smartca-sign-cancel',
  'smartca-sign-expire',
  'smartca-error',
  'smartca-purchase-redirect',
  'smartca-purchase-complete',
] as const;

/** A short, readable line for an event's detail (digests and signatures shortened). */
export function describeDetail(detail: unknown): string {
  return JSON.stringify(detail, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length > 48) return `${value.slice(0, 44)}…`;
    if (value instanceof Uint8Array) return `<${value.length} bytes>`;
    return value;
  });
}
