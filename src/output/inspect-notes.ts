/**
 * The sentences of `leadq inspect` that explain a finding: how the encoding was decided and how
 * sure that is, the footer rows, what a column's flags mean (mojibake, Excel's dates, codes made
 * of digits, percentages), and the lead source spellings that are probably one. Pure.
 */
import { escapeControls, quoteData } from '../model/errors.js';
import type { ColumnProfile } from '../input/profile.js';
import type { EncodingFinding } from '../input/profile/read-sample.js';
import type { Inspection } from './inspect-report.js';

export function encodingText(e: EncodingFinding): string {
  if (e.decidedBy === 'option') return `${e.encoding} (--encoding)`;
  if (e.decidedBy === 'bom') return `${e.encoding} (byte-order mark)`;
  const scan = e.scan;
  if (e.decidedBy === 'utf-8' || !scan?.guess) return `${e.encoding}${scan && !scan.complete ? ' (in the first MiB of standard input)' : ''}`;
  const g = scan.guess;
  const at = scan.firstInvalid ? `byte 0x${scan.firstInvalid.byte.toString(16).toUpperCase().padStart(2, '0')} on line ${scan.firstInvalid.line}` : 'its bytes';
  const parts = [
    `${g.encoding}, judged from the bytes: not UTF-8 (${at});`,
    `${g.certainty}: ${Math.round(g.share * 100)}% of ${g.nonAscii.toLocaleString('en-US')} non-ASCII bytes read as letters or punctuation in it`,
  ];
  if (g.encoding === 'iso-8859-1') parts.push('(windows-1252 reads these bytes the same)');
  else parts.push(`(${g.cp1252Only} of them ${g.cp1252Only === 1 ? 'is a windows-1252 letter or quote' : 'are windows-1252 letters or quotes'} that ISO-8859-1 lacks)`);
  if (g.utf8Sequences > 0) parts.push(`; ${g.utf8Sequences} bytes look like UTF-8 characters: the file may be UTF-8 with broken bytes, or mix UTF-8 with 8-bit text, and read as 8-bit those are mojibake (Ã©)`);
  return parts.join(' ').replace(' ;', ';');
}

export function footerText(x: Inspection): string {
  const f = x.footer!;
  const where = (r: (typeof f.rows)[number]) => (r.line !== null ? `line ${r.line}` : r.fromEnd === 1 ? 'the last line' : `the ${ordinal(r.fromEnd)}-last line`);
  const first = (r: (typeof f.rows)[number]) => r.fields.map((c) => c.trim()).find((c) => c !== '');
  const rows = f.rows.map((r) => `${where(r)}: ${r.why}${first(r) !== undefined ? ` ${quoteData(first(r)!, 30)}` : ''}`);
  const one = f.rows.length === 1;
  const head = `${f.rows.length} row${one ? '' : 's'} at the end ${one ? 'is not a lead' : 'are not leads'} (${rows.join('; ')})`;
  if (x.presetFooter) return `${head}; the ${x.preset!.name} preset stops reading there`;
  if (f.pattern === null) return `${head}; no pattern on the first cell tells ${one ? 'it' : 'them'} from the leads: remove ${one ? 'it' : 'them'} before scoring`;
  const left = f.left > 0 ? `; the ${f.left} before it cannot be told from a lead by the first cell: remove ${f.left === 1 ? 'it' : 'them'} before scoring` : '';
  return `${head}; input: { footer: … } below stops reading at the ${f.left > 0 ? `${ordinal(f.left + 1)} of them` : one ? 'row' : 'first'}${left}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}

const samples = (list: string[], count: number) => `${list.map((s) => quoteData(s, 24)).join(', ')}${count > list.length ? ', …' : ''}`;

/** What needs a look in one column, one sentence each (a preset's id column is an id: nothing to say). */
export function columnNotes(c: ColumnProfile & { standardName: string | null }): string[] {
  const name = quoteData(c.name);
  const out: string[] = [];
  for (const f of c.flags) {
    const one = f.count === 1;
    const n = `${f.count} value${one ? '' : 's'}`;
    switch (f.kind) {
      case 'mojibake': out.push(`${name} has ${n} that ${one ? 'looks' : 'look'} decoded twice (mojibake): ${samples(f.samples, f.count)}; the text was UTF-8 read as an 8-bit encoding before it reached leadq: fix it at the source`); break;
      case 'excel-date': out.push(`${name} has ${n} that Excel turned into dates: ${samples(f.samples, f.count)} (once 5-20 or 1-10); re-export without opening the file in Excel, or import the column as text`); break;
      case 'excel-scientific': out.push(`${name} has ${n} in Excel's scientific notation: ${samples(f.samples, f.count)}; their last digits are lost`); break;
      case 'leading-zeros': if (c.type === 'text') out.push(`${name} has ${n} with leading zeros (${samples(f.samples, f.count)}): codes, read as text, not numbers`); break;
      case 'salesforce-id': if (c.type === 'text' && c.standardName !== 'id') out.push(`${name} holds Salesforce ids (${samples(f.samples, f.count)}): text, not numbers or amounts`); break;
      case 'identifier': if (c.standardName !== 'id') out.push(`${name} is named like an id, a postal code or a phone: read as text, not a number`); break;
    }
  }
  if (c.type === 'percentage') out.push(`${name} holds percentages (${samples(c.samples, c.filled)}): leadq reads them as text (no formats: entry reads 12.5 %); test them with matches: or in:, or export the column as a plain number`);
  const words = Object.entries(c.newPlaceholders);
  if (words.length > 0) out.push(`${name} has words for "no value" that are not placeholders: ${words.map(([w, n]) => `${escapeControls(w)} ×${n}`).join(', ')}; the placeholders: line below adds them (else they are value warnings)`);
  if (c.dotThousands.length > 0) out.push(`${name} holds ${c.dotThousands.map((v) => quoteData(v)).join(', ')}: read as decimals (10.000 is ten) unless formats: gives it { number: '1.234,56' }`);
  return out;
}

/** The lead source spellings that are probably one source, with their counts. */
export function sourceLines(x: Inspection): string[] {
  if (!x.sources || !x.sourceColumn || x.sources.groups.length === 0) return [];
  const shown = (v: { value: string; count: number }) => `${quoteData(v.value, 40)} ×${v.count}`;
  const out = [`lead source ${quoteData(x.sourceColumn.name)}: ${x.sources.values.length} spellings${x.sources.overflow ? ' or more' : ''}; these are probably one source each (the sources: lines below map them onto one):`];
  for (const g of x.sources.groups) {
    const same = g.variants.filter((v) => v.sameSource);
    const other = g.variants.filter((v) => !v.sameSource);
    out.push(`  ${shown(g.canonical)} ← ${[...other.map(shown), ...same.map((v) => `${shown(v)} (already one: case is ignored)`)].join(', ')}`);
  }
  return out;
}
