/**
 * An example rule for each column worth scoring, from what `leadq inspect` found in it: counts
 * become `per:` rules, yes/no columns `equals: true` (or a disqualifier when they say "do not
 * contact"), dates `within_days:`, job titles a `matches:` on senior titles, company size and
 * revenue `between:` / `gte:`, emails `free_mail:`, industries and countries `in:` their values.
 * `leadq init --from` writes them commented out, for the analyst to choose and weigh. Pure.
 */
import type { ColumnProfile } from '../input/profile.js';
import { yamlScalar } from './ruleset-lines.js';

export type Section = 'engagement' | 'fit' | 'disqualifiers';

export interface ExampleRule {
  section: Section;
  /** the rule's YAML, as list items under its section (two spaces in) */
  lines: string[];
}

type Column = ColumnProfile & { standardName: string | null };

const SENIOR = "'/\\b(VP|Vice President|Director|Head|Chief|CEO|CFO|CTO|CIO|CMO|Owner|Founder)\\b/i'";
const NEGATIVE_FLAG = /do.?not|unsubscrib|opt.?out|opted.?out|bounce|spam|competitor|invalid/i;
const COUNT_NAME = /view|visit|open|click|download|attend|session|event|submission|form|call|meeting|count/i;
const LAST_ACTIVITY = /last.*(activ|contact|engag|touch|seen|visit)/i;
const CREATED = /creat|added|sign.?up|first.?seen|registered/i;

/** The examples for `columns`, named in rules as `nameOf(i)`; at most one per column. */
export function exampleRules(columns: readonly Column[], nameOf: (column: number) => string, sourceColumn: number | null): ExampleRule[] {
  const out: ExampleRule[] = [];
  const names = new Set<string>();
  columns.forEach((c, i) => {
    if (i === sourceColumn || c.filled === 0) return;
    const rule = exampleFor(c, nameOf(i));
    if (rule === null) return;
    // rule names are unique: a second column of the same kind gets its column's name added
    let title = rule.title;
    if (names.has(title)) title = `${title} (${nameOf(i)})`;
    names.add(title);
    const first = rule.section === 'disqualifiers' ? `- reason: ${rule.reason}` : `- name: ${yamlScalar(title)}`;
    out.push({ section: rule.section, lines: [first, ...rule.body.map((l) => `  ${l}`)] });
  });
  return out;
}

interface Example {
  section: Section;
  title: string;
  reason?: string;
  body: string[];
}

function exampleFor(c: Column, name: string): Example | null {
  const std = c.standardName;
  const header = c.name;
  const col = yamlScalar(name);
  const when = (test: string) => `when: { column: ${col}, ${test} }`;
  switch (c.type) {
    case 'boolean':
      if (NEGATIVE_FLAG.test(header)) return { section: 'disqualifiers', title: name, reason: reasonCode(name), body: [when('equals: true')] };
      return { section: 'engagement', title: words(header), body: [when('equals: true'), 'points: 10'] };
    case 'number':
      if (std === 'employees' || /employee|headcount|staff/i.test(header)) return { section: 'fit', title: 'company size 50-5000', body: [when('between: [50, 5000]'), 'points: 15'] };
      if (std === 'annual_revenue' || /revenue|turnover/i.test(header)) return { section: 'fit', title: 'revenue over 10 million', body: [when('gte: 10000000'), 'points: 10'] };
      if (/budget/i.test(header)) return { section: 'fit', title: 'budget of 10,000 or more', body: [when('gte: 10000'), 'points: 10'] };
      if (c.counts && COUNT_NAME.test(header)) return { section: 'engagement', title: words(header), body: [`per: ${col}`, 'points: 2', 'max: 20'] };
      return null;
    case 'date':
      if (std === 'last_activity' || LAST_ACTIVITY.test(header)) return { section: 'engagement', title: 'active in the last 30 days', body: [when('within_days: 30'), 'points: 10'] };
      if (std === 'created' || CREATED.test(header)) return { section: 'engagement', title: 'new in the last 90 days', body: [when('within_days: 90'), 'points: 5'] };
      return { section: 'engagement', title: `${words(header)} in the last 30 days`, body: [when('within_days: 30'), 'points: 5'] };
    case 'email':
      return { section: 'fit', title: 'free-mail address', body: [when('free_mail: true'), 'points: -10'] };
    case 'text':
      if (std === 'job_title' || /title|position|designation|job|role/i.test(header)) return { section: 'fit', title: 'senior title', body: [when(`matches: ${SENIOR}`), 'points: 20'] };
      if (c.format?.multi !== undefined && c.samples.length > 0) {
        const value = c.samples[0].split(c.format.multi)[0].trim();
        return { section: 'engagement', title: `${words(header)}: ${value}`, body: [when(`equals: ${yamlScalar(value, !/^[A-Za-z]/.test(value))}`), 'points: 5'] };
      }
      if ((std === 'industry' || std === 'country' || /industry|country|segment/i.test(header)) && c.samples.length > 0) {
        return { section: 'fit', title: `target ${words(header)}`, body: [when(`in: [${c.samples.map((s) => yamlScalar(s)).join(', ')}]`), 'points: 10'] };
      }
      return null;
    default:
      return null;
  }
}

/** `Do Not Contact` → `do not contact`: a rule name from a header. */
function words(header: string): string {
  return header.replace(/[_\s]+/g, ' ').trim().toLowerCase();
}

/** A disqualifier's reason code: lower case, words joined by `_`. */
function reasonCode(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'flagged';
}
