#!/usr/bin/env node
// Regenerates examples/history.csv: last season's leads with their outcome, for `leadq backtest`
// and `leadq calibrate` (README: "Is my ruleset any good?").
//
//   node examples/make-history.mjs
//
// 2,000 invented contacts in the shape of examples/leads.csv (the same HubSpot-style columns, so
// rules.example.yaml reads it), created between 2025-11-01 and 2026-04-30 and exported on
// 2026-05-01 (backtest them --as-of 2026-05-01), plus a `Converted` column (Yes/No) filled in
// once the season's deals had closed. Conversion follows a hidden logistic model in which some of
// the example ruleset's rules matter a lot (a demo, pricing visits, a senior title, company size)
// and some not at all (newsletter signups, whitepaper downloads), and some the ruleset misses (the
// lead source, a high intent score), so the backtest has something to say.
// Deterministic (seeded PRNG, fixed dates): re-running it gives byte-identical output.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROWS = 2000;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20260501);
const chance = (p) => rand() < p;
const pick = (a) => a[Math.floor(rand() * a.length)];
const geo = (mean) => Math.floor(-Math.log(1 - rand()) * mean);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elif', 'Fatima', 'Giulia', 'Hiroshi', 'Ingrid', 'Jan', 'Karin', 'Lars', 'Mei', 'Nikolai', 'Olga', 'Priya', 'Rafael', 'Sofia', 'Tomás', 'Viktor', 'Wei', 'Yusuf', 'Zoë', 'Amara', 'Chloé', 'Emma', 'Felix', 'Jonas', 'Kenji', 'Lea', 'Mateo', 'Noah', 'Paula', 'Ravi', 'Sanne', 'Omar'];
const LAST = ['Müller', 'Schmidt', 'Weber', 'Novak', 'Rossi', 'García', 'Dubois', 'Jansen', 'Nielsen', 'Smith', 'Taylor', 'Nguyen', 'Kim', 'Tanaka', 'Patel', 'Sharma', 'Silva', 'Yilmaz', 'Petrov', 'Andersson', 'Huber', 'Costa', 'Chen', 'Okafor', 'Mensah', 'Walsh'];
const COMPANIES = [
  ['Northwind Traders', 'northwind.example', 'US', 'Retail'], ['Globex, Ltd.', 'globex.example', 'GB', 'Software'],
  ['Initech, LLC', 'initech.example', 'US', 'Software'], ['Contoso Manufacturing', 'contoso.example', 'DE', 'Manufacturing'],
  ['Fabrikam Software', 'fabrikam.example', 'NL', 'Software'], ['Litware Health', 'litware.example', 'US', 'Healthcare'],
  ['Bluefjord Finance', 'bluefjord.example', 'DK', 'Financial Services'], ['Alpenglow Systems AG', 'alpenglow.example', 'CH', 'Software'],
  ['Rheintal Maschinenbau GmbH', 'rheintal-mb.example', 'DE', 'Manufacturing'], ['Kastanie Medical GmbH', 'kastanie-medical.example', 'DE', 'Healthcare'],
  ['Lumière Retail SAS', 'lumiere-retail.example', 'FR', 'Retail'], ['Quokka Software Pty Ltd', 'quokka-soft.example', 'AU', 'Software'],
  ['Sakura Precision K.K.', 'sakura-precision.example', 'JP', 'Manufacturing'], ['Cloudworks India Pvt Ltd', 'cloudworks-in.example', 'IN', 'Software'],
  ['Vela Finanza S.p.A.', 'vela-finanza.example', 'IT', 'Financial Services'], ['Donau Logistik GmbH', 'donau-logistik.example', 'AT', 'Manufacturing'],
  ['Pinewood Academy Trust', 'pinewood-academy.example', 'GB', 'Education'], ['County of Westbrook', 'westbrook-county.example', 'US', 'Government'],
  ['Open Doors Alliance', 'open-doors.example', 'NL', 'Non-Profit'], ['Ghent Fintech BV', 'ghent-fintech.example', 'BE', 'Financial Services'],
  ['Bayside Software Corp.', 'bayside-soft.example', 'US', 'Software'], ['Canal Street Bakery', 'canalstreet.example', 'GB', 'Retail'],
];
const SOURCES = ['Organic Search', 'Paid Search', 'Paid Social', 'Email Marketing', 'Referrals', 'Events', 'Direct Traffic'];
const SOURCE_EFFECT = { 'Organic Search': 0, 'Paid Search': -0.4, 'Paid Social': -1.3, 'Email Marketing': -0.2, Referrals: 1.4, Events: 1.1, 'Direct Traffic': 0 };
const SENIOR = ['VP Marketing', 'Head of Sales Operations', 'Chief Technology Officer', 'Director of IT', 'CFO', 'Head of Marketing'];
const OTHER_TITLES = ['Marketing Manager', 'Software Engineer', 'Analyst', 'Sales Representative', 'Consultant', 'Office Manager', 'Student', 'CRM Manager'];
const PAIN = ['Manual lead routing takes hours', 'Reporting across regions is inconsistent', 'No visibility into campaign ROI', 'Sales ignores marketing leads', 'Lead scoring is done in spreadsheets'];
const FREE = ['gmail.com', 'outlook.com', 'gmx.de', 'yahoo.com'];
const STATUSES = ['New', 'Open', 'Attempted to Contact', 'In Progress', 'Connected', 'Unqualified'];

const START = Date.UTC(2025, 10, 1);
const SNAPSHOT = Date.UTC(2026, 3, 30);
const date = (t) => {
  const d = new Date(t);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const q = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const ascii = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'ue').toLowerCase().replace(/[^a-z]/g, '');

const HEADER = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Industry', 'Number of Employees',
  'Country/Region', 'Original Source', 'Create Date', 'Last Activity Date', 'Lead Status', 'Number of Pageviews', 'Email Clicks', 'Whitepaper Downloads',
  'Webinar Attended', 'Newsletter Subscriber', 'Demo Requested', 'Pricing Page Visits', 'Intent Score', 'Budget', 'Decision Maker', 'Pain Point',
  'Purchase Timeline (Months)', 'Do Not Contact', 'Converted'];

const lines = [HEADER.join(',')];
for (let i = 0; i < ROWS; i++) {
  // a latent interest drives what a lead does; conversion reads what it did and who it is
  const interest = gauss();
  const [companyName, domain, country, industry] = pick(COMPANIES);
  const first = pick(FIRST);
  const last = pick(LAST);
  const free = chance(0.25);
  const email = `${ascii(first)}.${ascii(last)}@${free ? pick(FREE) : domain}`;
  const senior = chance(0.3);
  const title = senior ? pick(SENIOR) : pick(OTHER_TITLES);
  const employees = Math.max(1, Math.round(Math.exp(2 + rand() * 7.5)));
  const source = pick(SOURCES);
  const created = START + Math.floor(rand() * (SNAPSHOT - START));
  const active = created + Math.floor(Math.pow(rand(), 1 + Math.max(0, -interest)) * (SNAPSHOT - created));
  const pageviews = geo(Math.exp(1.5 + 0.6 * interest));
  const clicks = geo(Math.exp(0.5 + 0.5 * interest));
  const whitepapers = Math.min(5, geo(0.8));
  const webinar = chance(0.12 + 0.1 * (interest > 0.5));
  const newsletter = chance(0.4);
  const demo = chance(interest > 1 ? 0.45 : interest > 0 ? 0.1 : 0.02);
  const pricing = geo(Math.exp(-0.5 + 0.8 * interest));
  const intent = chance(0.7) ? String(Math.max(0, Math.min(100, Math.round(45 + 20 * interest + 15 * gauss())))) : '';
  const budget = chance(0.5) ? String(Math.round(Math.exp(8 + 2 * rand()) / 1000) * 1000) : '';
  const decision = chance(0.2) ? '' : senior || chance(0.15) ? 'true' : 'false';
  const pain = chance(0.55) ? pick(PAIN) : '';
  const timeline = chance(0.6) ? String(1 + Math.floor(rand() * 18)) : '';
  const dnc = chance(0.02);
  const daysIdle = (SNAPSHOT - active) / 86_400_000;
  const intentScore = intent === '' ? 50 : Number(intent);
  const eta = -2.3 + 1.4 * demo + 0.35 * Math.min(pricing, 5) + 0.2 * webinar + 0.7 * senior + 0.5 * (employees >= 50 && employees <= 5000)
    + 0.02 * Math.min(pageviews, 30) + 0.045 * Math.max(0, intentScore - 50) - 0.8 * free + SOURCE_EFFECT[source] + 0.5 * (daysIdle <= 30) - 0.3 * (daysIdle > 90)
    + (['Software', 'Financial Services'].includes(industry) ? 0.7 : ['Education', 'Government'].includes(industry) ? -1.0 : 0) - 1.5 * dnc;
  const converted = chance(1 / (1 + Math.exp(-eta)));
  const status = pick(STATUSES);
  const phone = chance(0.7) ? `+${10 + Math.floor(rand() * 89)} ${100 + Math.floor(rand() * 899)} ${1000000 + Math.floor(rand() * 8999999)}` : '';
  const row = [String(61001 + i), first, last, email, phone, free && chance(0.3) ? '' : companyName, title, industry, String(employees), country, source,
    date(created), date(active), status, String(pageviews), String(clicks), String(whitepapers), webinar ? 'Yes' : 'No', newsletter ? 'Yes' : 'No',
    demo ? 'Yes' : 'No', String(pricing), intent, budget, decision, pain, timeline, dnc ? 'true' : 'false', converted ? 'Yes' : 'No'];
  lines.push(row.map(q).join(','));
}
writeFileSync(join(here, 'history.csv'), `${lines.join('\r\n')}\r\n`);
process.stderr.write(`wrote ${join(here, 'history.csv')} (${ROWS} leads)\n`);
