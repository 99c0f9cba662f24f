#!/usr/bin/env node
// DuckDB doing the join and aggregation `leadq score` does with bench/related.rules.yaml: the
// activity log grouped by its normalised key, each derived column an aggregate with a FILTER,
// the export LEFT JOINed to it, the joined rows written as CSV. (It scores nothing: leadq does
// that besides, in the time compared.) Run by bench/run.mjs; by hand:
//
//   node bench/related-duckdb.mjs leads.csv activities.csv out.csv [threads]
//
// Every column is read as text (as leadq reads them) and parsed in SQL: a key trimmed and
// lower-cased, the date `YYYY-MM-DD HH:MM` as a day, rows after the as-of date left out.
import { DuckDBInstance } from '@duckdb/node-api';

const [leads, activities, out, threads = '2'] = process.argv.slice(2);
if (!out) { process.stderr.write('usage: related-duckdb.mjs leads.csv activities.csv out.csv [threads]\n'); process.exit(2); }
const q = (s) => `'${s.replace(/'/g, "''")}'`;

export const SQL = `
COPY (
  WITH a AS (
    SELECT lower(trim("Associated Contact Email")) AS k, "Activity Type" AS t,
           CAST(try_strptime("Activity Date", '%Y-%m-%d %H:%M') AS DATE) AS d,
           TRY_CAST("Duration (Minutes)" AS DOUBLE) AS minutes
    FROM read_csv(${q(activities)}, all_varchar = true, header = true)
  ), counted AS (
    SELECT *, DATE '2026-11-01' - d AS age FROM a WHERE d IS NOT NULL AND d <= DATE '2026-11-01' AND k <> ''
  ), agg AS (
    SELECT k,
      count(*) FILTER (WHERE t = 'Meeting' AND age <= 90) AS meetings_90d,
      round(coalesce(sum(pow(0.5, age / 30.0)) FILTER (WHERE t = 'Email Reply'), 0), 2) AS email_replies,
      count(DISTINCT d) FILTER (WHERE t = 'Form Submission' AND age <= 180) AS form_days,
      round(coalesce(sum(minutes) FILTER (WHERE t IN ('Call', 'Meeting') AND age <= 365), 0), 2) AS talk_minutes,
      max(d) AS last_touch
    FROM counted GROUP BY k
  )
  SELECT l.*, coalesce(agg.meetings_90d, 0) AS meetings_90d, coalesce(agg.email_replies, 0) AS email_replies,
         coalesce(agg.form_days, 0) AS form_days, coalesce(agg.talk_minutes, 0) AS talk_minutes, agg.last_touch
  FROM read_csv(${q(leads)}, all_varchar = true, header = true) AS l
  LEFT JOIN agg ON agg.k = lower(trim(l.email))
) TO ${q(out)} (HEADER, DELIMITER ',')`;

const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
await connection.run(SQL);
connection.closeSync?.();
