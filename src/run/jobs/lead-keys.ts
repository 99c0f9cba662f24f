/**
 * The `lead-keys` job, the first pass of a run with related files: each lead's key (the export
 * column a related file matches), normalised as related rows' keys are (input/keys/
 * normalize-key.ts), placeholders read as no key. A block's result is the keys' bytes end to end
 * and where each ends, per key column; the main thread adds them to a shared table in input
 * order, so related rows can be matched to leads in worker threads, and memory grows with the
 * leads, never with the related rows.
 */
import { RecordWalker, type RecordVisitor } from '../../input/csv/record-walk.js';
import type { LineScanner } from '../../input/csv/line-scan.js';
import { KeyPlaceholders, keyScratch, normalizeKeyBytes, normalizeKeyText, salesforceIdLength } from '../../input/keys/normalize-key.js';
import { DEFAULT_PLACEHOLDERS } from '../../input/values/formats.js';
import type { BlockJob, BlockOutcome, JobSpec } from '../job.js';

export interface LeadKeysOptions {
  /** the key columns: their index in the export's header, and whether they hold emails */
  keys: LeadKeySpec[];
  /** the ruleset's placeholders (null: the built-in list) */
  placeholders: string[] | null;
  header: string[];
  delimiter: string;
  maxRecordSize: number;
  file: string;
}

export type LeadKeysSpec = JobSpec<'lead-keys', LeadKeysOptions>;

/** A lead column related files match: where it is, whether it holds emails (compared ignoring case), Salesforce ids (15 or 18 characters). */
export interface LeadKeySpec {
  column: number;
  email: boolean;
  salesforce: boolean;
}

export interface LeadKeysResult extends BlockOutcome {
  /** per key column: the block's keys' bytes end to end, and where each ends */
  bytes: Uint8Array[];
  ends: Int32Array[];
}

class Keys {
  bytes = new Uint8Array(1 << 14);
  used = 0;
  ends: number[] = [];

  add(key: Uint8Array, n: number): void {
    if (this.used + n > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(key.subarray(0, n), this.used);
    this.used += n;
    this.ends.push(this.used);
  }
}

export class LeadKeysJob implements BlockJob<LeadKeysResult> {
  private readonly walker: RecordWalker;
  private readonly placeholders: KeyPlaceholders;
  private readonly scratch = keyScratch();
  private keys: Keys[] = [];
  private readonly visitor: RecordVisitor;

  constructor(private readonly options: LeadKeysOptions) {
    this.walker = new RecordWalker({ delimiter: options.delimiter, header: options.header, maxRecordSize: options.maxRecordSize, file: options.file });
    this.placeholders = new KeyPlaceholders(options.placeholders ?? DEFAULT_PLACEHOLDERS);
    this.visitor = {
      line: (b: Buffer, scan: LineScanner) => {
        for (let k = 0; k < options.keys.length; k++) {
          const c = options.keys[k].column;
          const email = options.keys[k].email;
          const n = scan.doubledQuotes[c]
            ? normalizeKeyText(b.toString('utf8', scan.starts[c], scan.ends[c]).replace(/""/g, '"'), email, this.scratch)
            : normalizeKeyBytes(b, scan.starts[c], scan.ends[c], email, this.scratch);
          this.add(k, n);
        }
      },
      record: (fields: string[]) => {
        for (let k = 0; k < options.keys.length; k++) this.add(k, normalizeKeyText(fields[options.keys[k].column], options.keys[k].email, this.scratch));
      },
      reject: () => {},
    };
  }

  runBytes(bytes: Buffer, final: boolean): LeadKeysResult {
    this.keys = this.options.keys.map(() => new Keys());
    return this.result(this.walker.walkBytes(bytes, final, this.visitor));
  }

  runText(text: string, final: boolean): LeadKeysResult {
    this.keys = this.options.keys.map(() => new Keys());
    return this.result(this.walker.walkText(text, final, this.visitor));
  }

  transfer(result: LeadKeysResult): ArrayBuffer[] {
    return [...result.bytes, ...result.ends].map((a) => a.buffer as ArrayBuffer);
  }

  /** The key normalised into the scratch buffer (`n` bytes): kept unless empty, too long or a placeholder. */
  private add(k: number, n: number): void {
    if (n > 0 && this.options.keys[k].salesforce) n = salesforceIdLength(this.scratch, 0, n);
    if (n > 0 && !this.placeholders.has(this.scratch, n)) this.keys[k].add(this.scratch, n);
  }

  private result(walked: { lines: number; leftover: string }): LeadKeysResult {
    return {
      lines: walked.lines, leftover: walked.leftover, footerLine: 0,
      bytes: this.keys.map((k) => k.bytes.slice(0, k.used)), ends: this.keys.map((k) => Int32Array.from(k.ends)),
    };
  }
}
