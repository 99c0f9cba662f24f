/**
 * The progress line: what it says (rows, MB, MB/s, elapsed, time left when the size is known),
 * when it is drawn (after the delay, at most once per interval) and that `done` erases it. A fake
 * clock drives it; test/e2e/progress-tty.test.ts runs the CLI under a pseudo-terminal.
 */
import { describe, expect, test } from '@jest/globals';
import { Progress, progressFor, progressLine } from '../../src/output/progress.js';

describe('progressLine', () => {
  test.each([
    ['size known: time left from the rate so far', 'scoring', 1_204_000, 95_300_000, 3000, 187_000_000,
      'leadq: scoring 1,204,000 rows · 95.3 of 187.0 MB · 31.8 MB/s · 0:03 elapsed · 0:03 left'],
    ['a pipe: no size, no time left', 'scoring', 500, 2_000_000, 2000, undefined, 'leadq: scoring 500 rows · 2.0 MB · 1.0 MB/s · 0:02 elapsed'],
    ['over an hour', 'comparing', 10, 1e6, 3_725_000, 2e9, 'leadq: comparing 10 rows · 1.0 of 2000.0 MB · 0.0 MB/s · 1:02:05 elapsed · 2068:24:35 left'],
    ['done: no time left', 'reading', 8, 100, 1000, 100, 'leadq: reading 8 rows · 0.0 of 0.0 MB · 0.0 MB/s · 0:01 elapsed'],
  ])('%s', (_name, label, rows, bytes, ms, total, expected) => {
    expect(progressLine(label, rows, bytes, ms, total)).toBe(expected);
  });
});

describe('Progress', () => {
  const make = (columns?: number) => {
    let now = 0;
    const out: string[] = [];
    const p = new Progress((t) => { out.push(t); }, { label: 'scoring', total: 1000, delayMs: 1000, intervalMs: 250, now: () => now, columns });
    return { p, out, at: (ms: number) => { now = ms; } };
  };

  test('nothing before the delay, then at most once per interval, each line redrawn in place', () => {
    const { p, out, at } = make();
    at(500); p.update(10, 100);
    expect(out).toEqual([]);
    at(1000); p.update(20, 200);
    at(1100); p.update(30, 300);
    at(1250); p.update(40, 400);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^\rleadq: scoring 20 rows · .* · 0:01 elapsed · 0:04 left\x1b\[K$/);
    p.done();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  test('a run shorter than the delay leaves no trace', () => {
    const { p, out, at } = make();
    at(900); p.update(10, 1000);
    p.done();
    expect(out).toEqual([]);
  });

  test('cut to the terminal\'s width', () => {
    const { p, out, at } = make(30);
    at(2000); p.update(123_456, 500);
    expect(out[0]).toBe(`\r${'leadq: scoring 123,456 rows · 0.0 of 0.0 MB'.slice(0, 28)}…\x1b[K`);
  });

  test('progressFor: only on a terminal, never with --quiet', () => {
    const io = (errIsTTY: boolean) => ({ err: () => {}, errIsTTY });
    expect(progressFor(io(false), false, 'x')).toBeUndefined();
    expect(progressFor(io(true), true, 'x')).toBeUndefined();
    expect(progressFor(io(true), false, 'x')).toBeInstanceOf(Progress);
  });
});
