// The baseline of the benchmark: a bare csv-parse → csv-stringify pass (arrays, streamed),
// no rules. leadq's wall time is reported as a ratio of this one, measured in the same run.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const [input, output] = process.argv.slice(2);
await pipeline(createReadStream(input), parse({ bom: true }), stringify(), createWriteStream(output));
