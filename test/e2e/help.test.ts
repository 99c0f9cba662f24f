/** `--help`: lists the documented exit codes, and the score help leads with examples. */
import { describe, expect, test } from '@jest/globals';
import { run } from './helpers.js';

const EXIT_CODES = ['0', '1', '2', '3', '129', '130', '143'];

describe('--help', () => {
  test.each([
    [['--help']],
    [['score', '--help']],
    [['backtest', '--help']],
    [['explain', '--help']],
    [['help', 'score']],
  ])('%p exits 0 and lists every exit code', async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(0);
    const section = result.out.slice(result.out.indexOf('Exit codes:'));
    expect(result.out).toContain('Exit codes:');
    for (const code of EXIT_CODES) expect(section).toMatch(new RegExp(`(^|\\s)${code}\\s`, 'm'));
  });

  // 3 is "finished, but some rows were rejected": a command that sets no row aside never exits with it
  // explain exits 3 when rows of a related file were rejected (its explanation lists them)
  test('explain --help says when it exits 3', async () => {
    expect((await run(['explain', '--help'])).out).toMatch(/3 when rows of a related file were rejected/);
  });

  test.each(['validate', 'inspect', 'sql'])('%s --help lists every exit code but 3', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    const section = result.out.slice(result.out.indexOf('Exit codes:'));
    for (const code of EXIT_CODES.filter((c) => c !== '3')) expect(section).toMatch(new RegExp(`(^|\\s)${code}\\s`, 'm'));
    expect(section).not.toMatch(/^ {2}3 /m);
  });

  test('the score help starts with examples: the Examples section comes before the options', async () => {
    const { out } = await run(['score', '--help']);
    const examples = out.indexOf('Examples:');
    expect(examples).toBeGreaterThanOrEqual(0);
    expect(examples).toBeLessThan(out.indexOf('Options:'));
  });

  test('the first score example is the README quick start command', async () => {
    const { out } = await run(['score', '--help']);
    const first = out.split('\n').find((l) => l.trim().startsWith('$ leadq'));
    expect(first?.trim()).toBe('$ leadq score examples/leads.csv --rules rules.example.yaml --spend examples/spend.csv --out-dir out/');
  });

  test('--version prints a version and exits 0', async () => {
    const result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('an unknown command exits 2 and points at --help', async () => {
    const result = await run(['scroe']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--help/);
  });
});
