/**
 * Text encodings leadq writes, and the Windows-1252 table both directions share. Reading decodes
 * Windows-1252 through Latin-1 and maps 0x80–0x9F with this table (input/csv/decode.ts); writing
 * encodes with its inverse (output/csv/encode.ts). Plain data: imports nothing.
 */

/** What `--out-encoding` and `output.encoding` accept; utf-8 (no byte-order mark) is the default. */
export const OUTPUT_ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'] as const;
export type OutputEncoding = (typeof OUTPUT_ENCODINGS)[number];

/**
 * Windows-1252's 0x80–0x9F as characters (Node 20.18.3+ decodes them as C1 controls,
 * nodejs/node#60888). The five bytes Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D)
 * stand for the C1 control of the same number, as in the WHATWG index: every byte decodes.
 */
export const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Labels that name Windows-1252 (the WHATWG Encoding Standard reads latin1 and ascii as it too). */
export const WINDOWS_1252_LABELS: ReadonlySet<string> = new Set(['windows-1252', 'cp1252', 'win1252', 'latin1', 'latin-1', 'iso-8859-1', 'iso8859-1', 'l1', 'ascii', 'us-ascii']);
