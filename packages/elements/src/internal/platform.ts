/**
 * Whether the page runs on a phone or tablet, where a link can open the SmartCA app itself. Uses
 * User-Agent Client Hints where the browser has them, else the classic user-agent test.
 */
export function isMobileDevice(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { mobile?: boolean } }) | undefined;
  if (!nav) return false;
  if (typeof nav.userAgentData?.mobile === 'boolean') return nav.userAgentData.mobile;
  return /Android|iPhone|iPad|iPod|Mobile/i.test(nav.userAgent);
}
