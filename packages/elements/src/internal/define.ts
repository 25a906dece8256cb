/**
 * Registers a custom element unless the tag is taken. A portal may load the widget twice (the CDN
 * bundle and an npm copy, or two micro-frontends); throwing on the second `define` would break the
 * page, so a second definition only warns, and names the clash when the classes differ
 * (Shoelace `define`, Spectrum `sp-button.ts`).
 */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // server-side rendering or a worker: nothing to register with.
  const existing = registry.get(tag);
  if (!existing) {
    registry.define(tag, element);
    return;
  }
  if (existing !== element) {
    console.warn(`<${tag}> is already defined by another copy of @smartca-kit/elements; keeping the first one.`);
  }
}
