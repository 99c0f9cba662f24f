/**
 * Where `leadq score` writes: --out (scored rows, rejects beside them) or --out-dir (scored.csv,
 * one file per stage, rejects.csv, duplicates.csv with dedupe, summary.json, summary.svg, accounts.csv
 * with accounts), and --summary.
 * (guard.ts refuses, before anything is read, two outputs on one file and an output that is a directory.)
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LeadqError } from '../model/errors.js';
import { DISQUALIFIED } from '../model/result-columns.js';
import { summaryFormatFor } from './report.js';

/** The output options of the command line. */
export interface OutputChoice {
  out?: string;
  outDir?: string;
  summary?: string;
  rejects?: string;
}

export interface OutputPaths {
  scored: string;
  /** one per stage in ladder order, then disqualified; empty without --out-dir */
  stages: string[];
  rejects?: string;
  /** rows of keys already kept (dedupe); in --out-dir only */
  duplicates?: string;
  summaries: [string, 'json' | 'md' | 'csv'][];
  /** summary.svg, the funnel and costs as a picture; in --out-dir only */
  svg?: string;
  /** accounts.csv, one row per account (a ruleset with accounts); in --out-dir only */
  accounts?: string;
  all: string[];
}

export function outputPaths(options: OutputChoice, stageNames: string[], dedupe: boolean, accounts = false): OutputPaths {
  if (options.out && options.outDir) throw new LeadqError('USAGE', '--out and --out-dir cannot be used together; --out-dir already writes scored.csv');
  const summaries: OutputPaths['summaries'] = [];
  if (options.summary === '-' && !options.outDir && (options.out ?? '-') === '-') {
    throw new LeadqError('USAGE', '--summary - writes the summary to standard output, where the scored rows go too: give --out FILE or --out-dir DIR');
  }
  if (options.summary) {
    // `--summary -`: JSON on standard output, for a pipeline (jq)
    const format = options.summary === '-' ? 'json' : summaryFormatFor(options.summary);
    if (!format) throw new LeadqError('USAGE', `--summary ${options.summary}: the format comes from the extension; use .json, .md or .csv`);
    summaries.push([options.summary, format]);
  }
  let paths: OutputPaths;
  if (options.outDir) {
    const dir = options.outDir;
    const file = (name: string) => resolve(dir, name);
    summaries.unshift([file('summary.json'), 'json']);
    paths = {
      scored: file('scored.csv'),
      stages: [...stageNames, DISQUALIFIED].map((s) => file(`${s}.csv`)),
      rejects: options.rejects ?? file('rejects.csv'),
      duplicates: dedupe ? file('duplicates.csv') : undefined,
      summaries,
      svg: file('summary.svg'),
      ...(accounts ? { accounts: file('accounts.csv') } : {}),
      all: [],
    };
  } else {
    const out = options.out ?? '-';
    paths = {
      scored: out,
      stages: [],
      rejects: options.rejects ?? (out === '-' ? undefined : out.replace(/(\.csv)?$/i, '.rejects.csv')),
      summaries,
      all: [],
    };
  }
  paths.all = [paths.scored, ...paths.stages, ...(paths.rejects ? [paths.rejects] : []), ...(paths.duplicates ? [paths.duplicates] : []), ...summaries.map(([p]) => p), ...(paths.svg ? [paths.svg] : []), ...(paths.accounts ? [paths.accounts] : [])];
  return paths;
}

export function makeOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file of that name is in the way' : (error as Error).message;
    throw new LeadqError('OUTPUT_WRITE', `cannot create the output directory: ${reason}`, { file: dir });
  }
}
