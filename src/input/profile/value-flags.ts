/**
 * Single cells that say something about how the export was made: text decoded twice (`CafÃ©`),
 * values Excel turned into dates or scientific notation (`May-20` was `5-20`; `1.23E+11` lost
 * its digits), ids that look like numbers (`00501`, `000000000000000AAA`), percentages, and words
 * that mean "no value" but are not in the built-in placeholder list. Pure predicates, cheap on
 * the cells they do not concern.
 */

export type FlagKind = 'mojibake' | 'excel-date' | 'excel-scientific' | 'leading-zeros' | 'salesforce-id' | 'identifier';

/**
 * UTF-8 read as Windows-1252 or Latin-1: a lead byte's letter (`Ã`, `Â`, `â`, also `í` after a
 * second mangling) followed by what a continuation byte becomes (`©`, `¼`, `€`, `™`, `’`, …);
 * and U+FFFD, which an earlier decoder put where it could not read a byte. A no-break space after
 * a letter is left alone (`Café\u00a0Bar` is real text), except after `Â`.
 */
const MOJIBAKE = /[\u00c2-\u00f4][\u00a1-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|\u00c2\u00a0|\ufffd/;

export function isMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
/** `5-20` or `1-10` opened in Excel: `May-20`, `10-Jan` (a range or a code became a date) */
const EXCEL_MONTH_DAY = new RegExp(`^(?:\\d{1,2}-(?:${MONTHS})|(?:${MONTHS})-\\d{1,2})$`, 'i');
/** a long number Excel showed in scientific notation and saved so: its last digits are gone */
const EXCEL_SCIENTIFIC = /^\d(?:[.,]\d+)?E\+\d{1,2}$/i;

export function excelDate(text: string): boolean {
  return text.length <= 6 && text.includes('-') && EXCEL_MONTH_DAY.test(text);
}

export function excelScientific(text: string): boolean {
  return text.length <= 16 && text.includes('+') && EXCEL_SCIENTIFIC.test(text);
}

/** `00501`, `007`: a postal code or an id, not the number 501. */
export function leadingZeros(text: string): boolean {
  return text.length > 1 && text.charCodeAt(0) === 48;
}

/**
 * A Salesforce record id: 15 or 18 letters and digits, both kinds present (`00Q5g00000AaA01`,
 * `000000000000000AAA`); a currency reading would take the latter for zero of currency `AAA`.
 */
export function salesforceId(text: string): boolean {
  if (text.length !== 15 && text.length !== 18) return false;
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else return false;
  }
  return digits > 0 && letters > 0;
}

/** `0.00%`, `12.5 %`, `-3,5%`: a percentage, which no `formats:` entry reads as a number. */
const PERCENT = /^[+-]?\d{1,3}(?:[,.' ]?\d{3})*(?:[.,]\d+)?\s?%$/;

export function percentage(text: string): boolean {
  return text.charCodeAt(text.length - 1) === 37 && PERCENT.test(text);
}

/** Headers of columns that hold codes made of digits, never amounts: ids, postal codes, phones. */
const CODE_WORDS = new Set(['id', 'zip', 'zipcode', 'postcode', 'plz', 'phone', 'mobile', 'mobilephone', 'fax']);

export function identifierName(header: string): boolean {
  // `LeadId` → lead id; `Zip/Postal Code` → zip postal code
  const words = header.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  const last = words.at(-1) ?? '';
  if (CODE_WORDS.has(last)) return true;
  if (last === 'code') return words.some((w) => w === 'postal' || w === 'zip' || w === 'post');
  if (last === 'number') return words.some((w) => w === 'phone' || w === 'mobile' || w === 'fax');
  return false;
}

/**
 * Words that mean "no value" but are not built-in placeholders (`NA` and `none` are left out on
 * purpose: Namibia, and a real answer). In a column of numbers, dates or yes/no they are
 * placeholders; in a text column they are values.
 */
const EXTRA_PLACEHOLDERS = new Set(['unknown', 'tbd', 'tba', 'n.a.', 'n/a.', 'not available', 'not specified', 'not provided', '?', '0000-00-00', '#error']);

/** their first characters, lower-cased: most cells are ruled out without a new string */
const EXTRA_FIRST = new Set([...EXTRA_PLACEHOLDERS].map((w) => w.charCodeAt(0)));

export function extraPlaceholder(text: string): boolean {
  return text.length <= 16 && EXTRA_FIRST.has(text.charCodeAt(0) | 0x20) && EXTRA_PLACEHOLDERS.has(text.toLowerCase());
}
