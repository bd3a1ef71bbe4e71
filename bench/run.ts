// `npm run bench [name-filter]`: runs every bench/*.bench.ts (or those whose file name contains the
// filter) one after another and prints one table. Exit status 1 when a goal is missed.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from './types.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && (filter === undefined || file.includes(filter)))
  .sort();

const rows: (BenchResult & { bench: string })[] = [];
for (const file of files) {
  const benchmark = ((await import(pathToFileURL(`${dir}${file}`).href)) as { default: Benchmark }).default;
  process.stderr.write(`running ${benchmark.name}…\n`);
  for (const result of await benchmark.run()) rows.push({ ...result, bench: benchmark.name });
}

const format = (value: number) => (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));
const table = rows.map((row) => ({
  benchmark: row.bench,
  measure: row.name,
  value: `${format(row.value)} ${row.unit}`,
  goal: row.goal ?? '',
  ok: row.ok === undefined ? '' : row.ok ? 'yes' : 'NO',
}));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`\n${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 2 ** 30)} GiB\n\n`);
const headers = Object.keys(table[0] ?? { benchmark: '', measure: '', value: '', goal: '', ok: '' }) as (keyof (typeof table)[number])[];
const widths = headers.map((h) => Math.max(h.length, ...table.map((row) => row[h].length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(`${line(headers)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
for (const row of table) process.stdout.write(`${line(headers.map((h) => row[h]))}\n`);
if (rows.some((row) => row.ok === false)) process.exitCode = 1;
