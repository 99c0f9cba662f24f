/**
 * Named scores and grades: their values, their output columns (appended only when the ruleset
 * has them), and stage and priority conditions on them.
 */
import { describe, expect, test } from '@jest/globals';
import { gradeLabel } from '../../src/model/result-columns.js';
import { CsvFormatter } from '../../src/output/csv/csv-format.js';
import { ResultFormatter, resultCells } from '../../src/output/csv/result-cells.js';
import { RESULT_COLUMN_NAMES } from '../../src/model/result-columns.js';
import { scorer } from './helpers.js';

const HEADER = ['eng', 'fit', 'a_visits', 'b_visits', 'dnc'];
const RULES = `
engagement:
  - { name: eng, per: eng, points: 1 }
fit:
  - { name: fit, per: fit, points: 1 }
scores:
  product_a:
    ceiling: 30
    rules:
      - { name: a visit, per: a_visits, points: 10 }
  product_b:
    rules:
      - { name: b visit, per: b_visits, points: 5 }
grades:
  fit: { A: 60, B: 40, C: 20 }
  engagement: { 1: 80, 2: 50, 3: 20 }
disqualifiers:
  - { reason: do_not_contact, when: { column: dnc, equals: true } }
stages:
  - name: lead
  - name: a_fan
    when: { score: product_a, gte: 20 }
  - name: engaged
    when: { grade: [1, 2] }
  - name: top
    when: { grade: A1 }
priority:
  score: product_b
  bands:
    - { name: P1, when: { grade: A } }
    - { name: P2, min: 10 }
    - { name: P3 }
`;
const s = scorer(RULES, HEADER);

describe('named scores', () => {
  test('each has its own value and prefixed reasons, and none counts towards the total', () => {
    const r = s.score({ eng: '10', fit: '5', a_visits: '4', b_visits: '3' });
    expect([r.engagement, r.fit, r.total, r.named]).toEqual([10, 5, 15, [30, 15]]);
    expect(r.reasons).toEqual(['eng 10x1=+10', 'fit 5x1=+5', 'product_a: a visit 4x10=+40', 'product_a: ceiling 30 -10', 'product_b: b visit 3x5=+15']);
  });

  test('a stage tests a named score', () => {
    expect(s.score({ a_visits: '2' }).stageName).toBe('a_fan');
    expect(s.score({ a_visits: '1' }).stageName).toBe('lead');
  });

  test('priority can be read from a named score', () => {
    expect(s.score({ b_visits: '2' }).priority).toBe('P2');
    expect(s.score({ b_visits: '1' }).priority).toBe('P3');
  });
});

describe('grades', () => {
  test.each([
    // fit bands A ≥ 60, B ≥ 40, C ≥ 20, D below; engagement 1 ≥ 80, 2 ≥ 50, 3 ≥ 20, 4 below
    ['60', '80', 'A1'], ['59.99', '79.99', 'B2'], ['40', '50', 'B2'], ['39', '49', 'C3'], ['20', '20', 'C3'],
    ['19', '19', 'D4'], ['-5', '', 'D4'], ['1000', '0', 'A4'], ['0', '1000', 'D1'],
  ])('fit %p and engagement %p → %p', (fit, eng, grade) => {
    expect(gradeLabel(s.score({ fit, eng }).grade)).toBe(grade);
  });

  test.each([
    [{ fit: '60', eng: '80' }, 'top'],
    [{ fit: '59', eng: '80' }, 'engaged'], // B1: a digit test holds, the label test does not
    [{ fit: '10', eng: '55' }, 'engaged'], // D2
    [{ fit: '60', eng: '49' }, 'lead'], // A3
  ])('%p reaches %p', (cells, stage) => {
    expect(s.score(cells).stageName).toBe(stage);
  });

  test.each([
    [{ fit: '70', eng: '0', b_visits: '5' }, 'P1'], // A4: a letter test in a priority band wins over the score bands
    [{ fit: '50', eng: '0', b_visits: '5' }, 'P2'],
    [{ fit: '70', dnc: 'yes' }, ''], // disqualified: no priority, but the grade is still computed
  ])('%p → priority %p', (cells, priority) => {
    const r = s.score(cells);
    expect(r.priority).toBe(priority);
    expect(gradeLabel(r.grade)).toMatch(/^[A-D][1-4]$/);
  });
});

describe('output columns', () => {
  test('named score columns, then grade, after the result columns', () => {
    expect(s.compiled.resultHeader).toEqual([...RESULT_COLUMN_NAMES, 'product_a_score', 'product_b_score', 'grade']);
    const r = s.score({ eng: '90', fit: '61', a_visits: '1', b_visits: '1' });
    expect(resultCells(r, s.compiled).slice(RESULT_COLUMN_NAMES.length)).toEqual(['10', '5', 'A1']);
    const fmt = new CsvFormatter({ delimiter: ';', escapeFormulas: true });
    expect(new ResultFormatter(s.compiled, fmt).cells(r).split(';').slice(-3)).toEqual(['10', '5', 'A1']);
  });

  test('renames apply to the new columns', () => {
    const renamed = scorer(`${RULES}\noutput:\n  rename: { product_a_score: a, grade: lead_grade }\n`, HEADER);
    expect(renamed.compiled.resultHeader.slice(-3)).toEqual(['a', 'product_b_score', 'lead_grade']);
  });

  test('a ruleset without named scores or grades appends exactly the result columns it always did', () => {
    const plain = scorer('engagement:\n  - { name: eng, per: eng, points: 1 }\nstages: [{ name: lead }]\n', HEADER);
    expect(plain.compiled.resultHeader).toEqual([...RESULT_COLUMN_NAMES]);
    const r = plain.score({ eng: '3' });
    const fmt = new CsvFormatter({ delimiter: ',', escapeFormulas: true });
    expect(new ResultFormatter(plain.compiled, fmt).cells(r)).toBe('3,0,3,,lead,,eng 3x1=+3,');
    expect(resultCells(r, plain.compiled)).toHaveLength(RESULT_COLUMN_NAMES.length);
  });
});
