/**
 * Conditions → IR: each operator of model/operators.ts as an expression over the typed helper
 * columns (typed.ts), with the operator's contract kept to the letter: `not_in` and `not_equals`
 * never hold for an empty cell, `contains` lower-cases the cell but trims only the argument,
 * `starts_with` trims the cell's start, a missing number or date fails every comparison, and
 * `free_mail: false` holds for a cell without an email. Conditions are never NULL.
 */
import { BANT_KEYS } from '../model/bant.js';
import { OPERATORS } from '../model/operators.js';
import type { ResolvedCondition, ResolvedRuleset } from '../ruleset/resolved.js';
import { and, bin, col, FALSE, fn, holds, ifThen, not, num, or, str, TRUE, type Expr } from './ir.js';
import { fullMatch, NoFaithfulForm, regexPattern, type Dialect } from './dialect.js';
import { EMAIL_PATTERN, helper } from './typed.js';

const norm = (s: string): string => s.trim().toLowerCase();

export class ConditionCompiler {
  private readonly named: string[];

  constructor(private readonly resolved: ResolvedRuleset, private readonly dialect: Dialect) {
    this.named = resolved.scores.slice(2).map((s) => s.name);
  }

  compile(c: ResolvedCondition): Expr {
    switch (c.kind) {
      case 'all': return and(...c.items.map((x) => this.compile(x)));
      case 'any': return or(...c.items.map((x) => this.compile(x)));
      case 'not': return not(this.compile(c.item));
      case 'ref': return this.compile(this.resolved.conditions[c.name]);
      case 'column': return this.column(c);
      case 'score': return this.score(c);
      case 'criteria': return and(...BANT_KEYS.map((_, i) => ((c.mask >> i) & 1 ? (this.resolved.bant[i] ? col(helper.bant(i)) : FALSE) : TRUE)));
      case 'grade': {
        if (this.resolved.grades === null) return FALSE;
        const grades = Array.from({ length: 16 }, (_, g) => g).filter((g) => (c.mask >> g) & 1);
        return grades.length === 0 ? FALSE : { k: 'in', item: col(helper.grade), list: grades.map(num) };
      }
      case 'stage': {
        const stage = this.resolved.stages[c.stage];
        return stage?.when ? this.compile(stage.when) : TRUE;
      }
    }
  }

  /** The expression of a score a condition or the priority reads. */
  scoreValue(score: string): Expr {
    switch (score) {
      case 'engagement': return col(helper.score(0));
      case 'fit': return col(helper.score(1));
      case 'total': return col(helper.total);
      case 'bant_count': return col(helper.bantCount);
    }
    return col(helper.score(2 + this.named.indexOf(score)));
  }

  private score(c: Extract<ResolvedCondition, { kind: 'score' }>): Expr {
    return compare(this.scoreValue(c.score), c.op, c.arg);
  }

  private column(c: Extract<ResolvedCondition, { kind: 'column' }>): Expr {
    const i = c.column.index;
    if (!OPERATORS[c.op]) throw new NoFaithfulForm(`the operator ${c.op} is unknown`);
    if (c.multi !== null && OPERATORS[c.op].reads(c.arg) === 'text' && ['equals', 'in', 'contains', 'starts_with', 'ends_with', 'matches', 'not_equals', 'not_in'].includes(c.op)) {
      throw new NoFaithfulForm(`${c.op} on the multi-value column "${c.column.name}" (formats: multi) is not translated to SQL`);
    }
    switch (c.reads) {
      case 'number': return compare(col(helper.number(i)), c.op, c.arg);
      case 'date': {
        const limit = bin('-', col(helper.asOf), num(c.arg as number));
        if (c.op === 'older_than_days') return holds(bin('<', col(helper.date(i)), limit));
        if (c.op === 'within_days') return holds(bin('>=', col(helper.date(i)), limit));
        throw new NoFaithfulForm(`the operator ${c.op} has no SQL form`);
      }
      case 'boolean': {
        const want = num(c.arg ? 1 : 0);
        if (c.op !== 'equals' && c.op !== 'not_equals') throw new NoFaithfulForm(`the operator ${c.op} has no SQL form for true/false cells`);
        return holds(bin(c.op === 'not_equals' ? '<>' : '=', col(helper.boolean(i)), want));
      }
      case 'text': return this.text(col(helper.text(i)), c.op, c.arg);
    }
  }

  private text(v: Expr, op: string, arg: unknown): Expr {
    const trimmed = fn('trim', v);
    const filled = bin('<>', trimmed, str(''));
    const normal = fn('lower', trimmed);
    const inList = (list: unknown[]) => ({ k: 'in', item: normal, list: [...new Set(list.map((a) => norm(String(a))))].map(str) } as Expr);
    const domain = ifThen([[fn('hasAt', v), fn('lower', fn('trim', fn('afterLastAt', v)))]], str(''));
    const domainIn = (list: readonly string[]) => ({ k: 'in', item: domain, list: [...new Set(list.map((d) => norm(String(d))))].map(str) } as Expr);
    switch (op) {
      case 'equals': return bin('=', normal, str(norm(String(arg))));
      case 'not_equals': return and(filled, bin('<>', normal, str(norm(String(arg)))));
      case 'in': return inList(arg as unknown[]);
      case 'not_in': return and(filled, not(inList(arg as unknown[])));
      case 'contains': { const s = norm(String(arg)); return s === '' ? TRUE : fn('contains', fn('lower', v), str(s)); }
      case 'starts_with': { const s = norm(String(arg)); return s === '' ? TRUE : fn('startsWith', fn('lower', fn('trimStart', v)), str(s)); }
      case 'ends_with': { const s = norm(String(arg)); return s === '' ? TRUE : fn('endsWith', fn('lower', fn('trimEnd', v)), str(s)); }
      case 'matches': return { k: 'regex', arg: v, pattern: regexPattern(this.dialect, String(arg)) };
      case 'present': return arg ? filled : not(filled);
      case 'empty': return arg ? not(filled) : filled;
      case 'valid_email': {
        const valid = fullMatch(this.dialect, trimmed, EMAIL_PATTERN);
        return arg ? valid : not(valid);
      }
      case 'email_domain_in': return domainIn(arg as string[]);
      case 'free_mail': return arg ? domainIn(this.resolved.freeMailDomains) : not(domainIn(this.resolved.freeMailDomains));
    }
    throw new NoFaithfulForm(`the operator ${op} has no SQL form`);
  }
}

/** A number (cell or score) against the argument; a missing number fails every test. */
function compare(v: Expr, op: string, arg: unknown): Expr {
  switch (op) {
    case 'equals': return holds(bin('=', v, num(arg as number)));
    case 'not_equals': return holds(bin('<>', v, num(arg as number)));
    case 'gt': return holds(bin('>', v, num(arg as number)));
    case 'gte': return holds(bin('>=', v, num(arg as number)));
    case 'lt': return holds(bin('<', v, num(arg as number)));
    case 'lte': return holds(bin('<=', v, num(arg as number)));
    case 'between': { const [lo, hi] = arg as [number, number]; return holds(and(bin('>=', v, num(lo)), bin('<=', v, num(hi)))); }
  }
  throw new NoFaithfulForm(`the operator ${op} does not compare numbers`);
}
