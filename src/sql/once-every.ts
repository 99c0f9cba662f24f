/**
 * Once every N days (model/related.ts countDays) without recursion: walking a lead's days from the
 * oldest, a day counts when it is N or more days after the last counted one. Each day's successor
 * in the walk (the first day on or after day + N) comes from a window over the days and probes
 * placed N days after each; the walk from the lead's first day is then taken by pointer doubling:
 * level k holds, per day, the weight of the 2^k days the walk visits from it and the day it
 * reaches after them, and level k + 1 joins level k to itself. As many levels as the longest
 * possible walk needs: a window of W days holds at most floor(W / N) + 1 counted days.
 */
import { cte, type Dialect } from './dialect.js';

/** The most days a walk can visit without a window: every calendar day leadq reads (0000-01-01 to 9999-12-31). */
const ALL_DAYS = 3_652_425;

/** How many doubling levels cover the longest walk: a window of W days holds at most ⌊W/N⌋ + 1 counted days. */
export function levels(every: number, within: number | null): number {
  const longest = Math.floor((within ?? ALL_DAYS) / every) + 1;
  return Math.max(0, Math.ceil(Math.log2(longest)));
}

/**
 * Once every N days over a lead's days (`perDay`: key, day), each weighing `weighted`: the walk's
 * levels `<prefix>_0 … _K`, each row a day with the weight of the 2^k days the walk visits from it
 * (`_lq_w`) and the day it reaches after them (`_lq_nxt`, NULL past the last); `_lq_root` marks
 * the lead's first day, where the walk starts.
 */
export function walk(d: Dialect, prefix: string, perDay: string, weighted: string, onceEvery: number, within: number | null): string[] {
  const id = d.ident;
  const out: string[] = [];
  // a whole number of days: positions stay integers
  const every = String(onceEvery);
  const [k, day, w, pos, probe, nxt, root] = ['_lq_k', '_lq_day', '_lq_w', '_lq_pos', '_lq_probe', '_lq_nxt', '_lq_root'].map(id);
  const nodes = `${prefix}n`;
  out.push(cte(d, nodes, `SELECT ${k}, ${day}, ${weighted} AS ${w},\n    CASE WHEN ${day} = MIN(${day}) OVER (PARTITION BY ${k}) THEN 1 ELSE 0 END AS ${root}\n  FROM ${id(perDay)}`));
  // each day's successor: the first day on or after day + N, as the least day at or after a probe placed there
  const probes = `SELECT ${k}, ${day} AS ${pos}, 0 AS ${probe}, ${w}, ${root} FROM ${id(nodes)}\n    UNION ALL\n    SELECT ${k}, ${day} + ${every} AS ${pos}, 1 AS ${probe}, ${w}, ${root} FROM ${id(nodes)}`;
  const least = `MIN(CASE WHEN ${probe} = 0 THEN ${pos} END) OVER (PARTITION BY ${k} ORDER BY ${pos} DESC, ${probe} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
  out.push(cte(d, `${prefix}_0`, `SELECT ${k}, ${pos} - ${every} AS ${day}, ${w}, ${root}, ${nxt}\n  FROM (\n    SELECT ${k}, ${pos}, ${probe}, ${w}, ${root}, ${least} AS ${nxt}\n    FROM (\n    ${probes}\n    ) AS ${id('_lq_p')}\n  ) AS ${id('_lq_q')}\n  WHERE ${probe} = 1`));
  for (let level = 1; level <= levels(onceEvery, within); level++) {
    const prev = id(`${prefix}_${level - 1}`);
    out.push(cte(d, `${prefix}_${level}`, `SELECT ${id('_lq_a')}.${k}, ${id('_lq_a')}.${day}, ${id('_lq_a')}.${root},\n    ${id('_lq_a')}.${w} + COALESCE(${id('_lq_b')}.${w}, ${d.num(0)}) AS ${w}, ${id('_lq_b')}.${nxt} AS ${nxt}\n  FROM ${prev} AS ${id('_lq_a')}\n  LEFT JOIN ${prev} AS ${id('_lq_b')} ON ${id('_lq_b')}.${k} = ${id('_lq_a')}.${k} AND ${id('_lq_b')}.${day} = ${id('_lq_a')}.${nxt}`));
  }
  return out;
}
