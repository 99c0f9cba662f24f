/**
 * Why a related row's key that matched no lead cannot be one lead's key: its cell lists several
 * (HubSpot writes an activity associated with three contacts as `a@x.com;b@y.com;c@z.com`), or
 * gives a name with the address (`Ana Lima <ana@acme.example>`, as mail clients and some CRMs'
 * "To" columns write it, or `Ana Lima (ana@acme.example)`). leadq matches one key per cell, as the SQL back-end does; such a row is
 * reported for what it is rather than as a key no lead has. Checked only for keys that matched
 * nothing, on their normalised bytes: the row path pays nothing for keys that match.
 */

export type KeyShape = 'key_list' | 'key_name' | 'key_number';

/**
 * `key[start, end)` (trimmed): `key_list` with a `;` or `,` in it; `key_name` for
 * `Name <address>`, or an address with a space in it (`Ana Lima (ana@acme.example)`: no address
 * holds one); for an id (`email` false), `key_number` for a number a spreadsheet or a script
 * rewrote (`1002.0`, `4.15087E+18`); else null.
 */
export function keyShape(key: Uint8Array, start: number, end: number, email: boolean): KeyShape | null {
  if (!email && rewrittenNumber(key, start, end)) return 'key_number';
  let open = -1;
  let at = false;
  let space = false;
  for (let i = start; i < end; i++) {
    const c = key[i];
    if (c === 59 || c === 44) return 'key_list';
    if (c === 60 && open < 0) open = i;
    else if (c === 64) at = true;
    else if (c === 32 || c === 9) space = true;
  }
  return (open >= 0 && end - 1 > open && key[end - 1] === 62) || (at && space) ? 'key_name' : null;
}

/**
 * Digits then `.0…` (pandas reads an id column holding a blank as floats and writes `1002.0`), or
 * a number in scientific notation (Excel shows an id of 12 digits or more as `4.15087E+18` and
 * saves it so, its last digits lost): ids no lead has, whose real form can only come from the
 * source system.
 */
function rewrittenNumber(key: Uint8Array, start: number, end: number): boolean {
  const digit = (c: number) => c >= 48 && c <= 57;
  let i = start;
  while (i < end && digit(key[i])) i++;
  if (i === start || i === end) return false;
  if (key[i] === 46) {
    let j = i + 1;
    while (j < end && key[j] === 48) j++;
    if (j === end) return j > i + 1; // 1002.0
    while (j < end && digit(key[j])) j++;
    i = j;
  }
  if (i === end || (key[i] !== 69 && key[i] !== 101)) return false;
  i++;
  if (i < end && (key[i] === 43 || key[i] === 45)) i++;
  if (i === end) return false;
  while (i < end && digit(key[i])) i++;
  return i === end;
}
