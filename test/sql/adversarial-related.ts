/**
 * The adversarial related files of the SQL parity tests (fixtures/related.rules.yaml): seeded
 * leads and two activity logs, one keyed by email and one by id, whose rows meet every rule of
 * matching and counting at its edge: keys differing in case and surrounding (JavaScript) white
 * space, or written with zero-width characters, as Excel's ="…", with mailto: or in NFD; empty
 * and placeholder keys on both sides, leads sharing a key, keys matching no lead,
 * timestamps that do not parse or name impossible days, rows after the as-of date, ages exactly at
 * a window's edge, several rows a day (daily caps), days just inside and outside once-every gaps,
 * decay at every age, and numbers that do not parse.
 */
import { mulberry32 } from '../support/random.js';
import type { Export } from './harness.js';

/** The as-of day the fixture is scored at. */
export const RELATED_AS_OF = '2026-11-01';
const AS_OF_DAY = Date.UTC(2026, 10, 1) / 86_400_000;

const day = (age: number) => new Date((AS_OF_DAY - age) * 86_400_000).toISOString().slice(0, 10);
/** ages at the edges of the fixture's windows (14, 30, 60, 90 days) and gaps (2, 3, 7 days), and after the as-of date (negative) */
const AGES = [0, 1, 2, 3, 6, 7, 8, 13, 14, 15, 29, 30, 31, 59, 60, 61, 89, 90, 91, 120, 200, 400, 3000, -1, -30];
const BAD_TIMES = ['', 'unknown', 'N/A', '2026-02-30', '2026-10-14T24:00', '2026-10-14 23:60', '01/10/2026', '2026-1-5', ' ', 'tbd'];
const TYPES = ['Meeting', 'Meeting', 'Call', 'Email', 'Email', 'Form', 'Form', 'Page View', ' meeting ', 'MEETING', 'N/A', '', 'Call\u00a0'];
const MINUTES = ['12', '30', '2.5', '0.335', '33.333', '-3', '1e2', '', 'N/A', 'tbd', '1,5', '12 min', ' 45 ', '0', '-0', '1000000', '0.1', '0.2', '0.6', '1.005'];
const FOLLOWUPS = ['2026-10-20', '2026-11-05', '2026-02-30', '', 'none', '2025-12-31 10:00', '2026-10-31T08:00:00Z'];

/** A lead's address as the export writes it: a base address in some spelling. */
function spelling(base: string, pick: <T>(list: readonly T[]) => T): string {
  return pick([base, base, base.toUpperCase(), ` ${base} `, `\u00a0${base}`, `${base}\t`, base.replace(/^./, (c) => c.toUpperCase()), `\ufeff${base}`,
    // forms read as the key they stand for (input/keys/normalize-key.ts): zero-width characters, Excel's ="…", mailto:, NFD
    `\u200b${base}`, `${base.slice(0, 2)}\u2060${base.slice(2)}`, `="${base}"`, `MAILTO:${base}`, `mailto: ${base}`, base.normalize('NFD'), `="${base}`]);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** A Salesforce id's 18-character form: its 15 characters and the checksum of their letters' case. */
export function salesforce18(id: string): string {
  let out = id;
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) { const c = id[chunk * 5 + i]; if (c >= 'A' && c <= 'Z') bits |= 1 << i; }
    out += SUFFIX[bits];
  }
  return out;
}

export function adversarialRelated(leads: number, rows: number, seed: number): { leads: Export; log: Export; calls: Export; tasks: Export } {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  // a few Unicode addresses: lower-cased by JavaScript's rules on both sides
  const bases = Array.from({ length: Math.ceil(leads * 0.8) }, (_, i) => (i % 37 === 5 ? `änn${i}@über.example` : i % 41 === 3 ? `İlker${i}@x.example` : `lead${i}@acme.example`));
  const ids = Array.from({ length: leads }, (_, i) => `00Q${(i * 7919).toString(36)}X${i}`);
  // Salesforce ids: 15 characters, case-sensitive; some pairs differ only in case
  // (a generator of their own: the rest of the corpus is the one it was before Salesforce ids)
  const sfRandom = mulberry32(seed + 1);
  const sfPick = <T>(list: readonly T[]): T => list[Math.floor(sfRandom() * list.length)];
  const sf: string[] = [];
  for (let i = 0; i < leads; i++) sf.push(i % 53 === 7 ? swapCase(sf[i - 1]) : `00Q${Array.from({ length: 12 }, () => sfPick([...ALNUM])).join('')}`);
  const leadRows = Array.from({ length: leads }, (_, i) => {
    const r = random();
    // empty and placeholder keys, and leads sharing an address with another
    const email = r < 0.04 ? '' : r < 0.07 ? pick(['N/A', 'unknown', ' - ', 'tbd']) : spelling(pick(bases), pick);
    const id = random() < 0.05 ? pick(['', 'N/A']) : random() < 0.05 ? ids[i].toLowerCase() : ids[i];
    // the export writes the 15- or the 18-character form
    const r2 = sfRandom();
    const sfId = r2 < 0.04 ? sfPick(['', 'N/A']) : r2 < 0.3 ? salesforce18(sf[i]) : sf[i];
    return [String(i + 1).padStart(5, '0'), email, id, sfId];
  });
  const keyOf = () => {
    const r = random();
    if (r < 0.04) return pick(['', ' ', 'N/A', 'tbd', 'none', 'unknown', '\u00a0']);
    if (r < 0.08) return `ghost${Math.floor(random() * 50)}@nowhere.example`;
    return spelling(pick(bases), pick);
  };
  const timeOf = () => {
    if (random() < 0.06) return pick(BAD_TIMES);
    const d = day(pick(AGES));
    return pick([d, d, `${d} 09:31`, `${d}T23:59:59Z`, ` ${d} `]);
  };
  // bursts: several rows of one lead on one day, and on days a few apart
  const log: string[][] = [];
  while (log.length < rows) {
    const key = keyOf();
    const burst = random() < 0.3 ? 1 + Math.floor(random() * 4) : 1;
    const t = timeOf();
    for (let b = 0; b < burst; b++) log.push([pick(TYPES), b > 0 && random() < 0.7 ? t : timeOf(), random() < 0.5 ? key : spelling(key.trim(), pick), pick(MINUTES), pick(FOLLOWUPS)]);
  }
  const calls = Array.from({ length: Math.floor(rows / 2) }, () => {
    const i = Math.floor(random() * leads);
    const id = random() < 0.05 ? pick(['', 'N/A', 'nobody']) : random() < 0.1 ? ids[i].toLowerCase() : random() < 0.1 ? pick([` ${ids[i]} `, `="${ids[i]}"`, `mailto:${ids[i]}`, `\u200b${ids[i]}`]) : ids[i];
    return [id, timeOf(), pick(MINUTES)];
  });
  // a Salesforce Task export: WhoId in either form, and near misses that are not an 18-character id
  const tasks = Array.from({ length: Math.floor(rows / 3) }, () => {
    const id = sf[Math.floor(sfRandom() * leads)];
    const who = sfPick([id, salesforce18(id), salesforce18(id), ` ${salesforce18(id)} `, salesforce18(id).toLowerCase(), `${salesforce18(id)}X`, id.slice(0, 14),
      `${id}ÄÖÜ`, `${id}-AB`, `${id.slice(0, 12)}é${id.slice(12)}`, `${salesforce18(id).slice(0, 17)}\u00e9`, 'N/A', '', `${id.toLowerCase()}AAA`]);
    return [who, `2026-${String(1 + Math.floor(sfRandom() * 11)).padStart(2, '0')}-${String(1 + Math.floor(sfRandom() * 28)).padStart(2, '0')}`];
  });
  return {
    leads: { header: ['id', 'email', 'crm_id', 'sf_id'], rows: leadRows },
    log: { header: ['Type', 'When', 'Contact Email', 'Minutes', 'Followup'], rows: log.slice(0, rows) },
    calls: { header: ['Lead Id', 'Called At', 'Duration'], rows: calls },
    tasks: { header: ['WhoId', 'Created'], rows: tasks },
  };
}

function swapCase(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
}
