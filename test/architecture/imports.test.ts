/**
 * The pipeline's direction, kept by a test (docs/architecture.md): each folder of src/ may import
 * only the folders before it. `model` imports nothing of ours; `ruleset` and `input` import only
 * `model`; the back-ends and pure modules beside the engine import those three; `output` those;
 * `run` all of those; `commands` (and the start-up files at the top: cli, bundle, code-cache)
 * everything. A relative import that breaks the rule fails here with the file and the line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { REPO } from '../e2e/helpers.js';


const BASE = ['model'];
const READING = [...BASE, 'ruleset', 'input'];
const PURE = [...READING, 'engine', 'sql', 'events', 'stats', 'diff'];
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  model: [],
  ruleset: BASE,
  input: BASE,
  engine: READING,
  sql: READING,
  events: READING,
  stats: READING,
  diff: READING,
  output: PURE,
  run: [...PURE, 'output'],
  commands: [...PURE, 'output', 'run'],
  // the start-up files: cli.ts, bundle.ts, code-cache.ts
  '.': [...PURE, 'output', 'run', 'commands'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The top folder of `src` a file is in ('.' for the start-up files in src/ itself). */
const folderOf = (src: string, file: string) => {
  const rel = path.relative(src, file);
  return rel.includes(path.sep) ? rel.split(path.sep)[0] : '.';
};

interface Import { file: string; line: number; target: string }

function importsOf(file: string): Import[] {
  const out: Import[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      out.push({ file, line: i + 1, target: path.resolve(path.dirname(file), m[1]) });
    }
  });
  return out;
}

/** Every relative import of a file under `src` that runs against the direction, as `file:line from → to`. */
function violations(src: string): string[] {
  return sourceFiles(src).flatMap(importsOf).filter((imp) => {
    const from = folderOf(src, imp.file);
    const to = folderOf(src, imp.target);
    return from !== to && !(ALLOWED[from] ?? []).includes(to);
  }).map((w) => `${path.relative(src, w.file)}:${w.line} ${folderOf(src, w.file)} → ${folderOf(src, w.target)}`);
}

describe('imports run with the pipeline', () => {
  const src = path.join(REPO, 'src');

  test('every folder of src/ has a place in the rule', () => {
    expect(sourceFiles(src).map((f) => folderOf(src, f)).filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  test('no relative import in src/ runs against the direction', () => {
    expect(violations(src)).toEqual([]);
  });

  test('the check finds a wrong import, and lets a right one pass', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadq-imports-'));
    try {
      const file = (name: string, text: string) => { fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true }); fs.writeFileSync(path.join(dir, name), text); };
      file('model/cents.ts', "import { evaluate } from '../engine/evaluate.js';\n");
      file('engine/evaluate.ts', "import { round2 } from '../model/cents.js';\nexport const x = await import('../run/pipeline.js');\n");
      file('run/pipeline.ts', "import type { X } from '../commands/score.js';\n");
      file('commands/score.ts', "import { run } from '../run/pipeline.js';\n");
      expect(violations(dir).sort()).toEqual([
        'engine/evaluate.ts:2 engine → run',
        'model/cents.ts:1 model → engine',
        'run/pipeline.ts:1 run → commands',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
