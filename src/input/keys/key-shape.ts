/**
 * Why a related row's key that matched no lead cannot be one lead's key: its cell lists several
 * (HubSpot writes an activity associated with three contacts as `a@x.com;b@y.com;c@z.com`), or
 * gives a name with the address (`Ana Lima <ana@acme.example>`, as mail clients and some CRMs'
 * "To" columns write it, or `Ana Lima (ana@acme.example)`). leadq matches one key per cell, as the SQL back-end does; such a row is
 * reported for what it is rather than as a key no lead has. Checked only for keys that matched
 * nothing, on their normalised bytes: the row path pays nothing for keys that match.
 */

export type KeyShape = 'key_list' | 'key_name';

/**
 * `key[start, end)` (trimmed): `key_list` with a `;` or `,` in it; `key_name` for
 * `Name <address>`, or an address with a space in it (`Ana Lima (ana@acme.example)`: no address
 * holds one); else null.
 */
export function keyShape(key: Uint8Array, start: number, end: number): KeyShape | null {
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
