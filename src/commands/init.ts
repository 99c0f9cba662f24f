/** `leadq init [file]`: writes the commented example ruleset as a starting point, never over a file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { EXIT, LeadqError } from '../errors.js';
import type { Io } from './io.js';

export const STARTER = new URL('../../rules.example.yaml', import.meta.url);

export function initCommand(file: string, io: Io): number {
  const text = readFileSync(STARTER, 'utf8');
  try {
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new LeadqError('INIT_EXISTS', `${file} already exists; leadq init never overwrites a file. Choose another name or remove it first`);
    }
    throw new LeadqError('OUTPUT_WRITE', `cannot write: ${(error as Error).message}`, { file });
  }
  io.out(`wrote ${file}: edit the columns: section to match your export's headers, then run\n  leadq validate ${file} --input your-export.csv\n`);
  return EXIT.ok;
}
