import { fail, pass, type FieldCheck } from './field-check.js';

/**
 * A word whose tone mark could sit on either of two vowels ("Hoà"/"Hòa", "Thuỷ"/"Thủy", "Khoẻ"/"Khỏe").
 * Both spellings are in use and ID cards print either, so the SDK never picks one: it tells the user
 * which one they typed, so they can compare with the card.
 */
export interface ToneMarkAlternative {
  /** The word as typed (NFC). */
  typed: string;
  /** Where the mark sits in the typed word: `old` style on the first vowel (hòa), `new` style on the second (hoà). */
  style: 'old' | 'new';
  /** The same word with the mark on the other vowel (NFC). */
  alternative: string;
}

/** A full name as accepted: NFC, and the words whose tone mark has another accepted placement. */
export interface FullNameCheck {
  /** The name in NFC with single spaces between words. Tone marks are exactly as typed. */
  fullName: string;
  /** Words the user should compare with the card; empty when nothing is ambiguous. */
  toneMarkAlternatives: ToneMarkAlternative[];
}

const MAX_NAME_LENGTH = 100;
// The five Vietnamese tone marks as combining characters (NFD): grave, acute, tilde, hook above, dot below.
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/**
 * Checks a full name as printed on the ID card. The name is normalised to NFC (a decomposed "ư" + mark
 * becomes the same character the card shows) and runs of spaces become one; letters and tone marks are
 * never changed. Only letters and spaces are allowed.
 */
export function checkFullName(value: unknown, field = 'identity.fullName'): FieldCheck<FullNameCheck> {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      field,
      'FULL_NAME_REQUIRED',
      `${field}: hãy nhập họ và tên đúng như trên CCCD/CMND.`,
      `${field}: enter the full name exactly as on the ID card.`,
    );
  }
  const fullName = value.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (fullName.length > MAX_NAME_LENGTH) {
    return fail(
      field,
      'FULL_NAME_TOO_LONG',
      `${field}: họ tên dài quá ${MAX_NAME_LENGTH} ký tự.`,
      `${field}: the name is longer than ${MAX_NAME_LENGTH} characters.`,
    );
  }
  if (!/^[\p{L}\p{M}]+(?: [\p{L}\p{M}]+)*$/u.test(fullName) || /^\p{M}/u.test(fullName)) {
    return fail(
      field,
      'FULL_NAME_CHARACTERS',
      `${field}: họ tên chỉ gồm chữ cái (có dấu tiếng Việt) và khoảng trắng, không có số hay ký hiệu.`,
      `${field}: a name has letters (with Vietnamese tone marks) and spaces only, no digits or symbols.`,
    );
  }
  const toneMarkAlternatives = fullName
    .split(' ')
    .map(alternativeOf)
    .filter((a): a is ToneMarkAlternative => a !== undefined);
  return pass({ fullName, toneMarkAlternatives });
}

interface Letter {
  base: string;
  marks: string;
  tone: string;
}

/** The other placement of a word's tone mark, when the word ends in an open "oa", "oe" or "uy". */
function alternativeOf(word: string): ToneMarkAlternative | undefined {
  const letters: Letter[] = [];
  for (const char of word.normalize('NFD')) {
    if (/\p{M}/u.test(char) && letters.length > 0) {
      const last = letters[letters.length - 1] as Letter;
      if (TONE_MARKS.has(char)) last.tone += char;
      else last.marks += char;
    } else {
      letters.push({ base: char, marks: '', tone: '' });
    }
  }
  const n = letters.length;
  if (n < 2) return undefined;
  const first = letters[n - 2] as Letter;
  const second = letters[n - 1] as Letter;
  const pair = (first.base + second.base).toLowerCase();
  if (!['oa', 'oe', 'uy'].includes(pair) || first.marks || second.marks) return undefined;
  const before = letters.slice(0, n - 2);
  // "quy": the u belongs to the consonant "qu", so the mark can only go on the y.
  if (pair === 'uy' && before.at(-1)?.base.toLowerCase() === 'q') return undefined;
  if (before.some((l) => /[aeiouy]/i.test(l.base) || l.tone)) return undefined;
  const toned = [first, second].filter((l) => l.tone);
  if (toned.length !== 1 || (toned[0] as Letter).tone.length !== 1) return undefined;
  const style = first.tone ? 'old' : 'new';
  const tone = (toned[0] as Letter).tone;
  const moved = [...before, { ...first, tone: first.tone ? '' : tone }, { ...second, tone: second.tone ? '' : tone }];
  const spell = (ls: Letter[]) =>
    ls
      .map((l) => l.base + l.marks + l.tone)
      .join('')
      .normalize('NFC');
  return { typed: spell(letters), style, alternative: spell(moved) };
}
