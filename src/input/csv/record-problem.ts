/**
 * Why a record of a related file or an export read without scoring cannot be a row, in the
 * words of the rejects file: a repeated header line, a malformed record (broken quotes), the
 * wrong number of fields, a NUL byte. One verdict for the block reader (record-walk.ts) and for
 * `leadq explain`, which reads the same files record by record: both must reject the same rows
 * for the same reasons, or explain would count rows score never read.
 */

/**
 * The reason the record cannot be a row, or undefined when it can. `malformed`: what the parser
 * found wrong; `mayHoldNul`: false when the text it came from holds no NUL (saves the search).
 */
export function recordProblem(fields: readonly string[], malformed: string | undefined, header: readonly string[], mayHoldNul = true): string | undefined {
  const width = header.length;
  if (fields.length === width && fields[0] === header[0] && fields.every((f, i) => f === header[i])) return 'a repeated header line (files joined together?)';
  if (malformed !== undefined) return malformed;
  if (fields.length !== width) return `expected ${width} fields, got ${fields.length}`;
  const nul = mayHoldNul ? fields.findIndex((f) => f.includes('\0')) : -1;
  return nul >= 0 ? `a NUL character in field ${nul + 1} (binary data in the file?)` : undefined;
}
