// `reclens ingest`: parse an events file (and optional item catalog) and report what was accepted and rejected.
import { loadEvents, loadItems } from '../../data/csv/load';
import { summarise } from '../../data/summary';
import { CliError, parse, printJson, type Command } from '../command';
import { fileSource } from '../files';
import { parseSampleFraction } from '../../data/csv/sampleUsers';

const usage =
  'reclens ingest <events-file> [--items <items-file>] [--map user=COL,item=COL,event=COL,time=COL,value=COL] [--sample-users P [--sample-seed N]] [--max-line-bytes N] [--json]';

export const ingestCommand: Command = {
  name: 'ingest',
  summary:
    'Parse a behavior log (CSV/TSV, gzip-compressed or Parquet); report rows accepted and rejected (file, line or row, column, reason), users, items, events per type.',
  usage,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        items: { type: 'string' },
        map: { type: 'string' },
        'items-map': { type: 'string' },
        json: { type: 'boolean' },
        'sample-users': { type: 'string' },
        'sample-seed': { type: 'string' },
        'max-line-bytes': { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`expected one events file\nusage: ${usage}`);
    const sample = sampleOption(values['sample-users'], values['sample-seed']);
    const maxLineBytes = maxLineBytesOption(values['max-line-bytes']);
    const loaded = await loadEvents(fileSource(positionals[0]), { mapSpec: values.map, sample, maxLineBytes });
    if (!loaded.ok) throw new CliError(loaded.reason);
    const { log, report } = loaded.data;
    const warnings = [...report.warnings];
    let itemReport = null;
    if (values.items) {
      const items = await loadItems(fileSource(values.items), { mapSpec: values['items-map'], maxLineBytes });
      if (!items.ok) throw new CliError(items.reason);
      itemReport = items.data.report;
      warnings.push(...itemReport.warnings);
      const known = new Set(items.data.catalog.ids);
      const missing = log.items.filter((id) => !known.has(id)).length;
      if (missing) warnings.push(`${missing} item(s) in the events are missing from ${itemReport.file}`);
    }
    const summary = summarise(log);
    const out = {
      rows: report.rows,
      accepted: report.accepted,
      rejected: report.rejected,
      // Every line once: physicalLines = headerLines + blankLines + continuationLines + rows (README, Validation).
      physicalLines: report.physicalLines,
      headerLines: report.headerLines,
      blankLines: report.blankLines,
      continuationLines: report.continuationLines,
      users: summary.users,
      items: summary.items,
      events: summary.eventsByType,
      timeRange: summary.timeRange,
      rejectedRows: report.rejectedRows,
      rejectedByReason: report.rejectedByReason,
      warnings,
      mapping: describeMapping(report.mapping.roles, report.header),
      timeFormat: report.mapping.timeFormat,
      ...(report.format ? { format: report.format } : {}),
      encoding: report.encoding,
      delimiter: report.dialect.delimiter,
      header: report.header !== null,
      ...(itemReport
        ? {
            catalog: {
              rows: itemReport.rows,
              accepted: itemReport.accepted,
              rejected: itemReport.rejected,
              physicalLines: itemReport.physicalLines,
              blankLines: itemReport.blankLines,
              rejectedRows: itemReport.rejectedRows,
            },
          }
        : {}),
      ...(report.sample ? { sample: report.sample } : {}),
      seconds: report.seconds,
    };
    if (values.json) printJson(out);
    else {
      process.stdout.write(
        `${report.file}: ${out.accepted} of ${out.rows} rows accepted, ${out.rejected} rejected; ${out.users} users, ${out.items} items\n`,
      );
      // A Parquet table has rows but no lines; a rejected row's "line" is its row number.
      process.stdout.write(
        report.format === 'parquet'
          ? `  ${out.rows} rows in a Parquet table (a rejected row is named by its row number)\n`
          : `  ${out.physicalLines} lines: ${out.headerLines} header, ${out.blankLines} blank, ${out.continuationLines} inside quoted fields, ${out.rows} rows\n`,
      );
      for (const [t, n] of Object.entries(out.events)) process.stdout.write(`  ${t}: ${n}\n`);
      for (const r of out.rejectedRows.slice(0, 10)) process.stdout.write(`  rejected ${r.file}:${r.line}:${r.column} ${r.reason}\n`);
      for (const w of warnings) process.stdout.write(`  warning: ${w}\n`);
    }
    return 0;
  },
};

/** `--sample-users 0.1` (or `10%`) keeps about a tenth of the users with all their events; `--sample-seed` picks which. */
function sampleOption(fraction: string | undefined, seed: string | undefined) {
  if (fraction === undefined) {
    if (seed !== undefined) throw new CliError('--sample-seed needs --sample-users');
    return undefined;
  }
  const p = parseSampleFraction(fraction);
  if (!p.ok) throw new CliError(`--sample-users: ${p.reason}`);
  const n = seed === undefined ? undefined : Number(seed);
  if (n !== undefined && !Number.isInteger(n)) throw new CliError(`--sample-seed must be an integer, not "${seed}"`);
  return { fraction: p.data, seed: n };
}

/** `--max-line-bytes 65536`: a line longer than this is rejected whole (default 1 MiB). */
function maxLineBytesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--max-line-bytes must be a positive whole number of bytes, not "${value}"`);
  return n;
}

function describeMapping(roles: Record<string, number | undefined>, header: string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [role, col] of Object.entries(roles)) if (col !== undefined) out[role] = header?.[col] ?? `column ${col + 1}`;
  return out;
}
