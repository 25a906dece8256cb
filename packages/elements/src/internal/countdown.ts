/** `m:ss` of the time left until `deadline` (epoch ms), never negative: 5:00, 4:59, ... 0:00. */
export function formatTimeLeft(deadline: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
