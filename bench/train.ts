// bench:train — sequence-model training throughput per TF.js backend: in the app (headless Chromium, the ML worker,
// driven through the UI) and in Node, on ml-100k with the SASRec settings bench:rec reports. Each run trains for a
// fixed wall-clock budget; steps/s comes from the worker's own progress reports.
// Usage: npx tsx bench/train.ts [--budget SEC] [--backends wasm,webgl,webgpu]
// WebGPU is not in the default list: without a GPU, Chromium's WebGPU is SwiftShader, where one SASRec step on ml-100k
// is so slow that a first 60 s run here had not finished after ten minutes; name it on a machine with a GPU.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { initBackend } from '../src/ml/backend';
import { enableRelaxedSimd } from '../src/cli/relaxedSimd';
import { SeqRecommender } from '../src/ml/seqrec';
import { loadEvents } from '../src/data/csv/load';
import { fileSource } from '../src/cli/files';
import { leaveOneOutSplit, trainData } from '../src/rec/split';
import { ROOT, fmt, machine, readNewestJson, today, writeJson, writeSection } from './lib/report';
import { launchChromium, startPreview } from './lib/browser';

const { values: args } = parseArgs({
  options: { budget: { type: 'string', default: '60' }, backends: { type: 'string', default: 'wasm,webgl' } },
});
const BUDGET = Number(args.budget);
const DATA = resolve(ROOT, '../shared/data/ml-100k/u.data');

/**
 * bench:rec's newest SASRec run on ml-100k: its settings and the epoch count after which it reached its reported
 * quality — the final fit's (on train + validation) where there is one, else the early-stopping best epoch.
 */
type RecSettings = { dropout: number; batchSize: number; maxLen: number; randomWindows: number };
function recRun(): { settings: RecSettings; epochsToQuality: number; file: string } | undefined {
  type Rec = {
    results: {
      dataset: string;
      rows: { model: string; training?: { bestEpoch?: number; refit?: { epochs: number }; config: RecSettings } }[];
    }[];
  };
  const rec = readNewestJson<Rec>('rec');
  const t = rec?.data.results.find((r) => r.dataset === 'ml-100k')?.rows.find((r) => r.model === 'sasrec')?.training;
  const epochs = t?.refit?.epochs ?? t?.bestEpoch;
  if (!rec || !t || !epochs) return undefined;
  const { dropout, batchSize, maxLen, randomWindows } = t.config;
  return { settings: { dropout, batchSize, maxLen, randomWindows }, epochsToQuality: epochs, file: rec.file };
}
const REC = recRun();
// SASRec as bench:rec trains it on ml-100k (which reports its quality), with validation every epoch.
const SETTINGS = {
  ...(REC?.settings ?? ({ dropout: 0.2, batchSize: 32, maxLen: 200, randomWindows: 0.5 } as RecSettings)),
  maxEpochs: 1000,
  patience: 1000,
};

interface Run {
  where: string;
  backend: string;
  adapter?: string;
  epochs: number;
  steps: number;
  seconds: number;
  stepsPerSec: number;
  note?: string;
}

async function inBrowser(backend: string): Promise<Run> {
  const preview = await startPreview();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(preview.url);
    await page.waitForFunction(() => window.__reclens?.idle() && window.__reclens.state().datasets.length > 0, null, { timeout: 120_000 });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Choose files/ }).click();
    await (await chooser).setFiles(DATA);
    await page.getByTestId('import-load').click();
    await page.waitForFunction(
      () => window.__reclens!.idle() && window.__reclens!.state().datasets.some((d) => d.summary.events === 100_000),
      null,
      { timeout: 120_000 },
    );
    await page.getByTestId('backend-select').selectOption(backend);
    await page.waitForFunction(
      (b) => window.__reclens!.state().backend?.backend === b && !window.__reclens!.state().backendPending,
      backend,
      { timeout: 120_000 },
    );
    const adapter = await page.evaluate(() => JSON.stringify(window.__reclens!.state().backend));
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Model/ }).click();
    await page.getByTestId('model-select').selectOption('sasrec');
    // The settings JSON sits behind a disclosure that starts collapsed.
    await page.getByTestId('settings-json').locator('summary').click();
    await page.getByTestId('model-settings').fill(JSON.stringify({ ...SETTINGS, timeBudgetSec: BUDGET }));
    await page.getByTestId('train').click();
    // Keep the last progress report of the run (the task disappears when training ends).
    const last = await page.evaluate(
      (budget) =>
        new Promise<Record<string, number>>((done, fail) => {
          let seen: Record<string, number> = {};
          const timer = setInterval(() => {
            const s = window.__reclens!.state();
            const task = Object.values(s.tasks)[0];
            const detail = task?.trail.at(-1);
            if (detail) seen = detail as Record<string, number>;
            if (s.trainedModels.length === 1 && !task) {
              clearInterval(timer);
              done(seen);
            }
          }, 200);
          setTimeout(
            () => {
              clearInterval(timer);
              fail(new Error('training did not finish'));
            },
            (budget + 600) * 1000,
          );
        }),
      BUDGET,
    );
    const info = await page.evaluate(() => window.__reclens!.state().trainedModels[0]);
    return {
      where: 'Chromium (app, ML worker)',
      backend: info.backend,
      adapter,
      epochs: info.curve.length,
      steps: last.step,
      seconds: info.trainSeconds,
      stepsPerSec: last.stepsPerSec,
      note: info.notices.join(' ') || undefined,
    };
  } finally {
    await browser.close();
    preview.stop();
  }
}

async function inNode(): Promise<Run> {
  // Node's side runs the kernels the CLI runs: the kernels' fused multiply-add twins (Node 20 needs the flag).
  enableRelaxedSimd();
  await initBackend('wasm');
  const loaded = await loadEvents(fileSource(DATA));
  if (!loaded.ok) throw new Error(loaded.reason);
  const split = leaveOneOutSplit(loaded.data.log);
  const model = new SeqRecommender('sasrec', { ...SETTINGS, timeBudgetSec: BUDGET });
  await model.fit(trainData(split), { seed: 1 });
  const fit = model.lastFit!;
  model.dispose();
  return {
    where: 'Node (same core)',
    backend: 'wasm',
    epochs: fit.epochs,
    steps: fit.steps,
    seconds: fit.seconds,
    stepsPerSec: fit.steps / fit.seconds,
  };
}

if (!existsSync(DATA)) {
  console.log(`skipped: ${DATA} is absent`);
  process.exit(0);
}
const loadStart = loadavg()[0];
execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
const runs: Run[] = [];
for (const b of args.backends!.split(',')) {
  try {
    runs.push(await inBrowser(b));
  } catch (e) {
    runs.push({
      where: 'Chromium (app, ML worker)',
      backend: b,
      epochs: 0,
      steps: 0,
      seconds: 0,
      stepsPerSec: 0,
      note: `failed: ${(e as Error).message.split('\n')[0]}`,
    });
  }
  console.log(runs.at(-1));
}
runs.push(await inNode());
console.log(runs.at(-1));

// bench:rec's SASRec run on ml-100k reached its reported NDCG@10 after EPOCHS_TO_QUALITY epochs; the same number of steps at each
// backend's rate gives the time to that quality (derived, not a separate training run per backend).
const STEPS_PER_EPOCH = Math.ceil(943 / SETTINGS.batchSize);
const EPOCHS_TO_QUALITY = REC?.epochsToQuality;
writeJson('train', {
  date: today(),
  machine: machine(),
  loadStart,
  budgetSec: BUDGET,
  settings: SETTINGS,
  recResults: REC?.file,
  bestEpoch: EPOCHS_TO_QUALITY,
  runs,
});
const toQuality = (r: Run) =>
  EPOCHS_TO_QUALITY && r.stepsPerSec > 0 ? `${fmt((EPOCHS_TO_QUALITY * STEPS_PER_EPOCH) / r.stepsPerSec, 0)} s` : '–';
writeSection(
  'train',
  `## Training throughput (\`npm run bench:train\`)

SASRec on ml-100k (943 users, 1682 items; settings as bench:rec: ${JSON.stringify(SETTINGS).replace(/"/g, '')}), trained for a ${BUDGET} s budget per backend.
Machine: ${machine()}, no GPU (WebGPU here is Chromium's SwiftShader, a CPU emulation); 1-minute load average at start ${fmt(loadStart, 2)}. Date: ${today()}.
${EPOCHS_TO_QUALITY ? `"Time to reported quality" = the ${EPOCHS_TO_QUALITY * STEPS_PER_EPOCH} steps (${EPOCHS_TO_QUALITY} epochs × ${STEPS_PER_EPOCH}) bench:rec's SASRec trained for its reported NDCG@10 (bench/results/${REC!.file}; the final fit's, or the best validation epoch's), at this backend's rate (derived).` : 'No bench:rec result was found, so no time to reported quality is derived.'}

| where | backend | epochs | steps | s | steps/s | time to reported quality | note |
|---|---|---|---|---|---|---|---|
${runs.map((r) => `| ${r.where} | ${r.backend} | ${r.epochs} | ${r.steps} | ${fmt(r.seconds, 1)} | ${fmt(r.stepsPerSec, 2)} | ${toQuality(r)} | ${r.note ?? ''} |`).join('\n')}

No GPU machine was lent to this task, so no real-GPU figure is reported.
`,
);
console.log('wrote BENCHMARKS.md');
