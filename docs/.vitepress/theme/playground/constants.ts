// What the pages' templates need before the world loads, apart from world.ts so that the sandbox and
// the SDK (hundreds of KB) load only on pages with a playground, not in every page's theme bundle.

/** Where the widget finds the in-page relay: `<smartca-sign endpoint="/__smartca-playground">`. */
export const ENDPOINT = '/__smartca-playground';
/** How long a request waits on the simulated phone, seconds. */
export const TTL_SECONDS = 120;
