/**
 * Which stages the summary's cost metrics use: cost per MQL, per SQL (CPSQL) and per SQO count
 * the leads at a stage or above. A stage says it is one with `counts_as: sql`, on the stage itself,
 * so the ladder reads at a glance and no stage name is written twice; without it, the stages
 * named mql, sql and sqo (any case) are the default.
 */
import type { Reader } from './reader.js';
import { pathAt } from './tree.js';
import { COST_METRICS, type CostMetric, type CostStages, type Ruleset, type RulesetIssue, type Stage } from './types.js';

/**
 * Each metric's stage: the stage marked with it (two marked alike is an error at the second),
 * else the stage of its name unless that stage is marked as another metric.
 */
export function resolveCostStages(r: Reader, stages: Stage[]): CostStages {
  const marked = new Map<CostMetric, Stage>();
  for (const stage of stages) {
    if (!stage.countsAs) continue;
    const { metric, pos } = stage.countsAs;
    const first = marked.get(metric);
    if (first) {
      r.error(pos, 'COST_STAGE_DUPLICATE', `the stage "${stage.name}" counts as ${metric}, and so does "${first.name}" (line ${first.countsAs!.pos.line}); only one stage can count as ${metric.toUpperCase()}`);
    } else marked.set(metric, stage);
  }
  const byName = (metric: CostMetric) => stages.find((s) => s.name.toLowerCase() === metric && !s.countsAs);
  const out = {} as CostStages;
  for (const metric of COST_METRICS) out[metric] = (marked.get(metric) ?? byName(metric))?.name ?? null;
  return out;
}

/**
 * `leadq validate`'s warning for a ladder without an SQL stage: the run works, but its CPSQL is
 * not available. Not a warning of every `score` run: the summary's headline already says why.
 */
export function costStageWarnings(ruleset: Ruleset): RulesetIssue[] {
  const top = ruleset.stages.at(-1);
  if (ruleset.costStages.sql !== null || !top) return [];
  const path = pathAt(top.pos);
  return [{
    severity: 'warning',
    code: 'COST_STAGE_SQL_MISSING',
    pos: top.pos,
    ...(path ? { path } : {}),
    message: 'no stage counts as SQL, so the cost per SQL (CPSQL) is not available; mark the sales-qualified stage with "counts_as: sql" (or name it sql)',
  }];
}
