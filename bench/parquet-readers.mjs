// The measurement behind the choice of Parquet reader (#22): decode rows/s of hyparquet (+ hyparquet-compressors) and
// parquet-wasm (+ apache-arrow) on the same files, every column read to a value. Not part of `npm run bench`: the
// candidates it compares against are not dependencies. To rerun:
//   npm install --prefix /tmp/pqcmp parquet-wasm@0.6 apache-arrow
//   ln -s "$PWD/node_modules/hyparquet" "$PWD/node_modules/hyparquet-compressors" /tmp/pqcmp/node_modules/
//   cp bench/parquet-readers.mjs /tmp/pqcmp/ && node /tmp/pqcmp/parquet-readers.mjs bench/out/*.parquet
// (bench/out/*.parquet are written by `BENCH_INGEST_ONLY=formats npm run bench:ingest`.) Bundle bytes: each reader's
// entry points bundled by esbuild --minify, plus parquet-wasm's .wasm, gzip -9.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { tableFromIPC } from 'apache-arrow';

const wasm = createRequire(import.meta.url)('./node_modules/parquet-wasm/node/parquet_wasm.js');
const REPS = Number(process.env.REPS ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(readFileSync(file));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const rows = Number(parquetMetadata(buffer).num_rows);
  const hy = [],
    pw = [];
  // One warm-up round, then REPS timed ones, alternating so that load on the machine hits both alike.
  for (let r = 0; r <= REPS; r++) {
    let t = performance.now();
    let seen = 0;
    await parquetRead({
      file: buffer,
      compressors,
      onChunk: (c) => {
        for (let i = 0; i < c.columnData.length; i++) seen += c.columnData[i] == null ? 0 : 1;
      },
    });
    const hySeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const table = tableFromIPC(wasm.readParquet(bytes).intoIPCStream());
    for (const field of table.schema.fields) {
      const values = table.getChild(field.name).toArray();
      for (let i = 0; i < values.length; i++) seen += values[i] == null ? 0 : 1;
    }
    const pwSeconds = (performance.now() - t) / 1000;
    if (seen === 0) throw new Error(`${file}: no value read`);
    if (r > 0) {
      hy.push(rows / hySeconds);
      pw.push(rows / pwSeconds);
    }
  }
  console.log(JSON.stringify({ file, rows, hyparquet: Math.round(median(hy)), parquetWasm: Math.round(median(pw)) }));
}
