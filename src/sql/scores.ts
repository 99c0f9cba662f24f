/**
 * The scoring steps of the query, engine/score.ts written as columns: per rule its condition,
 * count, repeat limit, decay and cap, each rounded to cents in the same order; a capped group
 * takes its excess back from its last rules first, one step per rule of the group (the excess
 * left after each is the next step's input); the sum is added in rule order, with the group's
 * cut where the JS engine adds it, and then kept between floor and ceiling. Reasons are built
 * from whole cents, so every number reads exactly as JavaScript's String() writes it.
 */
import { formatNumber, round2 as round2js } from '../model/cents.js';
import { boundReason, groupNote, repeatNote, ruleReason, scoreLabelPrefix } from '../model/reasons.js';
import type { Decay } from '../model/recency.js';
import type { ResolvedRule, ResolvedRuleset } from '../ruleset/resolved.js';
import { and, bin, coalesce, col, concat, fn, holds, ifThen, jsRound, notNull, NULL, num, round2, str, type Expr } from './ir.js';
import type { ConditionCompiler } from './conditions.js';
import { NoFaithfulForm } from './dialect.js';
import { helper, type Step } from './typed.js';

const h = {
  fired: (r: number) => `_lq_f${r}`, age: (r: number) => `_lq_age${r}`, raw: (r: number) => `_lq_raw${r}`, rep: (r: number) => `_lq_rep${r}`,
  dec: (r: number) => `_lq_dec${r}`, amount: (r: number) => `_lq_a${r}`, reason: (r: number) => `_lq_r${r}`,
  kCount: (r: number) => `_lq_kc${r}`, kRaw: (r: number) => `_lq_kr${r}`, kRep: (r: number) => `_lq_kp${r}`, kDec: (r: number) => `_lq_kd${r}`, kAmount: (r: number) => `_lq_ka${r}`,
  excess: (g: number, i: number) => `_lq_g${g}e${i}`, left: (r: number) => `_lq_l${r}`, kLeft: (r: number) => `_lq_kl${r}`,
  sum: (s: number) => `_lq_sum${s}`, change: (s: number) => `_lq_ch${s}`, kChange: (s: number) => `_lq_kch${s}`,
};

/** Whole cents (a double holding a whole number) as formatNumber writes them: `-12.5`, `3`, `0.05`. */
export function centsText(k: Expr): Expr {
  const a = fn('abs', k);
  const whole = fn('floor', bin('/', a, num(100)));
  const frac = bin('-', a, bin('*', whole, num(100)));
  const tens = fn('floor', bin('/', frac, num(10)));
  const ones = bin('-', frac, bin('*', tens, num(10)));
  return concat(
    ifThen([[bin('<', k, num(0)), str('-')]], str('')),
    fn('intText', whole),
    ifThen([[bin('=', frac, num(0)), str('')], [bin('=', ones, num(0)), concat(str('.'), fn('intText', tens))]],
      concat(str('.'), fn('intText', tens), fn('intText', ones))),
  );
}

/** signed() of model/cents.ts, from whole cents. */
const signedText = (k: Expr): Expr => ifThen([[bin('<', k, num(0)), centsText(k)]], concat(str('+'), centsText(k)));
const cents = (x: Expr): Expr => jsRound(bin('*', x, num(100)));

export interface ScoreSteps {
  steps: Step[];
  /** the reasons entries in order, each NULL when absent */
  reasons: Expr[];
}

interface RuleAt {
  rule: ResolvedRule;
  r: number;
  score: number;
  label: string;
  /** the rule uses none of per, date, repeat, decay: its amount and reason are constants */
  fixed: boolean;
}

export function scoreSteps(resolved: ResolvedRuleset, conditions: ConditionCompiler, ruleName: (rule: string, score: string) => string): ScoreSteps {
  const rules: RuleAt[] = [];
  resolved.scores.forEach((score, s) => score.rules.forEach((rule) => rules.push({
    rule, r: rules.length, score: s, label: scoreLabelPrefix(score.name, score.named) + rule.name,
    fixed: rule.per === null && rule.date === null && rule.repeat === null && rule.decay === null,
  })));
  const a: Step = [];
  const b: Step = [];
  const c: Step = [];
  const d: Step = [];
  for (const at of rules) {
    const { rule, r } = at;
    const checked = (make: () => Expr): Expr => {
      try { return make(); } catch (error) {
        if (error instanceof NoFaithfulForm) throw new NoFaithfulForm(`${ruleName(rule.name, resolved.scores[at.score].name)}: ${error.message}`);
        throw error;
      }
    };
    const when = checked(() => (rule.when ? conditions.compile(rule.when) : { k: 'bool', value: true }));
    const count = rule.per ? col(helper.number(rule.per.index)) : null;
    const day = rule.date ? col(helper.date(rule.date.index)) : null;
    const age = day ? ifThen([[bin('>', bin('-', col(helper.asOf), day), num(0)), bin('-', col(helper.asOf), day)]], num(0)) : null;
    a.push([h.fired(r), and(when,
      day ? notNull(day) : { k: 'bool', value: true },
      age && rule.window !== null ? holds(bin('<=', age, num(rule.window))) : { k: 'bool', value: true },
      count ? holds(bin('>', count, num(0))) : { k: 'bool', value: true })]);
    if (at.fixed) {
      const { amount, reason } = fixedRule(rule, at.label);
      d.push([h.amount(r), ifThen([[col(h.fired(r)), num(amount)]], NULL)], [h.reason(r), ifThen([[col(h.fired(r)), str(reason)]], NULL)]);
      continue;
    }
    const raw = count ? round2(bin('*', count, num(rule.points))) : num(round2js(rule.points));
    if (age) a.push([h.age(r), age]);
    a.push([h.raw(r), raw]);
    // counted = min(count, repeat): the amount again for the counted occurrences (raw spelt out: same step)
    a.push([h.rep(r), count && rule.repeat !== null ? ifThen([[bin('>', count, num(rule.repeat)), num(round2js(rule.repeat * rule.points))]], raw) : raw]);
    const rep = col(h.rep(r));
    b.push([h.dec(r), rule.decay ? round2(bin('*', rep, decayFactor(rule.decay, col(h.age(r))))) : rep]);
    if (count) b.push([h.kCount(r), cents(count)]);
    b.push([h.kRaw(r), cents(col(h.raw(r)))], [h.kRep(r), cents(rep)]);
    const dec = col(h.dec(r));
    const capped = rule.max === null ? dec : ifThen([[bin('>', fn('abs', dec), num(rule.max)), ifThen([[bin('<', dec, num(0)), num(-rule.max)]], num(rule.max))]], dec);
    c.push([h.amount(r), ifThen([[col(h.fired(r)), capped]], NULL)], [h.kDec(r), cents(dec)]);
    d.push([h.kAmount(r), cents(col(h.amount(r)))]);
    d.push([h.reason(r), ifThen([[col(h.fired(r)), ruleReasonText(at, count !== null)]], NULL)]);
  }
  // a reason reads kAmount, made in the step before it
  const reasonsStep: Step = d.filter(([name]) => name.startsWith('_lq_r'));
  const steps: Step[] = [a, b, c, d.filter(([name]) => !name.startsWith('_lq_r')), reasonsStep];

  // group caps: one step per rule of the largest group, from its last rule back
  const groups = resolved.scores.flatMap((score, s) => score.groups.map((g) => ({ ...g, s, base: rules.findIndex((x) => x.score === s) })));
  const cutNotes = new Map<number, Expr>();
  const taken = new Map<string, Expr>();
  if (groups.length > 0) {
    const init: Step = groups.map((g, gi) => {
      let total: Expr = num(0);
      for (let j = g.start; j < g.end; j++) total = bin('+', total, coalesce(col(h.amount(g.base + j)), num(0)));
      const t = round2(total);
      return [h.excess(gi, 0), ifThen([[bin('<=', fn('abs', t), num(g.max)), num(0)]], round2(bin('-', t, ifThen([[bin('<', t, num(0)), num(-g.max)]], num(g.max)))))];
    });
    steps.push(init);
    const longest = Math.max(...groups.map((g) => g.end - g.start));
    for (let i = 0; i < longest; i++) {
      const step: Step = [];
      groups.forEach((g, gi) => {
        const e = col(h.excess(gi, i));
        if (i >= g.end - g.start) { step.push([h.excess(gi, i + 1), e]); return; }
        const r = g.base + g.end - 1 - i;
        const p = col(h.amount(r));
        const eligible = holds(and(bin('<>', e, num(0)), notNull(p), bin('<>', p, num(0)), bin('=', bin('>', p, num(0)), bin('>', e, num(0)))));
        const cut = ifThen([[bin('>=', fn('abs', p), fn('abs', e)), e]], p);
        step.push([h.excess(gi, i + 1), ifThen([[eligible, round2(bin('-', e, cut))]], e)]);
        step.push([h.left(r), ifThen([[eligible, round2(bin('-', p, cut))]], NULL)]);
        cutNotes.set(r, concat(str(' → '), signedText(col(h.kLeft(r))), str(groupNote(g.name, g.max))));
      });
      steps.push(step);
    }
    steps.push([...cutNotes.keys()].map((r): [string, Expr] => [h.kLeft(r), cents(col(h.left(r)))]));
    groups.forEach((g, gi) => taken.set(`${g.s}:${g.end - 1}`, col(h.excess(gi, 0))));
  }

  // the sums in rule order, a group's cut added after its last rule; then floor and ceiling
  const sums: Step = resolved.scores.map((score, s): [string, Expr] => {
    let sum: Expr = num(0);
    rules.filter((x) => x.score === s).forEach((x, j) => {
      sum = bin('+', sum, coalesce(col(h.amount(x.r)), num(0)));
      const cut = taken.get(`${s}:${j}`);
      if (cut) sum = bin('-', sum, cut);
    });
    return [h.sum(s), round2(sum)];
  });
  steps.push(sums);
  const bounded: Step = resolved.scores.flatMap((score, s): [string, Expr][] => {
    const sum = col(h.sum(s));
    const whens: [Expr, Expr][] = [];
    if (score.ceiling !== null) whens.push([bin('>', sum, num(score.ceiling)), num(score.ceiling)]);
    if (score.floor !== null) whens.push([bin('<', sum, num(score.floor)), num(score.floor)]);
    const value = ifThen(whens, sum);
    return whens.length === 0 ? [[helper.score(s), sum]] : [[helper.score(s), value], [h.change(s), ifThen(whens.map(([w, to]) => [w, round2(bin('-', to, sum))]), NULL)]];
  });
  steps.push(bounded);
  const changes: Step = resolved.scores.flatMap((score, s): [string, Expr][] => (score.floor === null && score.ceiling === null ? [] : [[h.kChange(s), cents(col(h.change(s)))]]));
  steps.push(changes);

  const reasons: Expr[] = [];
  resolved.scores.forEach((score, s) => {
    for (const x of rules.filter((y) => y.score === s)) {
      const note = cutNotes.get(x.r);
      reasons.push(note ? concat(col(h.reason(x.r)), coalesce(note, str(''))) : col(h.reason(x.r)));
    }
    if (score.floor === null && score.ceiling === null) return;
    const label = scoreLabelPrefix(score.name, score.named) === '' ? `${score.name} ` : scoreLabelPrefix(score.name, score.named);
    const sum = col(h.sum(s));
    const whens: [Expr, Expr][] = [];
    if (score.ceiling !== null) whens.push([bin('>', sum, num(score.ceiling)), str(`${boundReason(label, 'ceiling', score.ceiling)} `)]);
    if (score.floor !== null) whens.push([bin('<', sum, num(score.floor)), str(`${boundReason(label, 'floor', score.floor)} `)]);
    reasons.push(concat(ifThen(whens, NULL), signedText(col(h.kChange(s)))));
  });
  return { steps: steps.filter((st) => st.length > 0), reasons };
}

/**
 * What is left of the points at the rule's age: model/recency.ts decayFunction. A factor below
 * 2^-1000 is written as 0: times any amount of points it rounds to 0 cents in JavaScript too, and
 * PostgreSQL's power() and * raise an underflow error where JavaScript goes on with 0.
 */
/** model/recency.ts decayFunction at an age in whole days (beyond 1000 halvings: 0, as JavaScript's tiny factor rounds there). */
export function decayFactor(decay: Decay, age: Expr): Expr {
  if (decay.kind === 'half_life') {
    const exponent = bin('/', age, num(decay.days));
    return ifThen([[bin('>', exponent, num(1000)), num(0)]], fn('pow', num(0.5), exponent));
  }
  const steps = fn('floor', bin('/', age, num(decay.days)));
  if (decay.factor === 0) return ifThen([[bin('>', steps, num(0)), num(0)]], num(1));
  const limit = Math.floor((1000 * Math.LN2) / -Math.log(decay.factor));
  return ifThen([[bin('>', steps, num(limit)), num(0)]], fn('pow', num(decay.factor), steps));
}

/** model/reasons.ts ruleReason, from the step columns' whole cents. */
function ruleReasonText(at: RuleAt, per: boolean): Expr {
  const { rule, r, label } = at;
  const start = per
    ? concat(str(`${label} `), centsText(col(h.kCount(r))), str(`x${formatNumber(rule.points)}=`), signedText(col(h.kRaw(r))))
    : concat(str(`${label} `), signedText(col(h.kRaw(r))));
  const step = (changed: Expr, k: string, note: Expr): Expr => ifThen([[changed, concat(str(' → '), signedText(col(k)), note)]], str(''));
  const parts: Expr[] = [start];
  if (rule.repeat !== null && per) parts.push(step(bin('<>', col(h.rep(r)), col(h.raw(r))), h.kRep(r), str(` (${repeatNote(rule.repeat)})`)));
  if (rule.decay !== null) parts.push(step(bin('<>', col(h.dec(r)), col(h.rep(r))), h.kDec(r), concat(str(' (decay '), fn('intText', col(h.age(r))), str('d)'))));
  if (rule.max !== null) parts.push(step(bin('<>', col(h.amount(r)), col(h.dec(r))), h.kAmount(r), str(` (max ${formatNumber(rule.max)})`)));
  return concat(...parts);
}

/** A rule without per, date, repeat or decay: engine/score.ts fixedPoints. */
function fixedRule(rule: ResolvedRule, label: string): { amount: number; reason: string } {
  const raw = round2js(rule.points);
  const max = rule.max ?? Infinity;
  const amount = Math.abs(raw) > max ? Math.sign(raw) * max : raw;
  const reason = ruleReason({ label, count: NaN, points: rule.points, raw, afterRepeat: raw, repeatNote: '', afterDecay: raw, age: NaN, amount, max });
  return { amount, reason };
}

