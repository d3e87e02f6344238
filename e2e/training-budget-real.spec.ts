// Training on ml-100k (#20 "Training"): a sequence model under an epoch budget says what it planned, keeps its curve
// (two labelled axes) in a card after training, the task bar reads rates and m:ss ETAs, and "Train longer" continues
// the model. A short budget and a small network keep it quick. Skipped when ../shared/data/ml-100k is absent.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp, skipUnlessMl100k } from './app';

const SHOTS = process.env.RECLENS_SHOTS;

skipUnlessMl100k();

interface Trained {
  curve: { epoch: number }[];
  epochBudget?: { epochs: number; budgetSec: number };
  stop?: { by: string; epochs: number; bestEpoch?: number; checksAfterBest: number };
  savedAs?: string;
}

test('ml-100k SASRec under an epoch budget: planned epochs shown, curve kept, train longer continues it', async ({ page }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k({ items: true });

  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  // The default settings carry the two-minute budget, not a fixed epoch count.
  await expect(app.modelSettings()).toHaveValue(/"epochBudgetSec": 120/);
  await app.setModelSettings('{"epochBudgetSec": 20, "hidden": 16, "layers": 1, "heads": 1, "batchSize": 256}');
  await page.getByTestId('train').click();
  // "0.71 steps/s · ETA 0:12": two significant digits and a clock, never "1,154.2 s".
  await expect(page.getByTestId('task').locator('.task-figures')).toHaveText(/steps\/s · ETA \d+:\d\d$/, { timeout: 60_000 });
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  const first = await app.state<Trained>('trainedModels.0');
  expect(first.epochBudget?.budgetSec).toBe(20);
  expect(first.curve.length).toBeLessThanOrEqual(first.epochBudget!.epochs);
  const card = page.getByTestId('model-curve');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('epoch-budget')).toHaveText(
    new RegExp(`^Epoch budget 0:20 at [\\d.,]+ steps/s → epochs planned: ${first.epochBudget!.epochs}`),
  );
  // Two labelled axes over the full width of the panel.
  const chart = card.getByTestId('model-curve-chart');
  await expect(chart).toContainText('training loss');
  await expect(chart).toContainText('early-stopping NDCG@10');
  const [chartBox, cardBox] = [await chart.boundingBox(), await card.boundingBox()];
  expect(chartBox!.width).toBeGreaterThan(0.85 * cardBox!.width);
  // Why it ended where it did, only where the fit's record says early stopping ended it.
  const stop = first.stop!;
  expect(stop.epochs).toBe(first.curve.at(-1)!.epoch);
  if (stop.by === 'early-stopping')
    await expect(card.getByTestId('fit-stop')).toHaveText(
      `Early stopping ended it after epoch ${stop.epochs}: every validation check since epoch ${stop.bestEpoch} (${stop.checksAfterBest} in all) was below its best.`,
    );
  else await expect(card.getByTestId('fit-stop')).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'model-en.png'), fullPage: true });

  await card.getByTestId('train-longer').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 2 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  const longer = await app.state<Trained>('trainedModels.1');
  // The continued run counts on from the epochs already trained.
  expect(longer.curve[0].epoch).toBe(first.curve.at(-1)!.epoch + 1);
  await expect(page.getByTestId('model-curve')).toHaveCount(2);
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('epoch-budget').first()).toHaveText(/^轮数预算 0:20/);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'model-zh.png'), fullPage: true });
});
