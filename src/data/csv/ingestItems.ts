// Turns an item catalog file (id, title, description, category, price) into an ItemCatalog, reporting bad rows.
import { fail, ok, type Result } from '../../lib/result';
import { progressTracker, type Progress } from '../../lib/progress';
import type { ProgressBytes } from './source';
import type { ItemCatalog } from '../eventLog';
import type { ColumnMapping } from './columns';
import { batchesOf, type FileShape, type ReadLimits, type ReadStats, type RowReader } from './reader';
import { placeRejected, RejectionLog, type IngestReport } from './report';
import { describeCodeUnit, forbiddenAt, trimId } from './cells';

/** MovieLens 100K's u.genre order: u.item ends with one 0/1 flag per genre. */
export const ML100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/** Columns at the end of the row that hold only 0/1 flags in the sample (MovieLens genre one-hots). */
export function detectFlagColumns(shape: FileShape): number[] {
  const flags: number[] = [];
  for (let c = shape.width - 1; c >= 0; c--) {
    if (shape.sample.length && shape.sample.every((r) => r[c] === '0' || r[c] === '1')) flags.unshift(c);
    else break;
  }
  return flags.length >= 3 ? flags : [];
}

export interface IngestItemsOptions {
  mapping: ColumnMapping;
  /** One-hot category columns; named by ML100K_GENRES when there are 19, else by header or position. */
  flagColumns?: number[];
  limits?: ReadLimits;
  onProgress?: (p: Progress) => void;
  /** Progress in other bytes than the text read (a compressed file's own bytes): their total and a reading of those done. */
  progressBytes?: ProgressBytes;
  signal?: AbortSignal;
}

export async function ingestItems(
  chunks: AsyncIterable<Uint8Array> | RowReader,
  shape: FileShape,
  options: IngestItemsOptions,
): Promise<Result<{ catalog: ItemCatalog; report: IngestReport }>> {
  const { roles } = options.mapping;
  if (roles.item === undefined) return fail(`${shape.file}: no column is mapped to "item"`);
  const outside = Object.values(roles).find((c) => c < 0 || c >= shape.width);
  if (outside !== undefined) return fail(`${shape.file}: column ${outside + 1} is mapped but rows have ${shape.width} fields`);
  const started = performance.now();
  const flags = options.flagColumns ?? [];
  const flagNames = flags.length === ML100K_GENRES.length ? ML100K_GENRES : flags.map((c) => shape.header?.[c] ?? `flag ${c + 1}`);
  const col = (role: keyof typeof roles) => roles[role] ?? -1;
  const [idC, titleC, descC, catC, brandC, priceC] = [
    col('item'),
    col('title'),
    col('description'),
    col('category'),
    col('brand'),
    col('price'),
  ];
  const ids: string[] = [],
    title: string[] = [],
    description: string[] = [],
    category: string[] = [],
    brand: string[] = [],
    price: number[] = [];
  const seen = new Set<string>();
  const rejections = new RejectionLog(shape.file);
  const stats: ReadStats = { blankLines: 0 };
  const track = progressTracker(`Parsing ${shape.file}`, 'bytes', options.progressBytes?.total ?? shape.bytes);
  let rows = 0;
  // Catalogs are small: every column is kept, so `row[c]` below is column c of the file.
  const all = Array.from({ length: shape.width }, (_, c) => c);
  for await (const batch of batchesOf(chunks, shape, all, stats, options.signal, options.limits)) {
    for (let r = 0; r < batch.count; r++) {
      const row = all.map((c) => batch.cell(c, r));
      const line = batch.lines[r];
      const fieldCount = batch.widths[r];
      rows++;
      const bad = batch.problems.get(r);
      if (bad) {
        rejections.add(line, bad.column, bad.kind, bad.reason, bad.byte);
        continue;
      }
      if (fieldCount !== shape.width) {
        rejections.add(
          line,
          Math.min(fieldCount, shape.width) + 1,
          'wrong field count',
          `expected ${shape.width} fields, found ${fieldCount}`,
        );
        continue;
      }
      const id = trimId(row[idC]);
      if (!id) {
        rejections.add(line, idC + 1, 'empty item', 'empty item id');
        continue;
      }
      const at = forbiddenAt(id, 0, id.length);
      if (at >= 0) {
        rejections.add(
          line,
          idC + 1,
          'control character',
          `item column${shape.header ? ` "${shape.header[idC]}"` : ` ${idC + 1}`} holds ${describeCodeUnit(id.charCodeAt(at))}`,
        );
        continue;
      }
      if (seen.has(id)) {
        rejections.add(line, idC + 1, 'duplicate item', `item "${id.slice(0, 40)}" appears earlier in the file`);
        continue;
      }
      let p = NaN;
      if (priceC >= 0 && row[priceC].trim() !== '') {
        p = Number(row[priceC]);
        if (!Number.isFinite(p)) {
          rejections.add(line, priceC + 1, 'bad price', `price "${row[priceC].slice(0, 40)}" is not a number`);
          continue;
        }
      }
      seen.add(id);
      ids.push(id);
      title.push(titleC >= 0 ? row[titleC].trim() : id);
      description.push([descC >= 0 ? row[descC].trim() : '', brandC >= 0 ? row[brandC].trim() : ''].filter(Boolean).join(' — '));
      const flagged = flags.filter((c) => row[c] === '1').map((c) => flagNames[flags.indexOf(c)]);
      category.push(catC >= 0 ? row[catC].trim() : flagged.join('|'));
      brand.push(brandC >= 0 ? row[brandC].trim() : '');
      price.push(p);
    }
    if (batch.chunkEnd) options.onProgress?.(track(options.progressBytes?.done() ?? batch.bytesRead, { rows }));
  }
  const catalog: ItemCatalog = { ids, title, description, category, ...(brandC >= 0 ? { brand } : {}), price: Float64Array.from(price) };
  const warnings = [...shape.warnings];
  if (stats.blankLines) warnings.push(`${shape.file}: ${stats.blankLines} blank line(s) skipped`);
  const report: IngestReport = {
    file: shape.file,
    encoding: shape.encoding,
    dialect: shape.dialect,
    header: shape.header,
    mapping: options.mapping,
    rows,
    accepted: ids.length,
    rejected: rejections.count,
    blankLines: stats.blankLines,
    physicalLines: stats.lines ?? 0,
    headerLines: stats.headerLines ?? 0,
    continuationLines: stats.continuationLines ?? 0,
    rejectedRows: rejections.details.map((d) => placeRejected(d, 0, 0)),
    rejectedByReason: rejections.byReason,
    warnings,
    bytes: shape.bytes,
    seconds: (performance.now() - started) / 1000,
    ...(shape.format ? { format: shape.format } : {}),
  };
  return ok({ catalog, report });
}

/** Catalog from a file first, gaps filled from attributes found in the events file. */
export function mergeCatalogs(primary: ItemCatalog | null, secondary: ItemCatalog | null): ItemCatalog | null {
  if (!primary || !secondary) return primary ?? secondary;
  const known = new Set(primary.ids);
  const extra = secondary.ids.map((id, i) => (known.has(id) ? -1 : i)).filter((i) => i >= 0);
  return {
    ids: [...primary.ids, ...extra.map((i) => secondary.ids[i])],
    title: [...primary.title, ...extra.map((i) => secondary.title[i])],
    description: [...primary.description, ...extra.map((i) => secondary.description[i])],
    category: [...primary.category, ...extra.map((i) => secondary.category[i])],
    ...(primary.brand || secondary.brand
      ? { brand: [...(primary.brand ?? primary.ids.map(() => '')), ...extra.map((i) => secondary.brand?.[i] ?? '')] }
      : {}),
    price: Float64Array.from([...primary.price, ...extra.map((i) => secondary.price[i])]),
  };
}
