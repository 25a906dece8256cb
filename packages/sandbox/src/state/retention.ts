/** How long, and how many, finished records a list keeps. */
export interface Retention {
  /** Finished records older than this are forgotten, ms. */
  maxAgeMs: number;
  /** At most this many finished records are kept; the oldest go first. */
  maxCount: number;
}

/**
 * Forgets finished records past `retention.maxAgeMs`, then the oldest finished ones beyond
 * `retention.maxCount`, in place. Records that are not finished (`finishedAt` returns undefined) are
 * never dropped. `list` is in creation order, so "oldest" is "first". So that a sandbox left running
 * for days under load neither grows without bound nor slows its lookups, which scan these lists.
 */
export function forgetFinished<T>(
  list: T[],
  finishedAt: (record: T) => number | undefined,
  now: number,
  retention: Retention,
): void {
  const cutoff = now - retention.maxAgeMs;
  let finished = 0;
  let stale = false;
  for (const record of list) {
    const at = finishedAt(record);
    if (at === undefined) continue;
    finished += 1;
    if (at < cutoff) stale = true;
  }
  if (!stale && finished <= retention.maxCount) return;
  const fresh = list.filter((record) => {
    const at = finishedAt(record);
    return at === undefined || at >= cutoff;
  });
  let excess = fresh.filter((record) => finishedAt(record) !== undefined).length - retention.maxCount;
  const kept = excess <= 0 ? fresh : fresh.filter((record) => finishedAt(record) === undefined || excess-- <= 0);
  list.length = 0;
  for (const record of kept) list.push(record);
}
