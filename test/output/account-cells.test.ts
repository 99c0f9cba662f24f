/** The `account` cell's bytes kept by account number give the formatter's own cell, whatever the order accounts come in. */
import { describe, expect, test } from '@jest/globals';
import { AccountCells } from '../../src/output/csv/account-cells.js';
import { CsvFormatter } from '../../src/output/csv/csv-format.js';
import { OutputBuffer } from '../../src/output/csv/output-buffer.js';
import { mulberry32 } from '../support/random.js';

describe('AccountCells', () => {
  test.each([[',', true], [';', false], ['\t', true]])('delimiter %j, formula escape %s: each cell as the formatter writes it, over 30,000 random writes', (delimiter, escapeFormulas) => {
    const rand = mulberry32(3);
    const fmt = new CsvFormatter({ delimiter, escapeFormulas });
    const parts = ['acme', '.example', ' ', ',', ';', '\t', '"', '=', '+', '-', '@', 'ü', '名', '\n', 'x'.repeat(300)];
    const keys = Array.from({ length: 3000 }, () => {
      let k = '';
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) k += parts[Math.floor(rand() * parts.length)];
      return k;
    });
    const cells = new AccountCells((key) => fmt.cell(key));
    const out = new OutputBuffer(0);
    let expected = '';
    for (let i = 0; i < 30_000; i++) {
      // accounts come in any order, far apart (the array of where each stands grows)
      const n = rand() < 0.1 ? keys.length - 1 - Math.floor(rand() * 10) : Math.floor(rand() * keys.length);
      cells.write(n, keys[n], out);
      expected += fmt.cell(keys[n]);
    }
    expect(Buffer.from(out.take()).toString('utf8')).toBe(expected);
  });
});
