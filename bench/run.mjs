#!/usr/bin/env node
// The benchmark of issue "Performance": leadq on the reference workload next to a bare
// csv-parse → csv-stringify pass over the same file, measured in the same run.
//
//   npm run bench                         # 100k, 1M and 5M rows (generates bench/data/ first)
//   npm run bench -- --sizes 1000000      # one size
//   npm run bench -- --threads 1          # leadq without worker threads
//   npm run bench -- --diff-sizes 1000000 # leadq diff of two scored files of these sizes (default 1M)
//   npm run bench -- --related-sizes 1000000  # leadq with an activity log (5 per lead) next to DuckDB doing the join (default 1M)
//   npm run bench -- --backtest-sizes 1000000  # leadq backtest beside leadq score (default 1M; issue #13: at most 2x)
//   npm run bench -- --calibrate-rows 100000   # calibrate --discover on rows x 30 columns (default 100k; target 60 s)
//   npm run bench -- --accounts-sizes 1000000  # leadq score with accounts beside without (default 1M; issue #17: at most 2x, 300 MB)
//   npm run bench -- --sizes '' --diff-sizes '' --backtest-sizes '' --calibrate-rows ''   # only the related-files benchmark
//
// Prints rows/s, MB/s and peak RSS of each, the ratio of wall times, whether the stage counts
// match the reference (bench/reference-ruleset expectations), and start-up time to the first
// output row for a 10-row file. Not part of `npm test`: it takes minutes and needs a quiet machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'bench', 'data');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const sizes = opt('--sizes', '100000,1000000,5000000').split(',').filter(Boolean).map(Number);
const threads = opt('--threads', undefined);
const diffSizes = opt('--diff-sizes', '1000000').split(',').filter(Boolean).map(Number);
const relatedSizes = opt('--related-sizes', '1000000').split(',').filter(Boolean).map(Number);
const backtestSizes = opt('--backtest-sizes', '1000000').split(',').filter(Boolean).map(Number);
const calibrateRows = opt('--calibrate-rows', '100000').split(',').filter(Boolean).map(Number);
const accountsSizes = opt('--accounts-sizes', '1000000').split(',').filter(Boolean).map(Number);

// Expected results of the reference workload (shared/bench/reference-ruleset.md)
const EXPECTED = {
  100000: { stages: { lead: 79237, mql: 14083, sql: 3020, sqo: 362, disqualified: 3298 } },
  1000000: { cpsql: 45.77 },
};

mkdirSync(data, { recursive: true });
if (!existsSync(join(root, 'dist', 'cli.js'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

function ensureInput(rows) {
  const file = join(data, `leads-${rows}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, [join(root, 'bench', 'gen-leads.mjs'), '--rows', String(rows), '--seed', '42'], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) throw new Error('generator failed');
  }
  return file;
}

/**
 * Runs a node script with the RSS probe; returns wall seconds and peak RSS in MB. Each run starts
 * alike: no output file from an earlier run to free, and no earlier run's writes still pending.
 */
function measure(script, scriptArgs, output) {
  rmSync(output, { force: true });
  spawnSync('sync');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(root, 'bench', 'rss-probe.mjs'), script, ...scriptArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = Number(/__peak_rss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const cpu = Number(/__cpu_ms=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  if (r.status !== 0 && r.status !== 3) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`);
  return { seconds, rss, cpu };
}

/** Milliseconds from spawn to the first byte on stdout, for a 10-row file (median of 7). */
async function startup() {
  const small = join(data, 'leads-10.csv');
  writeFileSync(small, readFileSync(ensureInput(100000), 'utf8').split('\n').slice(0, 11).join('\n') + '\n');
  const times = [];
  for (let i = 0; i < 7; i++) {
    times.push(await new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const child = spawn(process.execPath, [join(root, 'bin', 'leadq.js'), 'score', small, '-r', join(root, 'bench', 'reference.rules.yaml'), '-q'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let first;
      child.stdout.once('data', () => { first = Number(process.hrtime.bigint() - start) / 1e6; });
      child.stdout.resume();
      child.on('exit', (code) => (code === 0 ? resolve(first) : reject(new Error(`exit ${code}`))));
    }));
  }
  return times.sort((a, b) => a - b)[3];
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rowsOut = [];
for (const rows of sizes) {
  const input = ensureInput(rows);
  const mb = statSync(input).size / 1e6;
  const out = join(data, `out-${rows}.csv`);
  const summary = join(data, `summary-${rows}.json`);
  const bare = measure(join(root, 'bench', 'passthrough.mjs'), [input, out], out);
  const leadq = measure(join(root, 'bin', 'leadq.js'), ['score', input, '-r', 'bench/reference.rules.yaml', '--spend', 'bench/spend.csv',
    '--out', out, '--summary', summary, '-q', ...(threads ? ['--threads', threads] : [])], out);
  const result = JSON.parse(readFileSync(summary, 'utf8'));
  const expected = EXPECTED[rows];
  let check = '';
  if (expected?.stages) check = JSON.stringify(expected.stages) === JSON.stringify(result.stages) ? 'stages ok' : `STAGES DIFFER: ${JSON.stringify(result.stages)}`;
  if (expected?.cpsql) check = result.cpsql === expected.cpsql ? `CPSQL ${result.cpsql} ok` : `CPSQL DIFFERS: ${result.cpsql}`;
  rmSync(out, { force: true });
  // the same workload as one SQL query in DuckDB (leadq sql), when the dev dependency is installed
  const sql = spawnSync(process.execPath, [join(root, 'bench', 'sql-duckdb.mjs'), input], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const duck = sql.status === 0 ? JSON.parse(sql.stdout) : null;
  if (duck && expected?.stages) {
    const same = Object.entries(expected.stages).every(([stage, n]) => duck.stages[stage] === n);
    check += same ? ', SQL stages ok' : `, SQL STAGES DIFFER: ${JSON.stringify(duck.stages)}`;
  }
  rowsOut.push({ rows, mb, bare, leadq, check, duck });
  process.stderr.write(`${fmt(rows)} rows done\n`);
}
/**
 * `leadq diff` of two scored files of `rows` leads (the export scored --as-of 2026-11-01 and
 * 2026-12-15: the same leads, about one in seven changed), next to scoring the export once, in
 * the same run: every change written, and the nightly filter (--only entered:sql,left:sql);
 * the fastest of three runs of each.
 */
function diffBench(rows) {
  const input = ensureInput(rows);
  const scoredFile = (asOf) => {
    const file = join(data, `scored-${rows}-${asOf}.csv`);
    if (!existsSync(file)) {
      process.stderr.write(`scoring ${file} …\n`);
      const r = spawnSync(process.execPath, [join(root, 'bin', 'leadq.js'), 'score', input, '-r', 'bench/reference.rules.yaml', '--as-of', asOf, '-q', '--out', file], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('scoring failed');
    }
    return file;
  };
  const before = scoredFile('2026-11-01');
  const after = scoredFile('2026-12-15');
  const out = join(data, `diff-${rows}.csv`);
  // the three in turn, three times: on a shared machine the fastest of each is the one least disturbed
  const fastest = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const runs = { score: [], all: [], nightly: [] };
  for (let i = 0; i < 3; i++) {
    runs.score.push(measure(join(root, 'bin', 'leadq.js'), ['score', input, '-r', 'bench/reference.rules.yaml', '--as-of', '2026-11-01', '--out', out, '-q', ...(threads ? ['--threads', threads] : [])], out));
    runs.all.push(measure(join(root, 'bin', 'leadq.js'), ['diff', before, after, '--out', out, '-q'], out));
    runs.nightly.push(measure(join(root, 'bin', 'leadq.js'), ['diff', before, after, '--only', 'entered:sql,left:sql', '--out', out, '-q'], out));
  }
  const [score, all, nightly] = [fastest(runs.score), fastest(runs.all), fastest(runs.nightly)];
  rmSync(out, { force: true });
  return { rows, mb: statSync(after).size / 1e6, score, all, nightly };
}
const diffs = diffSizes.map(diffBench);

/** The activity log of the export of `rows` leads (bench/gen-activities.mjs, about 5 per lead, shuffled). */
function ensureActivities(rows) {
  const file = join(data, `activities-${rows}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, [join(root, 'bench', 'gen-activities.mjs'), '--leads', ensureInput(rows), '--seed', '7'], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) throw new Error('activity generator failed');
  }
  return file;
}

/**
 * `leadq score` of the export with engagement from its activity log (bench/related.rules.yaml)
 * next to DuckDB doing the same join and aggregation and writing the joined rows
 * (bench/related-duckdb.mjs), in turn, three times each: the fastest of each.
 */
function relatedBench(rows) {
  const leads = ensureInput(rows);
  const activities = ensureActivities(rows);
  const out = join(data, `related-${rows}.csv`);
  const runs = { leadq: [], duckdb: [], plain: [] };
  const fastest = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const leadqArgs = ['score', leads, '--out', out, '-q', ...(threads ? ['--threads', threads] : [])];
  for (let i = 0; i < 3; i++) {
    runs.leadq.push(measure(join(root, 'bin', 'leadq.js'), [...leadqArgs, '-r', 'bench/related.rules.yaml', '--related', `activities=${activities}`], out));
    runs.duckdb.push(measure(join(root, 'bench', 'related-duckdb.mjs'), [leads, activities, out, threads ?? '2'], out));
    // the same export scored without the activity log: what the related files add
    runs.plain.push(measure(join(root, 'bin', 'leadq.js'), [...leadqArgs, '-r', 'bench/reference.rules.yaml'], out));
  }
  rmSync(out, { force: true });
  return { rows, events: statSync(activities).size, leadq: fastest(runs.leadq), duckdb: fastest(runs.duckdb), plain: fastest(runs.plain), all: runs };
}
const related = relatedSizes.map(relatedBench);

/** An export with a `converted` column (bench/gen-leads.mjs --outcome: every other column as without it). */
function ensureOutcomeInput(rows) {
  const file = join(data, `leads-${rows}-outcome.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, [join(root, 'bench', 'gen-leads.mjs'), '--rows', String(rows), '--seed', '42', '--outcome'], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) throw new Error('generator failed');
  }
  return file;
}

/**
 * leadq backtest of the reference ruleset against the `converted` column, beside leadq score of
 * the same file, in turn, three times each; the fastest of each (a shared machine disturbs some).
 */
function backtestBench(rows) {
  const input = ensureOutcomeInput(rows);
  const out = join(data, `backtest-${rows}.csv`);
  const fastest = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const runs = { score: [], backtest: [] };
  for (let i = 0; i < 3; i++) {
    runs.score.push(measure(join(root, 'bin', 'leadq.js'), ['score', input, '-r', 'bench/reference.rules.yaml', '--out', out, '-q', ...(threads ? ['--threads', threads] : [])], out));
    runs.backtest.push(measure(join(root, 'bin', 'leadq.js'), ['backtest', input, '-r', 'bench/reference.rules.yaml', '--outcome', 'converted', '--out-dir', join(data, 'backtest-report'), '-q', ...(threads ? ['--threads', threads] : [])], out));
  }
  rmSync(out, { force: true });
  return { rows, mb: statSync(input).size / 1e6, score: fastest(runs.score), backtest: fastest(runs.backtest) };
}

/** calibrate --discover on bench/gen-wide.mjs leads (rows x 30 columns), twice; the faster. */
function calibrateBench(rows) {
  const input = join(data, `wide-${rows}x30.csv`);
  if (!existsSync(input)) {
    process.stderr.write(`generating ${input} …\n`);
    const fd = openSync(input, 'w');
    const r = spawnSync(process.execPath, [join(root, 'bench', 'gen-wide.mjs'), '--rows', String(rows), '--cols', '30', '--seed', '7'], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) throw new Error('generator failed');
  }
  const out = join(data, `wide-${rows}-calibrated.yaml`);
  const runs = [0, 1].map(() => measure(join(root, 'bin', 'leadq.js'), ['calibrate', input, '-r', 'bench/wide.rules.yaml', '--outcome', 'converted', '--discover', '--out', out, '-q', ...(threads ? ['--threads', threads] : [])], out));
  return { rows, run: runs.reduce((a, b) => (b.seconds < a.seconds ? b : a)) };
}
/**
 * leadq score of the reference workload with its leads grouped into accounts (bench/accounts.rules.yaml,
 * about 50k accounts at 1M leads) beside the same without, in turn, three times each; the fastest of each.
 * The accounts ruleset's lead rules read no account value, so leadq reads the export once; a third
 * ruleset, the same with its sql stage also asking for an engaged account, takes the accounts pass first.
 */
function accountsBench(rows) {
  const input = ensureInput(rows);
  const fastest = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const accountsRules = readFileSync('bench/accounts.rules.yaml', 'utf8');
  const bant = '        - { score: bant_count, gte: 3 }\n';
  if (!accountsRules.includes(bant)) throw new Error('bench/accounts.rules.yaml: its sql stage has changed; update accountsBench');
  const leadRules = join(data, 'accounts-lead-rules.yaml');
  writeFileSync(leadRules, accountsRules.replace(bant, `${bant}        - { column: account_at_engaged, equals: true }\n`));
  const rulesOf = { plain: 'bench/reference.rules.yaml', accounts: 'bench/accounts.rules.yaml', leadRules };
  const runs = { plain: [], accounts: [], leadRules: [] };
  for (let i = 0; i < 3; i++) {
    for (const kind of ['plain', 'accounts', 'leadRules']) {
      const dir = join(data, `accounts-${kind}`);
      rmSync(dir, { recursive: true, force: true });
      runs[kind].push(measure(join(root, 'bin', 'leadq.js'), ['score', input, '-r', rulesOf[kind], '--out-dir', dir, '-q', ...(threads ? ['--threads', threads] : [])], join(dir, 'scored.csv')));
    }
  }
  const accounts = JSON.parse(readFileSync(join(data, 'accounts-accounts', 'summary.json'), 'utf8')).accounts.accounts;
  return { rows, accounts, plain: fastest(runs.plain), withAccounts: fastest(runs.accounts), leadRules: fastest(runs.leadRules) };
}
const accountRuns = accountsSizes.map(accountsBench);
const backtests = backtestSizes.map(backtestBench);
const calibrations = calibrateRows.map(calibrateBench);
const firstRow = await startup();

console.log(`node ${process.version}, ${threads ? `--threads ${threads}` : 'default threads'}`);
console.log('rows        MB     | leadq s   rows/s      MB/s   peak RSS | csv-parse→stringify s  peak RSS | ratio | check');
for (const r of rowsOut) {
  console.log(`${fmt(r.rows).padEnd(11)} ${fmt(r.mb).padStart(5)}  | ${fmt(r.leadq.seconds, 2).padStart(7)} ${fmt(r.rows / r.leadq.seconds).padStart(10)} ${fmt(r.mb / r.leadq.seconds, 1).padStart(7)}  ${fmt(r.leadq.rss).padStart(5)} MB `
    + `| ${fmt(r.bare.seconds, 2).padStart(20)}  ${fmt(r.bare.rss).padStart(5)} MB | ${fmt(r.leadq.seconds / r.bare.seconds, 3)} | ${r.check}`);
}
console.log('rows        | leadq sql on DuckDB: query s (load s) | leadq score s | ratio');
for (const r of rowsOut) {
  if (!r.duck) { console.log(`${fmt(r.rows).padEnd(11)} | DuckDB not installed (npm ci installs the dev dependencies)`); continue; }
  console.log(`${fmt(r.rows).padEnd(11)} | ${fmt(r.duck.query, 2).padStart(7)} (${fmt(r.duck.load, 2)}) | ${fmt(r.leadq.seconds, 2).padStart(7)} | ${fmt(r.duck.query / r.leadq.seconds, 2)}`);
}
console.log(`start-up to first output row, 10-row file: ${fmt(firstRow)} ms (median of 7)`);
if (accountRuns.length > 0) {
  console.log('accounts: leads   accounts | score: s (cpu)  peak RSS | score with accounts: s (cpu)  peak RSS | ratio (target at most 2, 300 MB)');
  for (const r of accountRuns) {
    const cell = (m, width) => `${fmt(m.seconds, 2)} (${fmt(m.cpu, 2)})`.padStart(width);
    console.log(`${fmt(r.rows).padEnd(15)} ${fmt(r.accounts).padStart(8)} | ${cell(r.plain, 14)}  ${fmt(r.plain.rss).padStart(5)} MB | ${cell(r.withAccounts, 28)}  ${fmt(r.withAccounts.rss).padStart(5)} MB | ${fmt(r.withAccounts.seconds / r.plain.seconds, 2)}`);
    console.log(`${''.padEnd(24)} | lead rules reading account values (an accounts pass first): ${cell(r.leadRules, 0)}  ${fmt(r.leadRules.rss)} MB | ${fmt(r.leadRules.seconds / r.plain.seconds, 2)}`);
  }
}
if (related.length > 0) {
  console.log('related: leads  activities MB | leadq score with the log: s (cpu)  peak RSS | DuckDB join + aggregation: s (cpu)  peak RSS | ratio | score without the log: s (cpu) | every run: with / duckdb / without s');
  for (const r of related) {
    const cell = (m, width) => `${fmt(m.seconds, 2)} (${fmt(m.cpu, 2)})`.padStart(width);
    console.log(`${fmt(r.rows).padEnd(15)} ${fmt(r.events / 1e6).padStart(5)}   | ${cell(r.leadq, 31)}  ${fmt(r.leadq.rss).padStart(5)} MB | ${cell(r.duckdb, 32)}  ${fmt(r.duckdb.rss).padStart(5)} MB `
      + `| ${fmt(r.leadq.seconds / r.duckdb.seconds, 2)} | ${cell(r.plain, 29)} | ${r.all.leadq.map((m, i) => `${fmt(m.seconds, 1)}/${fmt(r.all.duckdb[i].seconds, 1)}/${fmt(r.all.plain[i].seconds, 1)}`).join(' ')}`);
  }
}
if (diffs.length > 0) {
  // wall seconds (CPU seconds, all threads), peak RSS, and the ratio of wall times to scoring one file
  console.log('diff: rows    MB each | score one: s (cpu)  peak RSS | diff, all changes: s (cpu)  peak RSS  ratio | --only entered:sql,left:sql: s (cpu)  peak RSS  ratio');
  const cell = (m, width) => `${fmt(m.seconds, 2)} (${fmt(m.cpu, 2)})`.padStart(width);
  for (const d of diffs) {
    console.log(`${fmt(d.rows).padEnd(13)} ${fmt(d.mb).padStart(5)}  | ${cell(d.score, 18)}  ${fmt(d.score.rss).padStart(5)} MB `
      + `| ${cell(d.all, 25)}  ${fmt(d.all.rss).padStart(5)} MB  ${fmt(d.all.seconds / d.score.seconds, 2)} `
      + `| ${cell(d.nightly, 36)}  ${fmt(d.nightly.rss).padStart(5)} MB  ${fmt(d.nightly.seconds / d.score.seconds, 2)}`);
  }
}
if (backtests.length > 0) {
  console.log('backtest: rows  MB     | score: s (cpu)  peak RSS | backtest: s (cpu)  peak RSS  ratio (target: at most 2)');
  const cell = (m, width) => `${fmt(m.seconds, 2)} (${fmt(m.cpu, 2)})`.padStart(width);
  for (const b of backtests) {
    console.log(`${fmt(b.rows).padEnd(15)} ${fmt(b.mb).padStart(4)}  | ${cell(b.score, 14)}  ${fmt(b.score.rss).padStart(5)} MB | ${cell(b.backtest, 17)}  ${fmt(b.backtest.rss).padStart(5)} MB  ${fmt(b.backtest.seconds / b.score.seconds, 2)}`);
  }
}
for (const c of calibrations) {
  console.log(`calibrate --discover, ${fmt(c.rows)} leads x 30 columns: ${fmt(c.run.seconds, 2)} s (cpu ${fmt(c.run.cpu, 2)} s), peak RSS ${fmt(c.run.rss)} MB (target: 60 s on 2 cores)`);
}
