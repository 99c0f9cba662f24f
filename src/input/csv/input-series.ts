/**
 * The inputs of one run: one export, possibly in several files, read one after the other (dedupe
 * reads them twice), one open at a time. Each file after the first must have the first one's
 * header, column for column.
 */
import { LeadqError, quoteData } from '../../model/errors.js';
import { openBlockInput, type BlockInput, type BlockInputOptions } from './read-blocks.js';

export class InputSeries {
  private current: BlockInput | undefined;
  /** which input is open */
  private index = -1;
  /** whether the open input was handed out to be read (its blocks can be read once) */
  private taken = false;

  constructor(readonly paths: string[], private readonly options: BlockInputOptions) {}

  get several(): boolean {
    return this.paths.length > 1;
  }

  /** Opens the first input for its header; the first `read(0)` then reads it on from there. */
  async openFirst(): Promise<BlockInput> {
    await this.close();
    this.current = await openBlockInput(this.paths[0], this.options);
    this.index = 0;
    this.taken = false;
    return this.current;
  }

  /**
   * Input `i`, to be read: the one open when it is `i` and not read yet, else opened (again;
   * the one open before is closed). `header`: the header it must have (the first input's).
   */
  async read(i: number, header?: readonly string[]): Promise<BlockInput> {
    if (this.current !== undefined && this.index === i && !this.taken) {
      this.taken = true;
      return this.current;
    }
    await this.close();
    const input = (this.current = await openBlockInput(this.paths[i], this.options));
    this.index = i;
    this.taken = true;
    if (header) refuseOtherHeader(input.name, input.header, header);
    return input;
  }

  /** Closes the input open, if any, whatever failed. */
  async close(): Promise<void> {
    const input = this.current;
    this.current = undefined;
    await input?.close();
  }
}

/** Several inputs are one export: each must have the first one's header, column for column. */
export function refuseOtherHeader(name: string, header: readonly string[], expected: readonly string[]): void {
  const at = expected.findIndex((h, i) => header[i] !== h);
  if (at < 0 && header.length === expected.length) return;
  const column = at < 0 ? expected.length : at;
  const got = header[column] === undefined ? 'nothing' : quoteData(header[column]);
  const want = expected[column] === undefined ? 'no column' : quoteData(expected[column]);
  throw new LeadqError('INPUT_HEADER', `the header differs from the first input's at column ${column + 1}: ${got} where the first input has ${want}; several inputs must be one export with one header`, { file: name, line: 1 });
}
