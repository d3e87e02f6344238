// The behavior classifier and faithfulness summary in the app: fine-tune the served tiny-bert on the demo's behavior
// descriptions (progress, Cancel), see the token heatmap per class with faithfulness and IG completeness, and the
// per-method faithfulness table with CIs in the Evaluate view.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('fine-tunes a behavior classifier (cancellable) and explains a prediction as a token heatmap', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('load-hosted').click();
  await expect(page.getByTestId('text-model-list').locator('tbody tr')).toHaveCount(1);

  const panel = page.getByTestId('behavior-classifier');
  // Cancel: a long run stops as soon as it reports progress, and no classifier is added.
  await panel.getByTestId('behavior-epochs').fill('20');
  await panel.getByTestId('behavior-users').fill('3000');
  await panel.getByTestId('behavior-train').click();
  const task = page.getByTestId('task').filter({ hasText: 'behavior classifier' });
  await expect(task).toContainText('steps');
  await task.getByRole('button').click();
  await page.waitForFunction(() => window.__reclens!.idle());
  expect(await app.state<unknown[]>('behaviorClassifiers')).toHaveLength(0);

  // A learning rate out of range is refused with its reason, not replaced by the default.
  await panel.getByTestId('behavior-lr').fill('5');
  await panel.getByTestId('behavior-train').click();
  await expect(panel.getByRole('alert')).toContainText('learningRate must be a number in (0, 1] (got 5)');
  expect(await app.state<unknown[]>('behaviorClassifiers')).toHaveLength(0);
  await panel.getByTestId('behavior-lr').fill('');

  await panel.getByTestId('behavior-epochs').fill('2');
  await panel.getByTestId('behavior-users').fill('300');
  await panel.getByTestId('behavior-train').click();
  await expect(panel.getByTestId('behavior-list').locator('li')).toHaveCount(1, { timeout: 120_000 });
  await expect(panel.getByTestId('behavior-list')).toContainText(/validation accuracy 0?\.\d+|validation accuracy 1/);
  await expect(panel.getByTestId('behavior-list')).toContainText(/Example description: “(viewed|clicked|added|bought|saved)/);
  // Held-out metrics beside both baselines, a verdict from the paired ROC-AUC interval, and the calibration chart.
  const report = panel.getByTestId('prediction-report');
  await expect(report.locator('tbody tr')).toHaveCount(7);
  await expect(report.locator('tbody tr').nth(4)).toContainText(/ROC-AUC\s*\d?\.\d+ \[/);
  await expect(report.locator('tbody tr').nth(4).locator('td').nth(3)).toHaveText('0.5 [0.5 – 0.5]');
  await expect(report.getByTestId('prediction-sentence').first()).toContainText(
    /On 60 held-out users \(will not buy: \d+, will buy: \d+\)/,
  );
  await expect(report.getByTestId('prediction-sentence').nth(1)).toContainText(
    /ROC-AUC minus the logistic baseline: -?\d?\.\d+ \[-?\d?\.\d+ – -?\d?\.\d+\]; the interval (is above 0, so it beats|is below 0, so the logistic baseline ranks|covers 0, so no difference)/,
  );
  await expect(report.getByTestId('reliability-chart')).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('behavior-report-en.png') });

  await page.getByRole('button', { name: /Explain/ }).click();
  const explain = page.getByTestId('behavior-explain');
  // No recommender is trained, so the panel offers its own user picker.
  await explain.getByTestId('behavior-user').fill('u2');
  await expect.poll(() => app.state<number>('focusUser')).toBe(1);
  await explain.getByTestId('behavior-method').selectOption('ig');
  await explain.getByTestId('behavior-run').click();
  await expect(explain.getByTestId('token-row')).toHaveCount(2, { timeout: 60_000 });
  await expect(explain.getByTestId('token-row').first()).toContainText('will not buy');
  const tokens = explain.getByTestId('token');
  expect(await tokens.count()).toBeGreaterThan(6);
  await expect(tokens.first()).toHaveAttribute('aria-label', /: -?\d/);
  await expect(explain.getByTestId('behavior-prediction')).toContainText(/Predicted “will (not )?buy”/);
  await expect(explain.getByTestId('behavior-faithfulness')).toContainText(/deletion AUC -?\d.*random order/);
  await expect(explain.getByTestId('behavior-completeness')).toContainText('completeness gap');

  await explain.getByTestId('behavior-method').selectOption('occlusion');
  await explain.getByTestId('behavior-run').click();
  await expect(explain.getByTestId('behavior-faithfulness')).toContainText('Occlusion', { timeout: 60_000 });

  await page.getByTestId('lang-toggle').click();
  await expect(explain.getByTestId('behavior-prediction')).toContainText('预测为');
  await page.getByRole('button', { name: /模型/ }).click();
  await expect(panel.getByTestId('prediction-sentence').first()).toContainText('位留出用户');
  await panel.screenshot({ path: test.info().outputPath('behavior-report-zh.png') });
});

test('Evaluate view: per-method faithfulness with CIs against a random order', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('itemknn');
  await page.getByRole('button', { name: /Evaluate/ }).click();
  const panel = page.getByTestId('faithfulness-summary');
  await panel.getByTestId('faith-users').fill('20');
  await panel.getByTestId('run-faithfulness').click();
  const rows = panel.getByTestId('faith-table').locator('tbody tr');
  await expect(rows).toHaveCount(2, { timeout: 120_000 });
  await expect(rows.first()).toContainText('Occlusion');
  await expect(rows.first().locator('td').nth(1)).toHaveText(/^-?\d?\.\d+ \[-?\d?\.\d+, -?\d?\.\d+\]$/);
  await expect(panel.getByTestId('faith-users-summary')).toContainText('20 users sampled');
  await expect(panel.getByRole('img', { name: 'Deletion AUC per method ± 95% CI' })).toBeVisible();
});
