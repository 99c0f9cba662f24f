/**
 * Scores a block of complete CSV records: parse → coerce → evaluate → format. The same code runs
 * in-process and in worker threads, which is why the threaded output is byte-identical.
 *
 * Line numbers in a block's result are relative to the block (its first line is 1); the
 * pipeline shifts them when it merges blocks in input order.
 */
import { evaluateLead } from '../engine/evaluate.js';
import type { CompiledRuleset } from '../engine/types.js';
import { LeadqError } from '../errors.js';
import { CsvParser } from '../input/csv-parser.js';
import { RowCoercer } from '../input/typed-row.js';
import { CsvFormatter } from '../output/csv-format.js';
import { ResultFormatter } from '../output/result-cells.js';
import { SummaryBuilder, type SummaryCounts } from '../output/summary.js';

export interface BlockOptions {
  delimiter: string;
  escapeFormulas: boolean;
  /** also split the rows by stage (for --out-dir) */
  byStage: boolean;
  maxRecordSize: number;
  file: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
  fields: string[];
}

export interface BlockResult {
  scored: string;
  /** per stage in ladder order, then disqualified; empty unless byStage */
  stages: string[];
  rejects: RejectedRow[];
  counts: SummaryCounts;
  /** lines the block spans (the next block starts this many lines later) */
  lines: number;
  /** text of a record the block ended inside (the block was cut inside a quoted field) */
  leftover: string;
  error?: { code: string; message: string; line?: number; col?: number; hint?: string };
}

export class BlockScorer {
  private readonly fmt: CsvFormatter;
  private readonly results: ResultFormatter;
  private readonly coercer: RowCoercer;
  private readonly width: number;

  constructor(private readonly compiled: CompiledRuleset, private readonly options: BlockOptions) {
    this.fmt = new CsvFormatter({ delimiter: options.delimiter, escapeFormulas: options.escapeFormulas });
    this.results = new ResultFormatter(compiled, this.fmt);
    this.coercer = new RowCoercer(compiled.plan, compiled.header.length);
    this.width = compiled.header.length;
  }

  /** `final`: the block ends the input, so an unfinished record is an error rather than leftover. */
  score(text: string, final: boolean): BlockResult {
    const { compiled, fmt, results, coercer, width, options } = this;
    const summary = new SummaryBuilder(compiled.stages.length);
    const stageCount = compiled.stages.length;
    // rows are collected and joined once: one flat string instead of a deep chain of concatenations
    const stageRows: string[][] = options.byStage ? Array.from({ length: stageCount + 1 }, () => []) : [];
    const rejects: RejectedRow[] = [];
    const sourceIndex = compiled.sourceIndex;
    const parts: string[] = [];
    const parser = new CsvParser({ delimiter: options.delimiter, maxRecordSize: options.maxRecordSize, file: options.file });

    const onRecord = (fields: string[], line: number, raw: string | undefined, malformed: string | undefined) => {
      if (malformed !== undefined || fields.length !== width) {
        summary.addRejected();
        rejects.push({ line, reason: malformed ?? `expected ${width} fields, got ${fields.length}`, fields });
        return;
      }
      const warnings = coercer.load(fields);
      if (warnings !== null) summary.addWarnings(warnings, line);
      const result = evaluateLead(coercer.row, compiled);
      const input = raw !== undefined && fmt.isPlain(fields) ? raw : fmt.row(fields);
      const out = `${input}${options.delimiter}${results.cells(result)}\n`;
      parts.push(out);
      if (options.byStage) stageRows[result.stage < 0 ? stageCount : result.stage].push(out);
      summary.addScored(result, sourceIndex >= 0 ? fields[sourceIndex] : '');
    };

    let error: BlockResult['error'];
    let leftover = '';
    try {
      parser.push(text, onRecord);
      if (final) parser.end(onRecord);
      else leftover = parser.takeLeftover();
    } catch (e) {
      if (!(e instanceof LeadqError)) throw e;
      error = { code: e.code, message: e.message, line: e.line, col: e.col, hint: e.hint };
    }
    const stages = stageRows.map((rows) => rows.join(''));
    return { scored: parts.join(''), stages, rejects, counts: summary.snapshot(), lines: parser.nextLine - 1, leftover, error };
  }

  /** The result of a block that could not even be decoded. */
  failed(e: LeadqError): BlockResult {
    return {
      scored: '', stages: [], rejects: [], counts: new SummaryBuilder(this.compiled.stages.length).snapshot(), lines: 0, leftover: '',
      error: { code: e.code, message: e.message, line: e.line, col: e.col, hint: e.hint },
    };
  }
}
