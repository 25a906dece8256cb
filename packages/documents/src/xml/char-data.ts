// Character-level rules of XML 1.0 (fifth edition): names, legal characters, and the decoding of
// character data and attribute values. Only the five predefined entities and numeric character
// references exist here: there is no DTD, so nothing can expand into anything else.

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;

/** A Name at the sticky position (set `lastIndex` first). */
export const NAME_AT = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
/** A whole NCName (no colon): what `Id` values and prefixes must be. */
export const NCNAME = new RegExp(`^[${NAME_START.replace(':', '')}][${NAME_CHAR.replace(':', '')}]*$`, 'u');

/** The first character that XML 1.0 does not allow anywhere in a document. */
export const ILLEGAL_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Thrown by {@link decodeCharData}; the parser turns it into a typed error at `index`. */
export class CharDataError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** XML's line-end normalisation: CR LF and lone CR become LF. */
export function normaliseLineEnds(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

function decodeReference(name: string, index: number): string {
  if (name.startsWith('#')) {
    const code = /^#x[0-9A-Fa-f]+$/.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? parseInt(name.slice(1), 10)
        : NaN;
    const char = Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    if (!char || ILLEGAL_CHAR.test(char)) throw new CharDataError(index, `invalid character reference &${name};`);
    return char;
  }
  const value = PREDEFINED[name];
  if (value === undefined) {
    throw new CharDataError(
      index,
      `undefined entity &${name}; (only &lt; &gt; &amp; &apos; &quot; and numeric references are allowed)`,
    );
  }
  return value;
}

/**
 * Decodes character data or an attribute value found at `offset` in the source: line ends are
 * normalised, references replaced and, in attribute values, literal tab/newline turned into spaces
 * (a character reference such as `&#10;` stays a newline, as XML requires).
 */
export function decodeCharData(raw: string, offset: number, attribute: boolean): string {
  let out = '';
  let from = 0;
  const literal = (segment: string) => {
    const text = normaliseLineEnds(segment);
    return attribute ? text.replace(/[\t\n]/g, ' ') : text;
  };
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    out += literal(raw.slice(from, amp));
    const semi = raw.indexOf(';', amp);
    const name = semi === -1 ? '' : raw.slice(amp + 1, semi);
    if (semi === -1 || !/^(#x[0-9A-Fa-f]+|#[0-9]+|[^\s&;<]+)$/u.test(name)) {
      throw new CharDataError(offset + amp, "'&' must start a reference (write &amp; for a literal ampersand)");
    }
    out += decodeReference(name, offset + amp);
    from = semi + 1;
  }
  return out + literal(raw.slice(from));
}

/** True for the white space XML allows between markup (space, tab, CR, LF). */
export function isXmlSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r';
}
