/**
 * A copy of a string that does not keep its parent alive. A cell sliced from a block's text
 * points into that whole block (V8 sliced strings); kept as a map key, it would keep every block
 * it came from in memory. Used only where a value is remembered beyond its row, never per row.
 */
export function detach(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}
