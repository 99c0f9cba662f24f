/**
 * The jobs a worker thread can build, by kind, from their plain-data options (see job.ts). A new
 * job is a module in this folder and a line here.
 */
import type { BlockJob, JobSpec } from '../job.js';
import { CaptureJob, type CaptureJobOptions } from './capture.js';
import { compileForJob, type RulesJobOptions } from './compiled.js';
import { CountRecordsJob, type CountRecordsOptions } from './count-records.js';
import { DedupeKeysJob } from './dedupe-keys.js';
import { ScoreJob } from './score.js';
import { AggregateRelatedJob, type AggregateRelatedOptions } from './aggregate-related.js';
import { LeadKeysJob, type LeadKeysOptions } from './lead-keys.js';
import { AccountLeadsJob } from './account-leads.js';
import { ScoreAccountsJob } from './score-accounts.js';

const JOBS: Record<string, (options: never) => BlockJob> = {
  score: (o: RulesJobOptions) => new ScoreJob(compileForJob(o), o.block),
  'dedupe-keys': (o: RulesJobOptions) => new DedupeKeysJob(compileForJob(o), o.block),
  'count-records': (o: CountRecordsOptions) => new CountRecordsJob(o),
  'lead-keys': (o: LeadKeysOptions) => new LeadKeysJob(o),
  'aggregate-related': (o: AggregateRelatedOptions) => new AggregateRelatedJob(o),
  capture: (o: CaptureJobOptions) => new CaptureJob(compileForJob(o), o.block, o.capture),
  'account-leads': (o: RulesJobOptions) => new AccountLeadsJob(compileForJob(o), o.block),
  'score-accounts': (o: RulesJobOptions) => new ScoreAccountsJob(compileForJob(o), o.block),
};

export function buildJob(spec: JobSpec): BlockJob {
  const make = Object.hasOwn(JOBS, spec.kind) ? JOBS[spec.kind] : undefined;
  if (!make) throw new Error(`no block job of kind "${spec.kind}"`);
  return make(spec.options as never);
}
