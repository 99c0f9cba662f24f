/**
 * Why a related row's key that matched no lead cannot be one lead's key: its cell lists several
 * (HubSpot writes an activity associated with three contacts as `a@x.com;b@y.com;c@z.com`), or
 * gives a name with the address (`Ana Lima <ana@acme.example>`, as mail clients and some CRMs'
 * "To" columns write it). leadq matches one key per cell, as the SQL back-end does; such a row is
 * reported for what it is rather than as a key no lead has. Checked only for keys that matched
 * nothing, on their normalised bytes: the row path pays nothing for keys that match.
 */

export type KeyShape = 'key_list' | 'key_name';

/** `key[start, end)`: `key_list` with a `;` or `,` in it, `key_name` for `Name <address>`, else null. */
export function keyShape(key: Uint8Array, start: number, end: number): KeyShape | null {
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = key[i];
    if (c === 59 || c === 44) return 'key_list';
    if (c === 60 && open < 0) open = i;
  }
  return open >= 0 && end - 1 > open && key[end - 1] === 62 ? 'key_name' : null;
}
