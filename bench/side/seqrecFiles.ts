// Writes the side-by-side SASRec batches and seeded initial weights for the PyTorch reference (bench/reference/seqrec.py).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkpointLayout, createModel, disposeModel } from '../../src/ml/seqrec/model';
import type { SeqRecData } from './seqrec';

/** Writes the batches and the seeded initial weights (float32, HF-style names, [out, in] linear weights) to `dir`. */
export function writeSeqRecFiles(data: SeqRecData, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const { config, batches } = data;
  const b = batches[0].arrays;
  const cat = (f: (x: (typeof batches)[number]) => Int32Array) =>
    Buffer.concat(batches.map((x) => Buffer.from(f(x).buffer, f(x).byteOffset, f(x).byteLength)));
  writeFileSync(
    resolve(dir, 'ids.i32'),
    cat((x) => x.arrays.ids),
  );
  writeFileSync(
    resolve(dir, 'types.i32'),
    cat((x) => x.arrays.types),
  );
  writeFileSync(
    resolve(dir, 'pos.i32'),
    cat((x) => x.arrays.pos),
  );
  writeFileSync(
    resolve(dir, 'flat.i32'),
    cat((x) => x.targets.flat),
  );
  writeFileSync(
    resolve(dir, 'targets.i32'),
    cat((x) => x.targets.items),
  );
  const model = createModel(config, 1);
  const index: { key: string; shape: number[]; offset: number; decay: boolean }[] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [key, v] of model.named) {
    // In a checkpoint's layout: PyTorch's Linear weights are [out, in], RecLens's [in, out] (weightLayout.ts).
    const { shape, data: d } = checkpointLayout(model, key, { shape: [...v.shape], data: v.dataSync() as Float32Array });
    index.push({ key, shape, offset, decay: !model.noDecay.has(key) });
    parts.push(Buffer.from(d.buffer, d.byteOffset, d.byteLength));
    offset += d.length;
  }
  disposeModel(model);
  writeFileSync(resolve(dir, 'weights.f32'), Buffer.concat(parts));
  writeFileSync(
    resolve(dir, 'meta.json'),
    JSON.stringify(
      { config, steps: data.steps, batch: b.batch, len: b.len, targetsPerBatch: batches[0].targets.items.length, weights: index },
      null,
      1,
    ),
  );
}
