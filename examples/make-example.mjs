#!/usr/bin/env node
// Regenerates the bundled example data for leadq:
//
//   examples/leads.csv  - ~300 invented contacts shaped like a HubSpot contacts export
//                         (RFC 4180, CRLF line endings, UTF-8 without BOM)
//   examples/spend.csv  - quarterly spend per Original Source (source,amount; LF line endings)
//
// Run from the repo root:   node examples/make-example.mjs
//
// The generated files are committed to the repo, so docs, tests and demos can use them
// without running this script. The output is fully deterministic (seeded PRNG, fixed dates,
// no Date.now, no locale-dependent functions): re-running it must produce byte-identical
// files. If you change this script, re-run it and commit the regenerated CSVs with it.
//
// All names, companies, e-mail addresses and phone numbers are invented. Company domains
// use the reserved ".example" TLD; US phone numbers use the fictional 555-01xx range and
// GB numbers the Ofcom drama range (020 7946 0xxx).
//
// The data is deliberately messy in the ways real exports are (free-mail and invalid
// e-mails, mixed case, competitor domains, quoted fields with commas, quotes and a line
// break, unparseable numbers, empty cells) and correlated so a typical scoring ruleset
// yields every funnel stage: ~12% "hot" leads, ~20% moderately engaged, the rest cold.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- PRNG helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20260803);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const chance = (p) => rand() < p;
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
/** Integer in [0, max], skewed towards 0 (higher k = more skew). */
const skewed = (max, k) => Math.min(max, Math.floor(Math.pow(rand(), k) * (max + 1)));
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) {
    if ((r -= w) < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}
function shuffle(arr) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');

// ---------------------------------------------------------------- reference data

// Original Source quotas (exact counts, shares as requested) and hot/warm quotas per
// source. Events and Paid Search are a bit richer in hot leads.
const SOURCES = [
  // [source, rows, hot, warm]
  ['Organic Search', 75, 8, 15],
  ['Paid Search', 60, 9, 12],
  ['Paid Social', 45, 5, 9],
  ['Email Marketing', 36, 4, 8],
  ['Referrals', 30, 3, 6],
  ['Events', 30, 6, 6],
  ['Direct Traffic', 24, 2, 4],
];

const SPEND = [
  ['Organic Search', 18000],
  ['Paid Search', 64000],
  ['Paid Social', 41000],
  ['Email Marketing', 9500],
  ['Referrals', 6000],
  ['Events', 52000],
  ['Direct Traffic', 0],
];

const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elif', 'Fatima', 'Giulia', 'Hiroshi', 'Ingrid', 'Jan',
  'José', 'Karin', 'Lars', 'Łukasz', 'Mei', 'Nikolai', 'Olga', 'Priya', 'Quentin', 'Rafael',
  'Sofia', 'Tomás', 'Ursula', 'Viktor', 'Wei', 'Yusuf', 'Zoë', 'Amara', 'Björn', 'Chloé',
  'Dmitri', 'Emma', 'Felix', 'Hannah', 'Inês', 'Jonas', 'Kenji', 'Lea', 'Mateo', 'Noah',
  'Oliver', 'Paula', 'Ravi', 'Sanne', 'Thijs', 'Aisha', 'Liam', 'Mia', 'Lukas', 'Marie',
  'Sven', 'Freya', 'Kasper', 'Élodie', 'Arjun', 'Yuki', 'Camila', 'Lucas', 'Ann', 'Søren',
  'Matteo', 'Laura', 'Pieter', 'Agnieszka', 'Siobhan', 'Omar', 'Grace', 'Henrik', 'Lina', 'Marco',
];

// "O'Brien" is deliberately not in this list: it is placed on exactly one row.
const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Wagner', 'Novak', 'Kowalski',
  'Rossi', 'Bianchi', 'García', 'Fernández', 'Martin', 'Dubois', 'Lefèvre', 'Jansen', 'de Vries', 'van Dijk',
  'Peeters', 'Nielsen', 'Jensen', 'Hansen', 'Smith', 'Jones', 'Taylor', 'Brown', 'Walsh', 'Lee',
  'Nguyen', 'Kim', 'Tanaka', 'Sato', 'Patel', 'Sharma', 'Singh', 'Silva', 'Santos', 'Oliveira',
  'Yilmaz', 'Kaya', 'Ivanova', 'Petrov', 'Andersson', 'Lindqvist', 'Gruber', 'Huber', 'Brunner', 'Meier',
  'Keller', 'Zimmermann', 'Wójcik', 'Horváth', 'Costa', 'Moreau', 'Chen', 'Wang', 'Okafor', 'Mensah',
];

// [name, domain, country, industry]
const COMPANIES = [
  ['Northwind Traders', 'northwind.example', 'US', 'Retail'],
  ['Acme, Inc.', 'acme-corp.example', 'US', 'Manufacturing'],
  ['Globex, Ltd.', 'globex.example', 'GB', 'Software'],
  ['Initech, LLC', 'initech.example', 'US', 'Software'],
  ['Umbrella Logistics, Inc.', 'umbrella-logistics.example', 'US', 'Manufacturing'],
  ['Ironbridge Tools, Ltd.', 'ironbridge.example', 'GB', 'Manufacturing'],
  ['Stellar Cart, Inc.', 'stellarcart.example', 'US', 'Retail'],
  ['Contoso Manufacturing', 'contoso.example', 'DE', 'Manufacturing'],
  ['Fabrikam Software', 'fabrikam.example', 'NL', 'Software'],
  ['Tailspin Analytics', 'tailspin.example', 'GB', 'Software'],
  ['Wingtip Retail', 'wingtip.example', 'FR', 'Retail'],
  ['Litware Health', 'litware.example', 'US', 'Healthcare'],
  ['Adventure Works Education', 'adventure-works.example', 'US', 'Education'],
  ['Bluefjord Finance', 'bluefjord.example', 'DK', 'Financial Services'],
  ['Alpenglow Systems AG', 'alpenglow.example', 'CH', 'Software'],
  ['Rheintal Maschinenbau GmbH', 'rheintal-mb.example', 'DE', 'Manufacturing'],
  ['Nordlicht Software GmbH', 'nordlicht-software.example', 'DE', 'Software'],
  ['Kastanie Medical GmbH', 'kastanie-medical.example', 'DE', 'Healthcare'],
  ['Zeeland Data B.V.', 'zeeland-data.example', 'NL', 'Software'],
  ['Grachten Finance B.V.', 'grachten.example', 'NL', 'Financial Services'],
  ['Havnefront Robotics ApS', 'havnefront.example', 'DK', 'Manufacturing'],
  ['Brabant Precision NV', 'brabant-precision.example', 'BE', 'Manufacturing'],
  ['Lumière Retail SAS', 'lumiere-retail.example', 'FR', 'Retail'],
  ['Pennywhistle Ltd', 'pennywhistle.example', 'GB', 'Retail'],
  ['Harbourside Health Ltd', 'harbourside-health.example', 'GB', 'Healthcare'],
  ['Copperfinch Labs, Inc.', 'copperfinch.example', 'US', 'Software'],
  ['Silverpine Capital', 'silverpine.example', 'US', 'Financial Services'],
  ['Redwood Canyon Schools', 'redwood-canyon.example', 'US', 'Education'],
  ['Prairie State Agency', 'prairie-state.example', 'US', 'Government'],
  ['Helping Hands Foundation', 'helping-hands.example', 'GB', 'Non-Profit'],
  ['Quokka Software Pty Ltd', 'quokka-soft.example', 'AU', 'Software'],
  ['Sakura Precision K.K.', 'sakura-precision.example', 'JP', 'Manufacturing'],
  ['Ipê Varejo Ltda.', 'ipe-varejo.example', 'BR', 'Retail'],
  ['Cloudworks India Pvt Ltd', 'cloudworks-in.example', 'IN', 'Software'],
  ['Sierra Azul Salud S.L.', 'sierra-azul.example', 'ES', 'Healthcare'],
  ['Vela Finanza S.p.A.', 'vela-finanza.example', 'IT', 'Financial Services'],
  ['Gletscher Versicherung AG', 'gletscher.example', 'CH', 'Financial Services'],
  ['Donau Logistik GmbH', 'donau-logistik.example', 'AT', 'Manufacturing'],
  ['Wiener Praxis Software GmbH', 'wiener-praxis.example', 'AT', 'Software'],
  ['Isar Fintech GmbH', 'isar-fintech.example', 'DE', 'Financial Services'],
  ['Spree Analytics GmbH', 'spree-analytics.example', 'DE', 'Software'],
  ['Elbe Tooling GmbH', 'elbe-tooling.example', 'DE', 'Manufacturing'],
  ['Mainufer Bank AG', 'mainufer.example', 'DE', 'Financial Services'],
  ['Schwarzwald Uhren KG', 'schwarzwald-uhren.example', 'DE', 'Manufacturing'],
  ['Hanse Retail GmbH', 'hanse-retail.example', 'DE', 'Retail'],
  ['Bodensee Medtech GmbH', 'bodensee-medtech.example', 'DE', 'Healthcare'],
  ['Moselle Learning SARL', 'moselle-learning.example', 'FR', 'Education'],
  ['Kattegat Systems A/S', 'kattegat.example', 'DK', 'Software'],
  ['Utrecht Care Groep', 'utrecht-care.example', 'NL', 'Healthcare'],
  ['Ghent Fintech BV', 'ghent-fintech.example', 'BE', 'Financial Services'],
  ['Thames Ledger Ltd', 'thames-ledger.example', 'GB', 'Financial Services'],
  ['Pinewood Academy Trust', 'pinewood-academy.example', 'GB', 'Education'],
  ['Lakeshore Manufacturing, Inc.', 'lakeshore-mfg.example', 'US', 'Manufacturing'],
  ['Bayside Software Corp.', 'bayside-soft.example', 'US', 'Software'],
  ['Granite Peak Health', 'granite-peak.example', 'US', 'Healthcare'],
  ['Maple & Oak Retail Co.', 'maple-oak.example', 'US', 'Retail'],
  ['County of Westbrook', 'westbrook-county.example', 'US', 'Government'],
  ['Open Doors Alliance', 'open-doors.example', 'NL', 'Non-Profit'],
  ['Polar Bear Analytics', 'polarbear.example', 'DK', 'Software'],
  ['Hexabyte Solutions', 'hexabyte.example', 'DE', 'Software'],
  ['Quantum Quill Software', 'quantumquill.example', 'AT', 'Software'],
  ['Vireo Payments', 'vireo.example', 'CH', 'Financial Services'],
  ['Brightwater Clinics', 'brightwater.example', 'BE', 'Healthcare'],
  ['Müller & Söhne Feinmechanik GmbH', 'muellersoehne.example', 'DE', 'Manufacturing'],
  ['Kleinwerk Software UG', 'kleinwerk.example', 'DE', 'Software'],
  ['Bundesamt für Beispielwesen', 'beispielwesen.example', 'DE', 'Government'],
  ['Stadtwerke Beispielstadt', 'stadtwerke-beispiel.example', 'DE', 'Government'],
  ['Tierhilfe Nord e.V.', 'tierhilfe-nord.example', 'DE', 'Non-Profit'],
  ['Limmat Learning GmbH', 'limmat-learning.example', 'CH', 'Education'],
  ['Canal Street Bakery', 'canalstreet.example', 'GB', 'Retail'],
  ['Rio Claro Software Ltda.', 'rioclaro.example', 'BR', 'Software'],
  ['Mumbai Mills Pvt Ltd', 'mumbai-mills.example', 'IN', 'Manufacturing'],
  ['Kyoto Ledger K.K.', 'kyoto-ledger.example', 'JP', 'Financial Services'],
  ['Coral Coast Health', 'coralcoast.example', 'AU', 'Healthcare'],
  ['Toscana Tessuti S.r.l.', 'toscana-tessuti.example', 'IT', 'Manufacturing'],
  ['Meseta Datos S.L.', 'meseta-datos.example', 'ES', 'Software'],
  ['Oakridge Home Services', 'oakridge-home.example', '', 'Retail'],
  ['Fernweh Reisen GmbH', 'fernweh-reisen.example', 'DE', ''],
];
const QUOTED_COMPANY = ['The "Best" Widgets GmbH', 'best-widgets.example', 'DE', 'Manufacturing'];
const COMPETITORS = [
  ['Competitor Labs GmbH', 'competitor.example', 'DE', 'Software'],
  ['Rival Systems, Inc.', 'rival.example', 'US', 'Software'],
];

// Skewed-small company sizes (1..20000), fixed per company.
const companySize = new Map();
for (const c of [...COMPANIES, QUOTED_COMPANY, ...COMPETITORS]) {
  companySize.set(c[1], Math.max(1, Math.round(Math.exp(Math.pow(rand(), 1.25) * Math.log(20000)))));
}
// Make sure enough companies fit a typical ideal customer profile.
for (const d of ['nordlicht-software.example', 'contoso.example', 'fabrikam.example', 'alpenglow.example',
  'isar-fintech.example', 'zeeland-data.example', 'rheintal-mb.example', 'globex.example',
  'kattegat.example', 'ghent-fintech.example', 'wiener-praxis.example', 'bayside-soft.example']) {
  const s = companySize.get(d);
  if (s < 50 || s > 5000) companySize.set(d, int(60, 4800));
}

const TARGET_COUNTRIES = new Set(['DE', 'AT', 'CH', 'NL', 'DK', 'BE', 'FR', 'GB', 'US']);
const TARGET_INDUSTRIES = new Set(['Software', 'Manufacturing', 'Financial Services']);
const FIT_COMPANIES = COMPANIES.filter(
  ([, d, country, industry]) =>
    TARGET_COUNTRIES.has(country) && TARGET_INDUSTRIES.has(industry) &&
    companySize.get(d) >= 50 && companySize.get(d) <= 5000,
);
// Hot leads favour DACH companies a little.
const HOT_COMPANY_POOL = FIT_COMPANIES.flatMap((c) => (['DE', 'AT', 'CH'].includes(c[2]) ? [c, c] : [c]));

const SENIOR_TITLES = ['VP Marketing', 'Head of Sales Operations', 'Chief Technology Officer', 'Director of IT',
  'SVP Finance', 'CFO', 'Head of Marketing', 'VP Sales', 'Chief Revenue Officer', 'Director of Marketing Operations'];
const MID_TITLES = ['Marketing Manager', 'Sales Operations Manager', 'Director of IT', 'Head of Demand Generation',
  'Software Engineer', 'Analyst', 'Owner', 'Co-Owner', 'VP Marketing', 'CRM Manager', 'Head of Sales Operations'];
const JUNIOR_TITLES = ['Sales Representative', 'Software Engineer', 'Intern', 'Headhunter', 'Analyst', 'Student',
  'Owner', 'Co-Owner', 'Marketing Manager', 'Consultant', 'Office Manager', 'Working Student', 'Recruiter'];

const PAIN_POINTS = [
  'Manual lead routing takes hours',
  'Reporting across regions is inconsistent',
  'No visibility into campaign ROI',
  'Sales ignores marketing leads',
  'Duplicate contacts in the CRM',
  'Lead scoring is done in spreadsheets',
  'Handover from SDRs to AEs is slow',
  'Cannot attribute pipeline to events',
  'Too many unqualified demo requests',
  'Data quality in the CRM is poor',
  'Forecasts are unreliable',
  'Need GDPR-compliant consent tracking',
];
const PAIN_POINTS_WITH_COMMA = [
  'Too many tools, no single view of the customer',
  'Slow follow-up on inbound leads, especially after trade fairs',
];
const PAIN_POINT_MULTILINE = 'Leads from events sit in spreadsheets for weeks.\nNobody owns the follow-up.';

// ---------------------------------------------------------------- dates

const MIN = 60 * 1000;
const T_START = Date.UTC(2025, 5, 1, 0, 0); // 2025-06-01 00:00
const T_END = Date.UTC(2026, 9, 31, 23, 59); // 2026-10-31 23:59
const T_RECENT = Date.UTC(2026, 7, 3, 0, 0); // 2026-08-03 00:00 (90 days before 2026-11-01)
const T_HOT = Date.UTC(2026, 8, 20, 0, 0); // 2026-09-20 00:00

/** Random timestamp in [from, to], at office-ish hours, minute precision. */
function randomTime(from, to) {
  const dayFrom = Math.floor(from / 86400000);
  const dayTo = Math.floor(to / 86400000);
  for (;;) {
    const day = int(dayFrom, dayTo);
    const minute = weighted([[int(7 * 60, 18 * 60), 85], [int(0, 24 * 60 - 1), 15]]);
    const t = day * 86400000 + minute * MIN;
    if (t >= from && t <= to) return t;
  }
}
const pad = (n) => String(n).padStart(2, '0');
function fmt(t) {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// ---------------------------------------------------------------- helpers

function ascii(s) {
  return s
    .replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ß/g, 'ss')
    .replace(/ü/g, 'ue').replace(/ö/g, 'oe').replace(/ä/g, 'ae')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z]/g, '');
}

function phone(country) {
  switch (country) {
    case 'DE': return `+49 ${pick(['30', '40', '89', '69', '221'])} ${digits(7)}`;
    case 'AT': return `+43 1 ${digits(7)}`;
    case 'CH': return `+41 44 ${digits(3)} ${digits(2)} ${digits(2)}`;
    case 'NL': return `+31 20 ${digits(3)} ${digits(4)}`;
    case 'DK': return `+45 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
    case 'BE': return `+32 2 ${digits(3)} ${digits(2)} ${digits(2)}`;
    case 'FR': return `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
    case 'GB': return `+44 20 7946 0${digits(3)}`;
    case 'US': return `(555) 01${int(0, 9)}-${digits(4)}`;
    case 'BR': return `+55 11 9${digits(4)}-${digits(4)}`;
    case 'IN': return `+91 80 ${digits(4)} ${digits(4)}`;
    case 'JP': return `+81 3 ${digits(4)} ${digits(4)}`;
    case 'AU': return `+61 2 ${digits(4)} ${digits(4)}`;
    case 'ES': return `+34 91 ${digits(3)} ${digits(2)} ${digits(2)}`;
    case 'IT': return `+39 02 ${digits(4)} ${digits(4)}`;
    default: return `(555) 01${int(0, 9)}-${digits(4)}`;
  }
}

const yesNo = (p) => (chance(p) ? 'Yes' : 'No');

// ---------------------------------------------------------------- tiers, sources, specials

const rows = [];
for (const [source, count, hot, warm] of SOURCES) {
  for (let i = 0; i < count; i++) {
    rows.push({ source, tier: i < hot ? 'hot' : i < hot + warm ? 'warm' : 'cold' });
  }
}
shuffle(rows);

// Specials: each special goes to a distinct row of the stated tier(s).
const pools = {
  hot: shuffle(rows.map((r, i) => i).filter((i) => rows[i].tier === 'hot')),
  warm: shuffle(rows.map((r, i) => i).filter((i) => rows[i].tier === 'warm')),
  cold: shuffle(rows.map((r, i) => i).filter((i) => rows[i].tier === 'cold')),
};
function assign(special, tiers, n = 1) {
  for (let k = 0; k < n; k++) {
    const tier = tiers[k % tiers.length];
    const i = pools[tier].pop();
    (rows[i].specials ??= []).push(special);
  }
}
assign('invalidEmail', ['cold', 'cold', 'warm'], 6);
assign('competitor', ['warm', 'cold'], 5);
assign('mixedCase', ['hot', 'cold', 'warm'], 9);
assign('badEmployees', ['cold', 'warm', 'cold'], 3);
assign('budgetTBD', ['warm', 'cold'], 2);
assign('painComma', ['hot', 'warm'], 2);
assign('painMultiline', ['hot']);
assign('quotedCompany', ['warm']);
assign('obrien', ['hot']);
assign('dncHot', ['hot']);
// ~25% free-mail addresses, never on hot leads (those have business e-mail).
assign('freeMail', ['warm'], 14);
assign('freeMail', ['cold'], 61);

const INVALID_EMAILS = [
  (f, l, d) => `${f}.${l}.${d}`, // missing @
  (f, l, d) => `${f}@${l}@${d}`, // two @
  (f, l, d) => `${f}.${l}@${d.replace(/\.example$/, '')}`, // no dot in domain
  () => '', // empty
  (f, l) => `${f}.${l}@gmail`, // no dot in domain
  () => '', // empty
];
const BAD_EMPLOYEES = ['50-200', 'n/a', '1,000+'];
let invalidIdx = 0, competitorIdx = 0, badEmpIdx = 0, painCommaIdx = 0;

// ---------------------------------------------------------------- generate

const HEADERS = [
  'Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Industry',
  'Number of Employees', 'Country/Region', 'Original Source', 'Create Date', 'Last Activity Date', 'Lead Status',
  'Number of Pageviews', 'Email Clicks', 'Whitepaper Downloads', 'Webinar Attended', 'Newsletter Subscriber',
  'Demo Requested', 'Pricing Page Visits', 'Intent Score', 'Budget', 'Decision Maker', 'Pain Point',
  'Purchase Timeline (Months)', 'Do Not Contact',
];

const out = [];
let recordId = 51001;
for (const row of rows) {
  const { tier, source } = row;
  const sp = new Set(row.specials ?? []);
  const hot = tier === 'hot';
  const warm = tier === 'warm';

  const first = pick(FIRST_NAMES);
  const last = sp.has('obrien') ? "O'Brien" : pick(LAST_NAMES);

  // Company
  let company;
  if (sp.has('competitor')) company = COMPETITORS[competitorIdx % 2];
  else if (sp.has('quotedCompany')) company = QUOTED_COMPANY;
  else if (hot) company = pick(HOT_COMPANY_POOL);
  else company = pick(COMPANIES);
  const [companyName0, domain, companyCountry, companyIndustry] = company;

  // Email
  const f = ascii(first), l = ascii(last);
  const freeMail = sp.has('freeMail');
  let email;
  let companyName = companyName0;
  if (sp.has('competitor')) {
    email = `${f}.${l}@${domain}`;
    competitorIdx++;
  } else if (sp.has('invalidEmail')) {
    email = INVALID_EMAILS[invalidIdx++](f, l, domain);
  } else if (freeMail) {
    const fm = ['DE', 'AT', 'CH'].includes(companyCountry)
      ? weighted([['gmx.de', 3], ['web.de', 3], ['gmail.com', 3], ['outlook.com', 1]])
      : weighted([['gmail.com', 5], ['yahoo.com', 2], ['hotmail.com', 2], ['outlook.com', 2]]);
    const local = weighted([[`${f}.${l}`, 5], [`${f}${l}${int(1, 99)}`, 3], [`${f[0]}.${l}`, 2], [`${f}_${l}`, 1]]);
    email = `${local}@${fm}`;
    if (chance(0.3)) companyName = '';
  } else {
    email = `${f}.${l}@${domain}`;
  }
  if (sp.has('mixedCase') && email) {
    const [local, dom] = email.split('@');
    const cap = (s) => s.split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('.');
    const parts = dom.split('.');
    email = `${cap(local)}@${parts.slice(0, -1).map((p) => cap(p.split('-').map((x) => x.charAt(0).toUpperCase() + x.slice(1)).join('-'))).join('.')}.${parts[parts.length - 1].toUpperCase()}`;
  }

  // Country / industry / size
  const country = !hot && chance(0.04) ? '' : companyCountry;
  const industry = !hot && chance(0.06) ? '' : companyIndustry;
  let employees = String(companySize.get(domain));
  if (sp.has('badEmployees')) employees = BAD_EMPLOYEES[badEmpIdx++];
  else if (!hot && chance(0.07)) employees = '';

  const phoneNumber = chance(hot ? 0.08 : 0.24) ? '' : phone(country || companyCountry);

  const title = hot
    ? pick(SENIOR_TITLES)
    : warm
      ? (chance(0.04) ? '' : pick(MID_TITLES))
      : (chance(0.09) ? '' : chance(0.15) ? pick(SENIOR_TITLES) : pick(JUNIOR_TITLES));

  // Dates
  let lastActivity;
  if (hot) lastActivity = randomTime(T_HOT, T_END);
  else if (!warm && chance(0.1)) lastActivity = null; // empty
  else if (chance(warm ? 0.08 : 0.3)) lastActivity = randomTime(T_START + 3 * 86400000, T_RECENT - MIN);
  else lastActivity = randomTime(T_RECENT, T_END);
  const createTo = lastActivity ?? T_END;
  const createDate = randomTime(T_START, createTo);

  // Status
  const status = hot
    ? weighted([['In Progress', 30], ['Connected', 25], ['Open Deal', 30], ['Open', 10], ['Attempted to Contact', 5]])
    : warm
      ? weighted([['Open', 28], ['New', 18], ['Attempted to Contact', 24], ['In Progress', 10], ['Connected', 10], ['Unqualified', 10]])
      : weighted([['New', 39], ['Open', 19], ['Attempted to Contact', 17], ['Unqualified', 20], ['Connected', 3], ['In Progress', 2]]);

  // Engagement
  let pageviews, clicks, whitepapers, pricing, webinar, newsletter, demo;
  if (hot) {
    pageviews = int(18, 60);
    clicks = int(4, 20);
    demo = yesNo(0.5);
    whitepapers = demo === 'Yes' ? int(0, 3) : int(2, 5);
    webinar = demo === 'Yes' ? yesNo(0.5) : 'Yes';
    pricing = int(2, 8);
    newsletter = yesNo(0.6);
  } else if (warm) {
    pageviews = int(5, 28);
    clicks = int(1, 9);
    whitepapers = weighted([[0, 3], [1, 5], [2, 2]]);
    pricing = weighted([[0, 5], [1, 3], [2, 2], [3, 1]]);
    webinar = yesNo(0.25);
    newsletter = yesNo(0.5);
    demo = yesNo(0.08);
  } else {
    pageviews = skewed(12, 2);
    clicks = skewed(4, 2.5);
    whitepapers = chance(0.86) ? 0 : chance(0.85) ? 1 : 2;
    pricing = chance(0.9) ? 0 : int(1, 2);
    webinar = yesNo(0.035);
    newsletter = yesNo(0.28);
    demo = yesNo(0.01);
  }
  const blank = (v, p = 0.03) => (!hot && chance(p) ? '' : String(v));
  pageviews = blank(pageviews);
  clicks = blank(clicks);
  whitepapers = blank(whitepapers);
  pricing = blank(pricing);
  webinar = blank(webinar, 0.02);
  newsletter = blank(newsletter, 0.02);
  demo = blank(demo, 0.02);

  const intent = chance(hot ? 0.15 : warm ? 0.25 : 0.34) ? '' : String(hot ? int(60, 100) : warm ? int(30, 80) : skewed(55, 1.5));

  let budget;
  if (sp.has('budgetTBD')) budget = 'TBD';
  else if (hot) budget = chance(0.1) ? '' : String(pick([10000, 12000, 25000, 25000, 50000, 75000, 150000]));
  else if (warm) budget = chance(0.4) ? '' : String(pick([5000, 10000, 12000, 25000, 50000]));
  else budget = chance(0.52) ? '' : String(pick([1000, 2500, 5000, 5000, 8000, 12000]));

  const decisionMaker = hot
    ? (chance(0.92) ? 'true' : 'false')
    : warm
      ? weighted([['true', 40], ['false', 40], ['', 20]])
      : weighted([['true', 15], ['false', 60], ['', 25]]);

  let pain;
  if (sp.has('painMultiline')) pain = PAIN_POINT_MULTILINE;
  else if (sp.has('painComma')) pain = PAIN_POINTS_WITH_COMMA[painCommaIdx++];
  else pain = chance(hot ? 0.9 : warm ? 0.55 : 0.33) ? pick(PAIN_POINTS) : '';

  const timeline = chance(hot ? 0.1 : warm ? 0.3 : 0.5) ? '' : String(hot ? int(1, 6) : warm ? int(3, 12) : int(4, 24));

  const dnc = sp.has('dncHot') || (!hot && chance(0.028)) ? 'true' : 'false';

  out.push({
    id: recordId,
    values: [
      String(recordId), first, last, email, phoneNumber, companyName, title, industry, employees, country,
      source, fmt(createDate), lastActivity === null ? '' : fmt(lastActivity), status,
      pageviews, clicks, whitepapers, webinar, newsletter, demo, pricing, intent, budget, decisionMaker, pain,
      timeline, dnc,
    ],
    specials: [...sp],
    tier,
  });
  recordId += int(1, 7);
}

// ---------------------------------------------------------------- write

const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (values) => values.map(csvField).join(',');

const leads = [csvLine(HEADERS), ...out.map((r) => csvLine(r.values))].join('\r\n') + '\r\n';
writeFileSync(join(here, 'leads.csv'), leads, 'utf8');

const spend = ['source,amount', ...SPEND.map(([s, a]) => `${s},${a}`)].join('\n') + '\n';
writeFileSync(join(here, 'spend.csv'), spend, 'utf8');

if (process.argv.includes('--verbose')) {
  for (const r of out) {
    const s = r.specials.filter((x) => x !== 'freeMail');
    if (s.length) console.log(r.id, r.tier, s.join(' '));
  }
}
console.log(`wrote examples/leads.csv (${out.length} rows) and examples/spend.csv (${SPEND.length} sources)`);
