/**
 * `leadq calibrate`: a ruleset whose points come from evidence, written in leadq's own format.
 *
 *  1. The export is captured with the original ruleset (scores, fired rules, the outcome) and,
 *     with --discover, the candidate columns' values.
 *  2. stats/calibration.ts screens the candidates for leaks, splits the leads honestly (a time
 *     split on --created, else k-fold), and fits one scorecard: points for the original rules of
 *     engagement and fit, and with --discover new rules from monotone bins and groups of values.
 *  3. ruleset/edit.ts writes that into the original YAML (comments, stages, BANT, disqualifiers
 *     kept); the draft is read back like any ruleset and the export scored with it, so the
 *     thresholds of stages, grades and priority bands can be moved to keep their share of leads.
 *  4. The final text is read back and scored once more: the AUC reported is the written ruleset's,
 *     as `leadq score` scores it, on the leads it was not fitted on (time split) — re-scoring those
 *     leads with `leadq score` gives the same number.
 */
import { dirname } from 'node:path';
import { replayStdin } from '../input/csv/stdin-replay.js';
import { asOfDay } from '../engine/compile.js';
import { InputSeries } from '../input/csv/input-series.js';
import { DEFAULT_MAX_RECORD_SIZE } from '../input/csv/read-csv.js';
import { formatDay } from '../model/days.js';
import { EXIT, LeadqError, quoteData } from '../model/errors.js';
import { aucInterval } from '../stats/auc.js';
import { calibrateScorecard, chooseCandidates, sameShareThreshold, timeEvaluation, type ColumnData, type Evaluation } from '../stats/calibration.js';
import { ruleEvidence } from '../stats/points.js';
import { indicesWhere } from '../stats/split.js';
import type { RuleFeature } from '../stats/scorecard.js';
import { thresholdForPrecision, thresholdForVolume, type ThresholdChoice } from '../stats/thresholds.js';
import { stageRows, type AucRow } from '../output/backtest-report.js';
import { discoveredRules, evidenceComment } from '../output/calibrate-rules.js';
import { renderCalibrateJson, renderCalibrateText, type CalibrateReport } from '../output/calibrate-report.js';
import { guardOutputs } from '../output/guard.js';
import { OutputSet } from '../output/sinks.js';
import { applyEdits, thresholdSites, type Edits, type NewRule, type PointsEdit, type ValueEdit } from '../ruleset/edit.js';
import { formatIssue, loadRuleset } from '../ruleset/index.js';
import type { ResolvedCondition, ResolvedRuleset } from '../ruleset/resolved.js';
import type { Ruleset, RulesetIssue } from '../ruleset/types.js';
import type { Captured } from '../run/jobs/capture.js';
import { defaultThreads } from '../run/pipeline.js';
import { WorkerPool } from '../run/worker-pool.js';
import { outcomeChoice, ruleInfos } from './backtest.js';
import { judgedLeads, whyNoneJudged } from './judged-leads.js';
import { resolveOptionColumn } from './option-column.js';
import { captureInputs, optionalColumn, outcomeSpec, prepareRuleset, resolveFor, withReads, type ReadOptions } from './capture-run.js';
import { readBack } from './calibrate-read-back.js';
import { readingSettings } from './settings.js';
import { rulesetFiles } from './ruleset-files.js';
import { withPathsMoved } from './moved-paths.js';
import type { Io } from './io.js';
import { watchSignals } from './signals.js';

export interface CalibrateOptions extends ReadOptions {
  rules: string;
  out: string;
  outcome?: string;
  won?: string[];
  discover?: boolean;
  /** candidate columns (repeatable, comma-separated) */
  columns?: string[];
  exclude?: string[];
  /** discovered columns that go to engagement (the rest to fit); default: by their names */
  engagementColumns?: string[];
  /** the created date: a time split (the latest --holdout share held out) */
  created?: string;
  holdout?: number;
  folds?: number;
  seed?: number;
  horizon?: number;
  pdo?: number;
  targetVolume?: { count?: number; share?: number; text: string };
  targetPrecision?: number;
  targetStage?: string;
  leakThreshold?: number;
  json?: boolean;
}

/** Column names that sound like behaviour go to engagement, the rest to fit (who the lead is), unless a rule of either reads them. */
const BEHAVIOUR = /visit|\btime\b|page|view|activit|click|\bopen|download|webinar|e-?mail|chat|\bsms\b|\bcalls?\b|session|event|form|engag|login|trial|demo|newsletter/i;

const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');

/** The columns one rule reads: its condition (named conditions too), its count and its date. */
function ruleColumns(resolved: ResolvedRuleset, rule: ResolvedRuleset['scores'][number]['rules'][number]): Set<number> {
  const out = new Set<number>();
  const walk = (c: ResolvedCondition | null): void => {
    if (c === null) return;
    switch (c.kind) {
      case 'all': case 'any': c.items.forEach(walk); return;
      case 'not': walk(c.item); return;
      case 'ref': walk(resolved.conditions[c.name] ?? null); return;
      case 'column': out.add(c.column.index); return;
      default: out.add(-1); // a score, stage or criteria test: more than a column
    }
  };
  walk(rule.when);
  if (rule.per) out.add(rule.per.index);
  if (rule.date) out.add(rule.date.index);
  return out;
}

/** The score whose rules read each column (engagement first): a discovered column joins the rules that read it. */
function scoreOfColumns(resolved: ResolvedRuleset): Map<number, string> {
  const out = new Map<number, string>();
  for (const score of resolved.scores.slice(0, 2)) {
    const add = (i: number) => { if (!out.has(i)) out.set(i, score.name); };
    const walk = (c: ResolvedCondition | null): void => {
      if (c === null) return;
      switch (c.kind) {
        case 'all': case 'any': c.items.forEach(walk); return;
        case 'not': walk(c.item); return;
        case 'ref': walk(resolved.conditions[c.name] ?? null); return;
        case 'column': add(c.column.index); return;
        default:
      }
    };
    for (const r of score.rules) {
      walk(r.when);
      if (r.per) add(r.per.index);
    }
  }
  return out;
}

function loadQuietly(file: string, options: ReadOptions, io: Io): { ruleset: Ruleset; source: string; warnings: RulesetIssue[] } {
  const { ruleset, warnings, source } = loadRuleset(file);
  if (!options.quiet) for (const w of warnings) io.err(`${formatIssue(file, w)}\n`);
  return { ruleset, source, warnings };
}

const column = (c: Captured, k: number) => c.scores[k];
const gather = (a: Float64Array | Uint8Array | Int8Array, rows: Uint32Array) => { const out = new Float64Array(rows.length); for (let r = 0; r < rows.length; r++) out[r] = a[rows[r]]; return out; };

function aucRow(score: string, values: Float64Array, y: Uint8Array): AucRow {
  const e = aucInterval(values, y);
  return { score, auc: e?.auc ?? null, se: e?.se ?? null, lower: e?.lower ?? null, upper: e?.upper ?? null };
}

export async function calibrateCommand(inputPaths: string[], options: CalibrateOptions, io: Io): Promise<number> {
  const outcome = outcomeChoice(options);
  const { ruleset, source, warnings: originalWarnings } = loadQuietly(options.rules, options, io);
  if (inputPaths.filter((p) => p === '-').length > 1) throw new LeadqError('USAGE', 'standard input (-) can be read only once');
  // calibrate reads the export several times: standard input is copied as it is read
  if (inputPaths.includes('-')) replayStdin();
  if (options.targetVolume && options.targetPrecision !== undefined) throw new LeadqError('USAGE', '--target-volume and --target-precision cannot be used together; choose one');
  guardOutputs([...inputPaths, ...rulesetFiles(ruleset, options.rules, options).guarded], [options.out]);

  const inputs = new InputSeries(inputPaths, {
    ...readingSettings(options, ruleset),
    maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, blockSize: options.blockSize,
  });
  const pool = new WorkerPool(options.threads ?? defaultThreads());
  let outputs: OutputSet | undefined;
  let stopWatching = () => {};
  try {
    // opened first: a folder that does not exist fails now, not after the whole fit
    const out = (outputs = new OutputSet());
    const sink = out.open(options.out);
    stopWatching = watchSignals(() => out.abort());
    const first = await inputs.openFirst();
    const header = first.header;
    const outcomeIndex = resolveOptionColumn(ruleset, first, outcome.column, options.won?.length ? '--won' : '--outcome', true);
    const { resolved, asOf, relatedTables, relatedHeaders, relatedRejected, outcomeValues } = await prepareRuleset(ruleset, options.rules, inputs, first, options, pool, io, true, outcomeIndex);
    const today = asOfDay(asOf);
    const created = options.created ? resolveOptionColumn(ruleset, first, options.created, '--created')
      : options.horizon !== undefined ? optionalColumn(ruleset, first, 'created') : -1;
    if (options.horizon !== undefined && created < 0) throw new LeadqError('USAGE', '--horizon needs the date each lead was created: --created <column>');

    // the candidate columns
    const explicit = list(options.columns).map((name) => resolveOptionColumn(ruleset, first, name, '--columns'));
    const excluded = new Set(list(options.exclude).map((name) => resolveOptionColumn(ruleset, first, name, '--exclude')));
    // checked as those are (a misspelt name would send its column's rules to fit unsaid), kept by header name
    const engagementColumns = options.engagementColumns ? new Set(list(options.engagementColumns).map((name) => header[resolveOptionColumn(ruleset, first, name, '--engagement-columns')])) : null;
    const multi = new Set(resolved.formats.filter((f) => f.format.multi).map((f) => f.column));
    const skipped: { name: string; reason: string }[] = [];
    let candidates: number[] = [];
    if (options.discover || explicit.length > 0) {
      const pool0 = explicit.length > 0 ? explicit : header.map((_, i) => i);
      for (const i of pool0) {
        const reason = i === outcomeIndex ? null : i === created ? null : excluded.has(i) ? null
          : multi.has(i) ? 'a multi-value column (formats: multi)' : i === resolved.idColumn ? null
            : '';
        if (reason === '') candidates.push(i);
        else if (reason) skipped.push({ name: header[i], reason });
      }
      candidates = [...new Set(candidates)];
    }
    const { rules: infos, amounts } = ruleInfos(resolved);
    const fields = { outcome: outcomeSpec(ruleset, first, outcomeIndex, outcome.won, outcomeValues), created, by: -1, columns: candidates, amounts };
    const plan = { resolved: withReads(resolved, { text: [outcomeIndex, ...candidates], number: candidates, date: [created] }), ruleset, asOf, fields, relatedTables };
    const { captured, kept } = await captureInputs(inputs, plan, options, pool);
    const keep = judgedLeads(captured, options.horizon, today);
    const judged = indicesWhere(keep.mask, 1);
    const outcomes = captured.outcome.map((v) => (v === 1 ? 1 : 0));
    let converted = 0;
    for (const i of judged) converted += outcomes[i];
    // nothing to fit is bad input (exit 1), said as what it is: no rows, no outcome, or all left out
    if (judged.length === 0) throw new LeadqError(captured.leads + captured.rejected === 0 ? 'INPUT_EMPTY' : 'INPUT_READ', `calibrate needs leads with an outcome; ${whyNoneJudged(keep, captured.leads, captured.rejected, outcome.column)}`);
    if (converted === 0 || converted === judged.length) {
      throw new LeadqError('INPUT_READ', `calibrate needs converted and unconverted leads; the ${judged.length} leads with an outcome in ${quoteData(outcome.column)} are all ${converted === 0 ? 'unconverted' : 'converted'}`);
    }

    const columns: ColumnData[] = candidates.map((index, c) => ({
      name: header[index], numbers: captured.numbers[c], codes: captured.columns[c].codes, labels: captured.columns[c].labels,
      overflow: captured.columns[c].overflow, explicit: explicit.includes(index),
    }));
    const choice = chooseCandidates(columns, judged);
    // the original rules of engagement and fit: fired (0/1), or the count a per rule counted
    const featureRules = infos.map((r, i) => ({ r, i })).filter(({ r }) => (r.score === 'engagement' || r.score === 'fit') && r.points !== null && r.points !== 0);
    const features: RuleFeature[] = featureRules.map(({ r, i }) => {
      const reads = ruleColumns(resolved, ruleOriginal(resolved, r.name)!);
      const only = reads.size === 1 ? [...reads][0] : -1;
      return {
        name: r.name,
        values: featureValues(captured, r.per && r.amount >= 0 ? { amount: r.amount, of: amounts.length, points: r.points! } : null, i),
        ...(only >= 0 ? { column: header[only] } : {}),
      };
    });

    let evaluation: Evaluation;
    if (options.created) {
      const split = timeEvaluation(captured.created, judged, options.holdout ?? 0.3);
      if (split === null) throw new LeadqError('INPUT_READ', `--created ${quoteData(options.created)}: too few leads have a date (or all share one day) for a time split; leave --created out to cross-validate instead`);
      evaluation = split;
      // the points are fitted on the earlier leads alone (their penalty cross-validated among them):
      // they must hold at least 2 leads of each outcome, as the folds below must
      let early = 0;
      for (const i of split.train) early += outcomes[i];
      if (Math.min(early, split.train.length - early) < 2) {
        throw new LeadqError('INPUT_READ', `--created ${quoteData(options.created)}: the ${split.train.length} leads created before ${formatDay(split.cut)}, which the points are fitted on, hold ${early} converted and ${split.train.length - early} unconverted; calibrate needs at least 2 of each`, {
          hint: `hold out fewer of the latest leads (--holdout, now ${options.holdout ?? 0.3}), or leave --created out to cross-validate on every lead`,
        });
      }
    } else {
      evaluation = { kind: 'folds', folds: options.folds ?? 5, seed: options.seed ?? 1, rows: judged };
      // each fold is fitted without its own leads: a single converted (or unconverted) lead leaves
      // the fit of its fold with one outcome only, and nothing to learn points from
      const fewer = Math.min(converted, judged.length - converted);
      if (fewer < 2) {
        throw new LeadqError('INPUT_READ', `calibrate needs at least 2 converted and 2 unconverted leads to cross-validate; of the ${judged.length} leads with an outcome in ${quoteData(outcome.column)}, ${converted === 1 ? '1 is converted' : `${judged.length - converted === 1 ? '1 is' : `${judged.length - converted} are`} unconverted`}`, {
          hint: 'points fitted to so few outcomes would be guesses: calibrate on a longer history',
        });
      }
    }
    const cal = calibrateScorecard(choice.candidates, features, outcomes, evaluation, { pdo: options.pdo, leakThreshold: options.leakThreshold });
    const card = cal.card;
    const train = cal.trainRows;
    let trainConverted = 0;
    for (const i of train) trainConverted += outcomes[i];
    const base = trainConverted / train.length;

    // the draft: points re-set, rules added, bounds that capped the old points removed
    const taken = new Set(resolved.stats.map((s) => s.name.toLowerCase()));
    // a column the ruleset names in columns: is read by that name, as its other rules read it
    const aliases = new Map<string, string>();
    for (const [alias, ref] of ruleset.columns) {
      const index = header.indexOf(ref.name);
      if (index >= 0 && !aliases.has(header[index])) aliases.set(header[index], alias);
    }
    const found = discoveredRules(card.columns, choice.labels, base, taken, (h) => aliases.get(h) ?? h);
    const readBy = scoreOfColumns(resolved);
    const scoreFor = (name: string) => {
      if (engagementColumns) return engagementColumns.has(name) ? 'engagement' : 'fit';
      const index = header.indexOf(name);
      return readBy.get(index) ?? (BEHAVIOUR.test(name) ? 'engagement' : 'fit');
    };
    const added: Edits['added'] = { engagement: [], fit: [] };
    for (const part of card.columns) {
      const rules = found.get(part.name) ?? [];
      (scoreFor(part.name) === 'engagement' ? added.engagement : added.fit).push(...rules.map((r) => ({ ...r, name: r.name.replace(/;/g, ',') })) as NewRule[]);
    }
    const yTrain = Uint8Array.from(train, (i) => outcomes[i]);
    const fitted = new Map(cal.features.map((f, j) => [f.name, card.rules[j].points]));
    const pointsEdits: PointsEdit[] = featureRules.map(({ r, i }) => {
      const fired = Uint8Array.from(train, (lead) => captured.fired[lead * captured.ruleCount + i]);
      const ev = ruleEvidence(fired, yTrain);
      const to = fitted.get(r.name) ?? 0;
      if (!cal.covered.includes(r.name) && to === 0) {
        return { name: r.name, points: 0, remove: `${removedPrefix(r)}beside the other rules the evidence gives it no points (it fired for ${evidenceComment({ leads: ev.fired, converted: ev.firedConverted }, base)})`, comment: '' };
      }
      const column = features.find((f) => f.name === r.name)?.column;
      if (cal.covered.includes(r.name)) {
        const why = card.columns.some((p) => p.name === column) ? `its column ${column} is binned by the rules below` : `its column ${column} shows no difference in conversion`;
        return { name: r.name, points: 0, remove: `${removedPrefix(r)}${why}`, comment: '' };
      }
      const original = ruleOriginal(resolved, r.name);
      const max = original?.max ?? null;
      const newMax = max === null ? undefined : to === 0 ? null : Math.round(Math.abs((max / r.points!) * to) * 100) / 100;
      return { name: r.name, points: to, ...(newMax !== undefined ? { max: newMax } : {}), comment: `calibrate: was ${r.points}${r.per ? ' per' : ''}; fired for ${evidenceComment({ leads: ev.fired, converted: ev.firedConverted }, base)}` };
    });
    const boundedScores = resolved.scores.slice(0, 2).filter((s) => s.floor !== null || s.ceiling !== null).map((s) => s.name);
    const cappedGroups = [...new Set(resolved.scores.slice(0, 2).flatMap((s) => s.groups.map((g) => g.name)))];
    const evaluationText = evaluation.kind === 'time'
      ? `fitted on the ${train.length.toLocaleString('en-US')} leads created before ${formatDay(evaluation.cut)}; the later ${evaluation.test.length.toLocaleString('en-US')} held out`
      : `fitted on ${train.length.toLocaleString('en-US')} leads; judged by ${evaluation.folds}-fold cross-validation (seed ${evaluation.seed})`;
    const draft = applyEdits(source, {
      header: [
        `Calibrated by leadq calibrate from ${options.rules} on ${inputs.paths.map(inputName).join(', ')} (outcome: ${outcome.column}, as of ${asOf}).`,
        `Points: ${card.pdo} points double the odds of converting; ${evaluationText}.`,
        'Each rule says its evidence in training: leads it fired for, how many converted, lift over all leads.',
      ],
      points: pointsEdits, removeBounds: boundedScores, removeGroupMax: cappedGroups, added,
      addedComment: { engagement: discoveredComment(card.columns.filter((p) => scoreFor(p.name) === 'engagement').length), fit: discoveredComment(card.columns.filter((p) => scoreFor(p.name) === 'fit').length) }, values: [],
    });

    // the draft scored: what its stages' thresholds must be to keep their share of leads
    const draftRules = readBack(draft, []).ruleset;
    // a calibrated ruleset keeps the original's related files: their aggregates serve it as they are
    const draftResolved = resolveFor(draftRules, options.out, first, { ...options, quiet: true }, io, relatedHeaders).resolved;
    // on the rows the original kept (its dedupe:): lead i is the same row in every capture
    const rescored = await captureInputs(inputs, { resolved: draftResolved, ruleset: draftRules, asOf, fields: { outcome: null, created: -1, by: -1, columns: [], amounts: [] }, relatedTables, rows: kept }, options, pool);
    const scoreIndex = (names: string[], s: string) => (s === 'total' ? names.length : names.indexOf(s));
    const oldNames = resolved.scores.map((s) => s.name);
    const newNames = draftResolved.scores.map((s) => s.name);
    const values: ValueEdit[] = [];
    const thresholds: CalibrateReport['thresholds'] = [];
    const sites = thresholdSites(draft);
    const trainScores = (c: Captured, k: number) => gather(column(c, k), train);
    for (const site of sites) {
      if (!['engagement', 'fit', 'total'].includes(site.score)) continue;
      const before = trainScores(captured, scoreIndex(oldNames, site.score));
      const after = trainScores(rescored.captured, scoreIndex(newNames, site.score));
      const t = sameShareThreshold(before, site.op, site.value, after);
      values.push({ path: site.path, value: t.threshold, comment: `calibrate: was ${site.value}; keeps ${(t.share * 100).toFixed(1)}% of leads (${(t.newShare * 100).toFixed(1)}%)` });
      thresholds.push({ where: site.where, score: site.score, op: site.op, from: site.value, to: t.threshold, share: t.share, new_share: t.newShare });
    }
    const target = targetThreshold(options, trainScores(rescored.captured, newNames.length), yTrain, draftRules, sites, values);
    const final = values.length > 0 ? applyEdits(draft, { header: [], points: [], removeBounds: [], removeGroupMax: [], added: { engagement: [], fit: [] }, addedComment: { engagement: '', fit: '' }, values }) : draft;

    // the final text, read and scored as `leadq score` will
    const { ruleset: finalRules, newWarnings } = readBack(final, originalWarnings);
    // a calibrated ruleset keeps the original's related files: their aggregates serve it as they are
    const finalResolved = resolveFor(finalRules, options.out, first, { ...options, quiet: true }, io, relatedHeaders).resolved;
    const scored = (await captureInputs(inputs, { resolved: finalResolved, ruleset: finalRules, asOf, fields: { outcome: null, created: -1, by: -1, columns: [], amounts: [] }, relatedTables, rows: kept }, options, pool)).captured;
    const judgeRows = evaluation.kind === 'time' ? evaluation.test : judged;
    const y = Uint8Array.from(judgeRows, (i) => outcomes[i]);
    const folds = cal.folds;
    const report: CalibrateReport = {
      version: 1, rules: options.rules, inputs: inputs.paths.map(inputName), as_of: asOf, out: options.out,
      outcome: { column: outcome.column, won: outcome.won.length ? outcome.won : null },
      leads: { read: captured.leads + captured.rejected + captured.duplicates, rejected: captured.rejected, duplicates: captured.duplicates, scored: captured.leads, without_outcome: keep.withoutOutcome, too_recent: keep.tooRecent + keep.undated, judged: judged.length, converted, conversion: converted / judged.length },
      evaluation: evaluation.kind === 'time'
        ? { kind: 'time', created: options.created!, cut: formatDay(evaluation.cut), train: evaluation.train.length, holdout: evaluation.test.length, undated: evaluation.undated, lambda: cal.lambda }
        : { kind: 'folds', folds: evaluation.folds, seed: evaluation.seed, fold_aucs: folds ?? [], mean: folds && folds.length ? folds.reduce((a, b) => a + b, 0) / folds.length : null, min: folds && folds.length ? Math.min(...folds) : null, max: folds && folds.length ? Math.max(...folds) : null, lambda: cal.lambda },
      auc: {
        on: evaluation.kind === 'time' ? 'holdout' : 'all', leads: judgeRows.length,
        written: aucRow('total', gather(column(scored, scored.scores.length - 1), judgeRows), y),
        original: aucRow('total', gather(column(captured, captured.scores.length - 1), judgeRows), y),
        expected: evaluation.kind === 'time' ? null : folds && folds.length ? folds.reduce((a, b) => a + b, 0) / folds.length : null,
      },
      columns: {
        used: card.columns.map((p) => ({ name: p.name, kind: p.kind, score: scoreFor(p.name), levels: p.kind === 'numeric' ? p.binning.bins.length : p.grouping.groups.length, rules: found.get(p.name)?.length ?? 0 })),
        dropped: card.dropped,
        skipped: [...skipped, ...choice.skipped],
        leaks: cal.leakage.filter((l) => l.flagged).map((l) => ({ name: l.name, auc: l.auc })),
        screen: cal.leakage.map((l) => ({ name: l.name, auc: l.auc, flagged: l.flagged })),
      },
      points: { reset: pointsEdits.map((e, j) => ({ rule: e.name, score: featureRules[j].r.score, from: featureRules[j].r.points!, to: e.points, ...(e.remove !== undefined ? { removed: e.remove.slice(removedPrefix(featureRules[j].r).length) } : {}) })), added: added.engagement.length + added.fit.length, pdo: card.pdo },
      thresholds,
      target,
      stages: stageRows(Int8Array.from(judgeRows, (i) => scored.stage[i]), y, finalResolved.stages.map((s) => s.name)),
    };

    // the related and spend files named relative to the original ruleset, renamed relative to the written one
    sink.write(withPathsMoved(final, dirname(options.rules), options.out));
    await out.commit();
    io.out(options.json ? renderCalibrateJson(report) : renderCalibrateText(report));
    // the edits keep every warning away that the original did not have; one that slips through is said
    if (!options.quiet) for (const w of newWarnings) io.err(`${formatIssue(options.out, w)}\n`);
    if (captured.rejected > 0 && !options.quiet) {
      io.err(`leadq: warning: ${captured.rejected} rows could not be read and are left out (first lines: ${captured.rejects.map((r) => r.line).join(', ')}); leadq score --rejects shows why\n`);
    }
    return captured.rejected > 0 || relatedRejected > 0 ? EXIT.rejected : EXIT.ok;
  } catch (error) {
    outputs?.abort();
    throw error;
  } finally {
    stopWatching();
    await pool.close();
    await inputs.close();
  }
}

/** A rule's value per lead: the count a per rule counted (its points over its points per occurrence), else fired 0/1. */
function featureValues(c: Captured, per: { amount: number; of: number; points: number } | null, rule: number): Float64Array {
  const out = new Float64Array(c.leads);
  if (per) for (let i = 0; i < c.leads; i++) out[i] = c.amounts[i * per.of + per.amount] / per.points;
  else for (let i = 0; i < c.leads; i++) out[i] = c.fired[i * c.ruleCount + rule];
  return out;
}

/** The comment a removed rule leaves, up to its reason: `calibrate: rule "x" (1 point per occurrence) removed: `. */
const removedPrefix = (r: { name: string; points: number | null; per: boolean }) =>
  `calibrate: rule "${r.name}" (${r.points} point${Math.abs(r.points ?? 0) === 1 ? '' : 's'}${r.per ? ' per occurrence' : ''}) removed: `;

const discoveredComment = (columns: number) => `--discover: rules from ${columns} column${columns === 1 ? '' : 's'} of the export, fitted together with the ruleset's own rules`;

/** The resolved rule of engagement or fit by name (for its max). */
function ruleOriginal(resolved: ResolvedRuleset, name: string) {
  for (const s of resolved.scores.slice(0, 2)) for (const r of s.rules) if (r.name === name) return r;
  return undefined;
}

/**
 * --target-volume / --target-precision: the threshold on the new total that reaches it (training
 * leads), set on the target stage's `total` test when it has one (replacing the volume-keeping one).
 */
function targetThreshold(options: CalibrateOptions, total: Float64Array, y: Uint8Array, ruleset: Ruleset, sites: ReturnType<typeof thresholdSites>, values: ValueEdit[]): CalibrateReport['target'] {
  if (!options.targetVolume && options.targetPrecision === undefined) return null;
  let choice: ThresholdChoice | null;
  let kind: 'volume' | 'precision';
  let value: number;
  if (options.targetVolume) {
    kind = 'volume';
    value = options.targetVolume.count ?? Math.floor((options.targetVolume.share ?? 0) * total.length);
    choice = thresholdForVolume(total, y, value);
  } else {
    kind = 'precision';
    value = options.targetPrecision!;
    choice = thresholdForPrecision(total, y, value, { minLeads: 30 });
  }
  if (choice === null) throw new LeadqError('USAGE', kind === 'volume' ? 'no threshold selects that few leads' : `no threshold reaches precision ${value} over at least 30 leads`);
  // a threshold never splits a tie: when the top total alone is more leads than asked, no threshold
  // selects "at most" that many, and a stage over its volume would be written without a word
  if (kind === 'volume' && choice.leads > value) throw tiedAtTheTop(options.targetVolume!.text, value, total.length, choice);
  const stages = ruleset.stages.map((s) => s.name);
  const stage = options.targetStage ?? [...stages].reverse().find((name) => sites.some((s) => s.where === `stage ${name}` && s.score === 'total')) ?? null;
  if (options.targetStage && !stages.some((s) => s.toLowerCase() === options.targetStage!.toLowerCase())) {
    throw new LeadqError('USAGE', `--target-stage ${quoteData(options.targetStage)} is not a stage of the ruleset; stages: ${stages.join(', ')}`);
  }
  const site = stage === null ? undefined : sites.find((s) => s.where.toLowerCase() === `stage ${stage.toLowerCase()}` && s.score === 'total' && (s.op === 'gte' || s.op === 'gt'));
  const comment = `calibrate: target ${kind === 'volume' ? `volume ${value}` : `precision ${value}`}: ${choice.leads} leads, ${choice.precision === null ? '' : `${Math.round(choice.precision * 100)}% converted`}`;
  if (site) {
    const at = values.findIndex((v) => v.path.join('.') === site.path.join('.'));
    const edit: ValueEdit = { path: site.op === 'gt' ? [...site.path.slice(0, -1), 'gt'] : site.path, value: site.op === 'gt' ? choice.threshold - 0.01 : choice.threshold, comment };
    if (at >= 0) values[at] = edit;
    else values.push(edit);
  }
  return { kind, value, stage, threshold: choice.threshold, leads: choice.leads, precision: choice.precision, recall: choice.recall, lift: choice.lift, applied: site !== undefined };
}

/** --target-volume below the leads that tie at the top total: what was asked, what the top selects, what to ask instead. */
function tiedAtTheTop(asked: string, volume: number, leads: number, top: ThresholdChoice): LeadqError {
  const int = (n: number) => n.toLocaleString('en-US');
  const percent = asked.trim().endsWith('%');
  const share = percent ? ` (${asked.trim()} of ${int(leads)})` : '';
  const instead = percent ? `${Math.ceil((top.leads / leads) * 100)}%` : int(top.leads);
  return new LeadqError('USAGE', `--target-volume ${asked.trim()}: no threshold selects at most ${int(volume)} training leads${share}: the top total, ${top.threshold}, alone already selects ${int(top.leads)} (a threshold never splits a tie); ask for ${instead} or more, or use --target-precision`);
}

/** An input as messages name it: `stdin` for -. */
function inputName(path: string): string {
  return path === '-' ? 'stdin' : path;
}
