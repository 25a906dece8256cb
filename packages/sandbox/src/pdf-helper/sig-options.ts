/**
 * Checks `sigOptions` of calculateHash as VNPT's PHP sample writes them: `renderMode` 0–4 (0 TextOnly,
 * 1 TEXT_WITH_LOGO_LEFT, 2 LOGO_ONLY, 3 TEXT_WITH_LOGO_TOP, 4 TEXT_WITH_BACKGROUND), `customImage`
 * base64, `fontSize`, `fontColor` (`#000000`, or without `#` as one client sends it), `signatureText`,
 * and `signatures: [{ page, rectangle: "x1,y1,x2,y2" }]` (spaces allowed). Returns what is wrong, or
 * undefined. The sandbox draws no visible appearance yet; it only refuses what VNPT could not read.
 */
export function checkSigOptions(value: unknown, at: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return `${at} must be an object`;
  const o = value as Record<string, unknown>;
  if (
    o.renderMode !== undefined &&
    !(Number.isInteger(o.renderMode) && (o.renderMode as number) >= 0 && (o.renderMode as number) <= 4)
  ) {
    return `${at}.renderMode must be 0 to 4`;
  }
  if (o.fontSize !== undefined && !(typeof o.fontSize === 'number' && o.fontSize > 0 && o.fontSize <= 200)) {
    return `${at}.fontSize must be a positive number of points`;
  }
  if (o.fontColor !== undefined && !(typeof o.fontColor === 'string' && /^#?[0-9a-fA-F]{6}$/.test(o.fontColor))) {
    return `${at}.fontColor must be a colour such as "#000000"`;
  }
  if (
    o.customImage !== undefined &&
    o.customImage !== '' &&
    !(typeof o.customImage === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(o.customImage))
  )
    return `${at}.customImage must be an image in base64`;
  if (o.signatureText !== undefined && typeof o.signatureText !== 'string') return `${at}.signatureText must be text`;
  if (o.signatures === undefined) return undefined;
  if (!Array.isArray(o.signatures)) return `${at}.signatures must be an array`;
  for (const [i, place] of o.signatures.entries()) {
    const p = (place && typeof place === 'object' ? place : {}) as Record<string, unknown>;
    if (!(Number.isInteger(p.page) && (p.page as number) >= 1))
      return `${at}.signatures[${i}].page must be a page number from 1`;
    const corners = typeof p.rectangle === 'string' ? p.rectangle.split(',').map((n) => Number(n.trim())) : [];
    if (corners.length !== 4 || corners.some((n) => !Number.isFinite(n))) {
      return `${at}.signatures[${i}].rectangle must be "x1,y1,x2,y2" in points`;
    }
  }
  return undefined;
}
