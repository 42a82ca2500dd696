#!/usr/bin/env node
// T1 peer, DuckDB (npm @duckdb/node-api, 2 threads): what
// `fdi yoy FILE --as-of 2024-09 --by province,measure` computes.
//   node bench/peers/t1_duckdb.mjs t1   FILE > out.csv
//       province,measure,ytd,ytd_prev,multiple  (252 rows; multiple empty when ytd_prev <= 0)
//   node bench/peers/t1_duckdb.mjs full FILE > out.csv
//       T1-full: year to date and year-over-year multiple for every series
//       (province, partner, measure) and every month; prints the checksum
//       ytd_sum,multiple_count,multiple_sum
// Install once: npm install --prefix bench/peers @duckdb/node-api
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, path] = process.argv.slice(2);
const src = `read_csv_auto('${path.replace(/'/g, "''")}')`;
const queries = {
  t1: `
    SELECT province, measure,
           sum(value_usd_m) FILTER (WHERE period BETWEEN '2024-01' AND '2024-09') AS ytd,
           sum(value_usd_m) FILTER (WHERE period BETWEEN '2023-01' AND '2023-09') AS ytd_prev,
           CASE WHEN ytd_prev > 0 THEN ytd / ytd_prev END AS multiple
    FROM ${src}
    WHERE period BETWEEN '2023-01' AND '2023-09' OR period BETWEEN '2024-01' AND '2024-09'
    GROUP BY province, measure
    ORDER BY province, measure`,
  full: `
    WITH c AS (
      SELECT province, partner, measure, value_usd_m,
             CAST(period[1:4] AS INTEGER) AS y, CAST(period[6:7] AS INTEGER) AS m
      FROM ${src}),
    t AS (
      SELECT *, sum(value_usd_m) OVER (PARTITION BY province, partner, measure, y
                                       ORDER BY m ROWS UNBOUNDED PRECEDING) AS ytd
      FROM c),
    p AS (
      SELECT ytd,
             lag(ytd) OVER w AS ytd_prev, lag(y) OVER w AS y_prev, y
      FROM t
      WINDOW w AS (PARTITION BY province, partner, measure, m ORDER BY y))
    SELECT sum(ytd) AS ytd_sum,
           count(ytd / ytd_prev) FILTER (WHERE y_prev = y - 1 AND ytd_prev > 0) AS multiple_count,
           sum(ytd / ytd_prev) FILTER (WHERE y_prev = y - 1 AND ytd_prev > 0) AS multiple_sum
    FROM p`,
};
if (!(mode in queries)) { console.error('mode: t1 or full'); process.exit(1); }

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run('SET threads=2');
const r = await con.runAndReadAll(queries[mode]);
const cell = (v) => (v === null ? '' : String(v));   // JS numbers: shortest round trip
const lines = [r.columnNames().join(',')];
for (const row of r.getRows()) lines.push(row.map(cell).join(','));
process.stdout.write(lines.join('\n') + '\n');
