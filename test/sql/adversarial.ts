/**
 * The adversarial export of the SQL parity tests: seeded rows whose cells are chosen from lists of
 * troublemakers per column, so every operator meets empty and placeholder cells, numbers and dates
 * that must not parse (`1,234`, `1_000`, `2026-02-30`), white space only JavaScript trims (U+00A0,
 * U+FEFF), case variants and Unicode, and the rule steps meet caps, decay and windows at their edges.
 */
import { mulberry32 } from '../support/random.js';
import type { Export } from './harness.js';

const EMPTY = ['', ' ', '\u00a0', 'N/A', 'n/a ', '-', 'null', '(blank)', '#VALUE!', '\ufeff'];
const NUMBERS = ['0', '1', '2', '3', '4', '7', '10', '12', '100', '+5', '-3', '2.5', '0.5', '.5', '5.', ' 12 ', '\u00a012\u00a0', '1e2', '1E+1', '2.5e-1',
  '1,234', '10 %', '1_000', '0x10', 'Infinity', 'NaN', '--5', '5-', '١٢', '１２', '10.000', '9999', '50', '5000', '5001', '10000', '999.99', '-0', '1e-7', '33.333', '0.335', '1000000'];
const DATES = ['2026-10-31', '2026-11-01', '2026-11-02', '2026-09-01', '2026-06-15', '2026-01-01', '2025-12-31', '2024-02-29', '2023-02-29', '2026-02-30',
  '2026-13-01', '2026-00-10', '2026-04-31', '2026-10-14 09:31', '2026-10-14T09:31:00Z', '2026-10-14T24:00', '2026-10-14 23:59:59.123+02:00', '2026-10-14 23:60',
  ' 2026-10-01 ', '2026/10/01', '01.10.2026', '2026-1-5', '20261001', '2000-02-29', '1900-02-29', '2026-08-03T10:00:00+0530', '0000-03-01', '9999-12-31',
  '2026-10-14 09:31:00 UTC', '2026-10-14 09:31:00.123456 UTC', '2026-10-14 09:31:00.000 -0800', '2026-10-14 09:31:00+02', '2026-10-14T09:31 GMT',
  '2026-10-14 09:31 utc', '2026-10-14 UTC', '2026-10-14 09:31:00  UTC', '2026-10-14 09:31:00 +2',
  '2026-10-14Z', '2026-10-14 GMT', '2026-10-14+02:00', '2026-10-14 -05:00', '2026-10-14-05', '2026-10-14+0200', '2026-10-14 utc',
  '0000-00-00', '0000-01-01', '0000-01-01 00:00:00', '0001-01-01'];
const BOOLS = ['yes', 'Yes', 'YES', 'true', 'TRUE', '1', 'y', 'x', 'X', 'no', 'No', 'false', '0', 'n', 'N', ' yes ', '\u00a0no', 'maybe', 'yes!', 'oui', 'Y '];
const TEXTS = ['Software', 'software', ' SOFTWARE ', '\u00a0Software\u00a0', 'Soft ware', 'Retail', 'retail', 'Financial Services', 'financial  services', 'ärzte', 'ÄRZTE',
  'École', 'ÉCOLE', 'Manufacturing', 'Select', '\ufeffSoftware'];
const TITLES = ['VP Sales', 'vp sales', 'SVP', 'Vice President', 'VP-Marketing', 'VPs', 'the VP', 'éVP', 'Director', 'Head of Growth', 'head of growth', ' Head of X',
  'Chief Executive', 'CEO', 'cfo', 'CTOs', 'Team Lead', 'LEADER', 'Marketing Manager', 'Sales MANAGER ', 'manager\u00a0', 'Mr. Smith', 'Ms Jones', 'Mr  Big', 'Mr. Smith\n',
  'Größe', 'GRÖSSE', 'naïve', 'NAÏVE', '日本語', 'Analyst', 'Owner', '', 'N/A', '12 Monkeys', 'Café', 'Vice\nPresident', 'Director\u00a0', 'K\u212Aelvin', 'Head\ttab'];
const EMAILS = ['ana@acme.example', 'bo@gmail.com', 'BO@GMAIL.COM', ' bo@gmail.com ', 'x@yahoo.com', 'y@YAHOO.com', 'z@gmx.de\u00a0', 'a@b@gmx.de', 'no-at-sign', '@acme.example',
  'a@.example', 'a@example.', 'a@example', 'a @b.example', 'ann.lee@partner.example', 'Ann.Lee@Partner.Example', 'u@über.example', 'u@ÜBER.EXAMPLE', 'spy@rival.example',
  'a@b..c', 'a@b.c', '', 'N/A', 'first.last@corp.example', 'x@sub.gmail.com', 'tab\t@x.example', 'ok@x.example\u2028'];
const COUNTRIES = ['DE', 'de', ' AT', 'CH', 'US', 'UK', 'us', 'Uganda', 'FR', '', '-', 'ÜS'];
const SOURCES = ['Paid Search', 'paid search', ' Paid Search ', 'Events', 'EVENTS', '', 'N/A', 'Referrals', 'Organic'];

export function adversarialExport(rows: number, seed: number): Export {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const header = ['id', 'email', 'title', 'industry', 'employees', 'budget', 'country', 'source', 'downloads', 'visits', 'clicks', 'views', 'intent',
    'optin', 'decision', 'dnc', 'replied', 'pain', 'months', 'last_touch', 'created'];
  const often = <T>(list: readonly T[], empty = 0.15) => (random() < empty ? pick(EMPTY) : pick(list));
  const data = Array.from({ length: rows }, (_, i) => [
    String(i + 1).padStart(6, '0'), often(EMAILS, 0.05), often(TITLES, 0.1), often(TEXTS), often(NUMBERS), often(NUMBERS), often(COUNTRIES), pick(SOURCES),
    often(NUMBERS), often(NUMBERS), often(NUMBERS), often(NUMBERS), often(NUMBERS), often(BOOLS), often(BOOLS), often(BOOLS, 0.5),
    random() < 0.5 ? '' : pick(['yes', 'Hi!', ' ', '\u00a0', 'N/A']), random() < 0.4 ? '' : pick(['No ROI visibility', 'x', ' ', '-']),
    often(NUMBERS), often(DATES), often(DATES),
  ]);
  return { header, rows: data };
}
