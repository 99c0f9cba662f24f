#!/usr/bin/env node
// Fuzzes the CSV reader with random bytes for a fixed time: `npm run fuzz` (not part of npm test).
//
//   npm run fuzz                         # 60 s, a fresh seed (printed, so a run can be repeated)
//   npm run fuzz -- --seconds 600 --seed 42
//   npm run fuzz -- --replay fuzz-failures/case-42-1234.json
//
// Each case is a random input — pure noise, CSV-like tokens (quotes, delimiters, CR/LF, NUL,
// byte-order marks, multi-byte and invalid UTF-8, ZIP/PDF magic) or a mutated valid export —
// read two ways:
//   1. `leadq score` end to end (in-process, built dist/), with random --delimiter, --encoding,
//      --block-size and --max-record-size: the exit code must be 0, 1, 2 or 3 and no "internal
//      error" may be reported (anything but a LeadqError is one);
//   2. the CSV parser alone, fed in random chunks: it may only throw LeadqError; and with a width
//      (as the row path reads, cutting a record that swallowed lines back to its first line) it
//      gives the same records fed in chunks as fed whole.
// The cases run in a worker thread that reports before each one; a case that takes longer than
// --hang-seconds (default 10) is a hang. Failing cases are saved to fuzz-failures/ for --replay.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FAILURES = join(ROOT, 'fuzz-failures');

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

// --- inputs --------------------------------------------------------------------------------------
const TOKENS = [
  ',', ',', ';', '\t', '|', '"', '"', '""', '\n', '\n', '\r\n', '\r', ' ', 'a', 'id', 'x', '42', '-5', '=1+1', '@', '+',
  '\0', '\ufeff', 'é', '😀', '日本', '\u00a0', '\u2028', '\x1b[2J',
].map((t) => Buffer.from(t, 'utf8'));
const RAW = [[0xff], [0xfe], [0xc3], [0xe2, 0x82], [0xf0, 0x9f], [0x80], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2d]].map((b) => Buffer.from(b));
const VALID = 'id,name,note,employees\n1,Ann,x,10\n2,"Bob, Jr.","two\nlines",80\n3,Cy,"say ""hi""",\n4,=cmd(),;=x,-5\r\n';

function randomInput(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const size = Math.floor(rand() ** 3 * 4000);
  const kind = rand();
  if (kind < 0.15) return Buffer.from(Array.from({ length: size }, () => Math.floor(rand() * 256)));
  if (kind < 0.75) {
    const parts = [Buffer.from(pick(['id,name,note\n', 'a;b;c\n', 'x\n', '', '"h1","h2"\n']))];
    let length = 0;
    while (length < size) {
      const part = rand() < 0.08 ? pick(RAW) : pick(TOKENS);
      parts.push(part);
      length += part.length;
    }
    return Buffer.concat(parts);
  }
  // a valid export, mutated: bytes flipped, inserted, deleted, or the whole thing repeated
  let b = Buffer.from(VALID.repeat(1 + Math.floor(rand() * 20)));
  const edits = 1 + Math.floor(rand() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * b.length);
    const op = rand();
    if (op < 0.4) b[at] = Math.floor(rand() * 256);
    else if (op < 0.7) b = Buffer.concat([b.subarray(0, at), pick(rand() < 0.5 ? TOKENS : RAW), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(rand() * 10)))]);
  }
  return b;
}

function randomOptions(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const args = [];
  if (rand() < 0.3) args.push('--delimiter', pick([',', ';', 'tab', '|']));
  if (rand() < 0.2) args.push('--encoding', pick(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']));
  if (rand() < 0.6) args.push('--block-size', String(1 + Math.floor(rand() ** 2 * 5000)));
  if (rand() < 0.4) args.push('--max-record-size', String(1 + Math.floor(rand() * 300)));
  if (rand() < 0.2) args.push('--no-escape-formulas');
  if (rand() < 0.2) args.push('--max-rejects', pick(['0', '3', '50%']));
  return { args, chunks: Array.from({ length: 8 }, () => 1 + Math.floor(rand() * 64)) };
}

// --- one case --------------------------------------------------------------------------------------
async function runCase(lib, dir, bytes, options) {
  const input = join(dir, 'input.csv');
  writeFileSync(input, bytes);
  const err = [];
  const io = { out: () => {}, err: (t) => err.push(t), errIsTTY: false, chalk: lib.chalk };
  const argv = ['score', input, '--rules', join(dir, 'rules.yaml'), '--out-dir', join(dir, 'out'), '--as-of', '2026-11-01', '--threads', '1', '--quiet', ...options.args];
  const code = await lib.main(argv, io);
  const text = err.join('');
  if (![0, 1, 2, 3].includes(code) || text.includes('internal error')) return `leadq score exited ${code}: ${text.slice(0, 2000)}`;

  // the parser alone, in chunks that split records, quotes and \r\n anywhere
  const text2 = bytes.toString('utf8');
  const maxRecordSize = 1 + (bytes.length % 500);
  const chunked = parseAll(lib, text2, options.chunks, maxRecordSize);
  if (chunked.crash) return chunked.crash;
  const width = 1 + (bytes.length % 7);
  const wide = parseAll(lib, text2, options.chunks, maxRecordSize, width);
  if (wide.crash) return wide.crash;
  const whole = parseAll(lib, text2, [text2.length + 1], maxRecordSize, width);
  if (whole.crash) return whole.crash;
  if (wide.records !== undefined && whole.records !== undefined && wide.records !== whole.records) {
    return `CsvParser with width ${width} gave other records in chunks than whole:\n${wide.records.slice(0, 1000)}\n${whole.records.slice(0, 1000)}`;
  }
  return undefined;
}

/** Parses `text` in chunks of the given sizes: the records as JSON, or undefined after a LeadqError; `crash` for anything else. */
function parseAll(lib, text, chunks, maxRecordSize, width) {
  const parser = new lib.CsvParser({ delimiter: ',', maxRecordSize, file: 'fuzz.csv', width });
  const records = [];
  const emit = (fields, line, _raw, malformed, source) => { records.push([line, malformed !== undefined, source, ...fields]); };
  try {
    let at = 0;
    for (let c = 0; at < text.length; c++) {
      const next = at + chunks[c % chunks.length];
      parser.push(text.slice(at, next), emit);
      at = next;
    }
    parser.end(emit);
  } catch (error) {
    if (!(error instanceof lib.LeadqError)) return { crash: `CsvParser threw ${error?.stack ?? error}` };
    return {};
  }
  return { records: JSON.stringify(records) };
}

async function loadLib() {
  const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
  const [{ main }, { CsvParser }, { LeadqError }, { Chalk }] = await Promise.all([
    import(dist('cli.js')), import(dist('input/csv/csv-parser.js')), import(dist('model/errors.js')), import('chalk'),
  ]);
  return { main, CsvParser, LeadqError, chalk: new Chalk({ level: 0 }) };
}

// --- worker: the loop ------------------------------------------------------------------------------
async function fuzzLoop({ seed, seconds, replay }) {
  const lib = await loadLib();
  const dir = mkdtempSync(join(tmpdir(), 'leadq-fuzz-'));
  writeFileSync(join(dir, 'rules.yaml'), 'version: 1\nstages:\n  - name: lead\n');
  try {
    if (replay) {
      const c = JSON.parse(readFileSync(replay, 'utf8'));
      const failure = await runCase(lib, dir, Buffer.from(c.input, 'base64'), c.options);
      parentPort.postMessage({ type: 'done', cases: 1, failures: failure ? [{ ...c, failure }] : [] });
      return;
    }
    const deadline = Date.now() + seconds * 1000;
    const failures = [];
    let cases = 0;
    for (let i = 0; Date.now() < deadline; i++) {
      const caseSeed = (seed + Math.imul(i, 0x9e3779b1)) >>> 0;
      const rand = mulberry32(caseSeed);
      const bytes = randomInput(rand);
      const options = randomOptions(rand);
      parentPort.postMessage({ type: 'case', i, caseSeed, input: bytes.toString('base64'), options });
      const failure = await runCase(lib, dir, bytes, options);
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      cases++;
      if (failure) failures.push({ caseSeed, input: bytes.toString('base64'), options, failure });
    }
    parentPort.postMessage({ type: 'done', cases, failures });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- main thread: the watchdog --------------------------------------------------------------------
function save(c) {
  mkdirSync(FAILURES, { recursive: true });
  const file = join(FAILURES, `case-${c.caseSeed ?? 'replay'}.json`);
  writeFileSync(file, `${JSON.stringify({ caseSeed: c.caseSeed, options: c.options, input: c.input, failure: c.failure }, null, 2)}\n`);
  return file;
}

function parseArgs(argv) {
  const opts = { seconds: 60, seed: Date.now() % 2 ** 31, hangSeconds: 10, replay: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--seconds') opts.seconds = Number(value);
    else if (key === '--seed') opts.seed = Number(value);
    else if (key === '--hang-seconds') opts.hangSeconds = Number(value);
    else if (key === '--replay') opts.replay = value;
    else { console.error(`unknown option ${key}; expected --seconds, --seed, --hang-seconds or --replay`); process.exit(2); }
  }
  return opts;
}

if (isMainThread) {
  const opts = parseArgs(process.argv.slice(2));
  console.log(opts.replay ? `replaying ${opts.replay}` : `fuzzing the CSV reader for ${opts.seconds} s, seed ${opts.seed} (repeat with --seed ${opts.seed})`);
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: opts });
  let current;
  let since = Date.now();
  const watchdog = setInterval(() => {
    if (Date.now() - since < opts.hangSeconds * 1000) return;
    clearInterval(watchdog);
    const file = current ? save({ ...current, failure: `hang: no result after ${opts.hangSeconds} s` }) : undefined;
    console.error(`HANG on case ${current?.i} (seed ${current?.caseSeed}); saved to ${file}`);
    void worker.terminate().then(() => process.exit(1));
  }, 250);
  worker.on('message', (m) => {
    if (m.type === 'case') { current = m; since = Date.now(); return; }
    clearInterval(watchdog);
    for (const f of m.failures) console.error(`FAIL (seed ${f.caseSeed}): ${f.failure}\n  saved to ${save(f)}`);
    console.log(`${m.cases} cases, ${m.failures.length} failures`);
    process.exitCode = m.failures.length > 0 ? 1 : 0;
  });
  worker.on('error', (error) => {
    clearInterval(watchdog);
    const file = current ? save({ ...current, failure: String(error?.stack ?? error) }) : undefined;
    console.error(`the fuzzer crashed on case ${current?.i}: ${error?.stack ?? error}\n  saved to ${file}`);
    process.exitCode = 1;
  });
} else {
  await fuzzLoop(workerData);
}
