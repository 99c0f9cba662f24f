/**
 * summary.svg: well-formed XML (checked by a small parser: every tag closed in order, every
 * attribute quoted, no raw & or <), self-contained (nothing fetched), the same bytes for the same
 * summary, text from the data escaped, and the funnel and costs it shows.
 */
import { describe, expect, test } from '@jest/globals';
import { escapeXml, renderSummarySvg } from '../../src/output/summary-svg.js';
import { SummaryBuilder, type Summary } from '../../src/output/summary.js';

function summaryOf(sources: [string, number, number][], spend: [string, number][]): Summary {
  const b = new SummaryBuilder(3);
  for (const [source, stage, n] of sources) for (let i = 0; i < n; i++) b.addScored({ stage } as never, source);
  return b.finish({ asOf: '2026-11-01', rules: 'r.yaml', inputs: ['in.csv'], header: [], stageNames: ['lead', 'mql', 'sql'], spend: new Map(spend) });
}

/** Tags opened and closed in order, attributes quoted, & only in entities, < only in tags. */
function wellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '');
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|#\d+);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/g;
  let at = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m.index !== at) throw new Error(`not XML at ${at}: ${body.slice(at, at + 40)}`);
    at = re.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(m[5])) throw new Error(`a raw & in ${m[5]}`);
      continue;
    }
    if (m[1]) { if (stack.pop() !== m[2]) throw new Error(`</${m[2]}> closes nothing open`); } else if (!m[4]) stack.push(m[2]);
  }
  if (at !== body.length || stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
}

describe('summary.svg', () => {
  const s = summaryOf([['Paid Search', 2, 3], ['Paid Search', 1, 2], ['Events', 1, 4], ['Events', 0, 6]], [['Paid Search', 1000], ['Events', 400]]);

  test('well-formed, self-contained, deterministic', () => {
    const svg = renderSummarySvg(s);
    wellFormed(svg);
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" /);
    expect(svg).not.toMatch(/href|<script|<image|@import|url\(/);
    expect(renderSummarySvg(summaryOf([['Paid Search', 2, 3], ['Paid Search', 1, 2], ['Events', 1, 4], ['Events', 0, 6]], [['Paid Search', 1000], ['Events', 400]]))).toBe(svg);
  });

  test('the funnel with conversion from the stage before, and cost per MQL and SQL by source', () => {
    const svg = renderSummarySvg(s);
    expect(svg).toContain('>15 · 60.0% of previous<'.replace('15', '9')); // mql: 9 of 15
    expect(svg).toContain('>3 · 33.3% of previous<'); // sql: 3 of 9
    expect(svg).toContain('>200<'); // Paid Search: 1000 / 5 MQLs
    expect(svg).toContain('>333.33<'); // 1000 / 3 SQLs
    expect(svg).toContain('>100<'); // Events: 400 / 4 MQLs
    expect(svg).toContain('>n/a<'); // Events has no SQL
  });

  test('source names are escaped, and characters XML forbids are dropped', () => {
    const svg = renderSummarySvg(summaryOf([['<script>&"x"\u0007', 0, 1], ['東京セミナー 🎉', 0, 1]], []));
    wellFormed(svg);
    expect(svg).toContain('&lt;script&gt;&amp;&quot;x&quot;<');
    expect(svg).toContain('東京セミナー 🎉');
    expect(escapeXml('a\u0000b\ud800c')).toBe('abc');
  });

  test('many sources: the twelve with the most leads, and a count of the rest', () => {
    const many = summaryOf(Array.from({ length: 15 }, (_, i) => [`S${String(i).padStart(2, '0')}`, 0, i + 1] as [string, number, number]), []);
    const svg = renderSummarySvg(many);
    wellFormed(svg);
    expect(svg).toContain('>S14<');
    expect(svg).not.toContain('>S00<');
    expect(svg).toContain('and 3 more sources');
  });
});
