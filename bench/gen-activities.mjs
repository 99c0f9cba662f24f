#!/usr/bin/env node
// Deterministic generator of a HubSpot-shaped activity log for a benchmark export
// (bench/gen-leads.mjs): about --per-lead activities per lead (5 by default; some leads none,
// busy ones more), of the types a CRM logs, over the two years before the as-of date
// 2026-11-01 and a little after it, in random order, plus rows a real export has: keys in
// another case or with spaces, contacts no longer in the export, a date that is not a date.
//
//   node bench/gen-activities.mjs --leads bench/data/leads-1000000.csv --seed 7 > bench/data/activities-1000000.csv
//
// Same leads file and --seed => byte-identical output. Memory: a few typed arrays per activity
// (about 16 bytes each) and the leads' emails, so 5M activities take well under 1 GB.

import { createReadStream, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';

function parseArgs(argv) {
  const o = { leads: '', seed: 7, perLead: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--leads') o.leads = argv[++i];
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--per-lead') o.perLead = Number(argv[++i]);
    else { process.stderr.write(`unknown argument: ${a}\nusage: gen-activities.mjs --leads leads.csv [--seed S] [--per-lead N] > activities.csv\n`); process.exit(2); }
  }
  if (!o.leads) { process.stderr.write('--leads is required\n'); process.exit(2); }
  return o;
}

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

const opts = parseArgs(process.argv.slice(2));
const rand = mulberry32(opts.seed);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// the export's emails: its second column (gen-leads never quotes an email); the rare
// continuation line of a quoted multi-line cell does not start with a lead id
const emails = [];
const lines = createInterface({ input: createReadStream(opts.leads), crlfDelay: Infinity });
let first = true;
for await (const line of lines) {
  if (first) { first = false; continue; }
  const m = /^L\d+,([^,]*),/.exec(line);
  if (m) emails.push(m[1]);
}

const TYPES = ['Email Open', 'Email Click', 'Page View', 'Form Submission', 'Email Reply', 'Call', 'Meeting'];
const SHARE = [34, 14, 20, 8, 9, 9, 6];
const CUMULATIVE = SHARE.map((_, i) => SHARE.slice(0, i + 1).reduce((a, b) => a + b, 0) / SHARE.reduce((a, b) => a + b, 0));
const SUBJECTS = [
  ['Q4 product update', 'Monthly newsletter', 'Webinar invitation'], ['Q4 product update', 'Pricing overview'], ['/pricing', '/product', '/blog/lead-scoring'],
  ['Contact us', 'Whitepaper: lead scoring', 'Demo request'], ['Re: pricing question', 'Re: next steps'], ['Discovery call', 'Follow-up call'], ['Intro meeting', 'Product demo, pricing'],
];

// per activity: lead (or -1: a contact no longer in the export), type, minutes before the as-of date, how the key is written
// about 0.9 × per-lead + 0.9 activities a lead; room for a third more, and the strangers' rows
const capacity = Math.ceil(emails.length * (opts.perLead + 1) * 1.3) + 1000;
const lead = new Int32Array(capacity);
const type = new Uint8Array(capacity);
const minutes = new Int32Array(capacity);
const spelling = new Uint8Array(capacity);
let n = 0;
const AS_OF = Date.UTC(2026, 10, 1);
for (let i = 0; i < emails.length && n < capacity - 64; i++) {
  // 0 to 2 × per-lead activities, busier leads more recent
  const count = Math.floor(rand() * rand() * 4 * opts.perLead * 0.9) + (rand() < 0.1 ? 0 : 1);
  const recent = rand();
  for (let k = 0; k < count && n < capacity - 64; k++, n++) {
    lead[n] = i;
    const r = rand();
    let t = 0;
    while (r > CUMULATIVE[t]) t++;
    type[n] = t;
    // the two years before the as-of date, more of it recent; 2% after it
    minutes[n] = rand() < 0.02 ? -int(1, 60 * 24 * 40) : Math.floor(Math.pow(rand(), 1 + recent) * 730 * 24 * 60);
    spelling[n] = rand() < 0.02 ? 1 : rand() < 0.01 ? 2 : 0;
  }
}
// contacts no longer in the export
for (let k = 0, strangers = Math.max(3, n / 200); k < strangers && n < capacity; k++, n++) { lead[n] = -1 - int(0, 999); type[n] = int(0, 6); minutes[n] = int(0, 730 * 24 * 60); spelling[n] = 0; }

// a random order
const order = new Int32Array(n);
for (let i = 0; i < n; i++) order[i] = i;
for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const t = order[i]; order[i] = order[j]; order[j] = t; }

const pad = (v) => String(v).padStart(2, '0');
function stamp(mins) {
  const d = new Date(AS_OF + 9 * 3_600_000 - mins * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

let buf = 'Activity ID,Activity Type,Activity Date,Associated Contact Email,Subject,Duration (Minutes)\n';
const flush = () => {
  const b = Buffer.from(buf, 'utf8');
  buf = '';
  let off = 0;
  while (off < b.length) {
    try { off += writeSync(1, b, off, b.length - off); } catch (e) { if (e.code !== 'EAGAIN') throw e; }
  }
};
for (let o = 0; o < n; o++) {
  const i = order[o];
  const t = type[i];
  const who = lead[i] < 0 ? `former.contact${-lead[i]}@gone.example` : emails[lead[i]];
  const key = spelling[i] === 1 ? who.toUpperCase() : spelling[i] === 2 ? ` ${who}` : who;
  const subjects = SUBJECTS[t];
  const subject = subjects[(i * 7 + t) % subjects.length];
  const date = o % 100_003 === 99_999 ? 'n/a' : stamp(minutes[i]);
  const duration = t >= 5 ? String(5 + ((i * 13) % 55)) : '';
  buf += `${100000000 + i},${TYPES[t]},${date},${key},${subject.includes(',') ? `"${subject}"` : subject},${duration}\n`;
  if (buf.length > 1 << 16) flush();
}
flush();
process.stderr.write(`${n} activities for ${emails.length} leads\n`);
