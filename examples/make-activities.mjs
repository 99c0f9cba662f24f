#!/usr/bin/env node
// Regenerates examples/activities.csv: an invented activity log for the contacts of
// examples/leads.csv, shaped like a HubSpot activities export (one row per email open, click,
// reply, form submission, page view, call or meeting, with its date and the contact's email),
// in no particular order. rules.example.yaml scores engagement from it (related: activities).
// With --history it writes examples/history-activities.csv instead: the log of the 2,000 leads of
// examples/history.csv up to their snapshot day (2026-05-01), tidy (every row matches a lead and
// has a date), for `leadq backtest` and `leadq calibrate` (--related activities=…).
//
// Run from the repo root:   node examples/make-activities.mjs && node examples/make-activities.mjs --history
//
// Deterministic (seeded PRNG, fixed dates, no Date.now, no locale): re-running it gives the
// same bytes. If you change it, re-run it and commit the CSV with it.
//
// Like a real export it is a little messy, on purpose, so that `leadq score` shows what it says
// about such rows: emails in another case or with spaces around them (they still match), a
// contact deleted from the CRM since (its rows match no lead), a row whose date is not a date,
// and rows dated after the example's as-of date (2026-11-01), which never count.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const here = dirname(fileURLToPath(import.meta.url));

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

const history = process.argv.includes('--history');
const rand = mulberry32(history ? 20260501 : 20261101);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p) => rand() < p;
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const AS_OF = history ? Date.UTC(2026, 4, 1) : Date.UTC(2026, 10, 1);
const pad = (n) => String(n).padStart(2, '0');
/** `YYYY-MM-DD HH:MM`, as HubSpot writes dates in exports */
function stamp(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
/** A time `days` days before the as-of date (negative: after it), in office hours. */
const at = (days) => AS_OF - days * DAY + int(8, 18) * 3_600_000 + int(0, 59) * 60_000;

// ---------------------------------------------------------------- the contacts

const leads = parse(readFileSync(join(here, history ? 'history.csv' : 'leads.csv')), { columns: true, bom: true });

const TYPES = {
  'Email Open': ['Q4 product update', 'Your guide to campaign ROI', 'Webinar invitation: scoring leads', 'Monthly newsletter'],
  'Email Click': ['Q4 product update', 'Your guide to campaign ROI', 'Pricing overview'],
  'Email Reply': ['Re: pricing question', 'Re: next steps', 'Re: demo follow-up'],
  'Form Submission': ['Contact us', 'Whitepaper: lead scoring', 'Demo request'],
  'Page View': ['/pricing', '/product', '/blog/lead-scoring', '/customers'],
  Call: ['Discovery call', 'Follow-up call', 'Left voicemail'],
  Meeting: ['Intro meeting', 'Product demo', 'Pricing discussion'],
};

/** How busy a contact is: hot leads (a demo, many clicks) act more and more recently. */
function activity(lead) {
  const clicks = Number(lead['Email Clicks']) || 0;
  const demo = lead['Demo Requested'] === 'Yes';
  const webinar = lead['Webinar Attended'] === 'Yes';
  const heat = Math.min(1, clicks / 10 + (demo ? 0.5 : 0) + (webinar ? 0.2 : 0));
  return { rows: chance(0.15 - heat / 10) ? 0 : int(1, 4) + Math.round(heat * int(4, 14)), heat };
}

const rows = [];
let id = 900001;
function row(type, days, email) {
  rows.push([`${id++}`, type, stamp(at(days)), email, pick(TYPES[type]), type === 'Call' || type === 'Meeting' ? String(int(5, 60)) : '']);
}

for (const lead of leads) {
  const email = lead.Email;
  if (!email || !email.includes('@')) continue;
  const { rows: n, heat } = activity(lead);
  for (let i = 0; i < n; i++) {
    const type = weighted([
      ['Email Open', 30], ['Email Click', 14], ['Page View', 18], ['Form Submission', 8],
      ['Email Reply', 8 + heat * 10], ['Call', 8 + heat * 8], ['Meeting', 3 + heat * 12],
    ]);
    // most activity in the last months, hot leads more recent still; a few after the as-of date
    const days = chance(0.04) ? -int(1, 40) : Math.floor(Math.pow(rand(), 1 + heat) * 400);
    // exports are not tidy: another case, a space around the address
    const written = chance(0.04) ? email.toUpperCase() : chance(0.03) ? ` ${email} ` : email;
    row(type, days, written);
    // replies and form fills come in bursts: a second one the same day now and then
    if ((type === 'Email Reply' || type === 'Form Submission') && chance(0.3)) row(type, days, written);
  }
}

// a contact deleted from the CRM since: its rows match no lead
if (!history) for (let i = 0; i < 3; i++) row(pick(['Email Open', 'Meeting', 'Call']), int(5, 120), 'former.contact@gone.example');

// in random order, as exports of several activity types joined together are
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}
// one row whose date is not a date (an export that wrote a placeholder for it)
if (!history) rows[17][2] = 'unknown';

const HEADER = ['Activity ID', 'Activity Type', 'Activity Date', 'Associated Contact Email', 'Subject', 'Duration (Minutes)'];
const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const text = [HEADER, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
const name = history ? 'history-activities.csv' : 'activities.csv';
writeFileSync(join(here, name), text);
process.stderr.write(`wrote examples/${name}: ${rows.length} activities for ${leads.length} contacts\n`);
