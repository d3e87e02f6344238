// The analyst's journey on real data (#20 "Checks"), end to end on ml-100k as a new user takes it: load u.data with
// u.item, train the Model view's default sequence model with its default settings (the two-minute epoch budget) and
// EASE beside it, recommend for a user, explain one recommendation, evaluate with the paired comparison, discover a
// causal graph and estimate an effect on it (rating_mean split at its median), download the report (every model and the dataset named), check that no
// view scrolls sideways at 1280×720, then reload and find the session back. Skipped when ../shared/data/ml-100k is
// absent. RECLENS_SHOTS=<folder> saves a screenshot of every view there.
//
// Time: the default SASRec planned 6–7 epochs for its 120 s budget and trained them in 75–118 s; the whole journey took
// 2.0 min on the 2-core machine when quiet and 2.8–3.2 min under load (load average 13). With #23's training kernels
// (2026-12-07, another 2-core machine) it planned and trained 37 epochs in 113 s, and the journey took 2.3 min. The limit, 15 minutes, leaves
// room for a slower machine (training may run past its budget when the measured step rate drops).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp, skipUnlessMl100k } from './app';

skipUnlessMl100k();
test.use({ viewport: { width: 1280, height: 720 } });

const SHOTS = process.env.RECLENS_SHOTS;
const VIEWS = ['Data', 'Model', 'Recommend', 'Explain', 'Causal', 'Evaluate'];

const nav = (page: Page, view: string) =>
  page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: new RegExp(view) })
    .click();

const idle = (page: Page, timeout = 120_000) => page.waitForFunction(() => window.__reclens!.idle(), null, { timeout });

interface Journey {
  datasets: string[];
  models: string[];
  evaluations: number;
  edges: number;
  effect: string | null;
}

/** What the session holds: dataset names, trained models, evaluations, and the causal graph's edges and effect. */
const session = (page: Page) =>
  page.evaluate((): Journey => {
    const s = window.__reclens!.state();
    return {
      datasets: s.datasets.map((d) => d.name),
      models: s.trainedModels.map((m) => m.name).sort(),
      evaluations: s.evaluations.length,
      edges: s.causalGraph?.dag.edges.length ?? 0,
      effect: s.causalEffect
        ? `${s.causalEffect.request.treatment} ≥ ${s.causalEffect.request.threshold ?? '-'} -> ${s.causalEffect.request.outcome}`
        : null,
    };
  });

test('ml-100k journey: load, default training, recommend, explain, evaluate, causal, report, no sideways scroll, reload', async ({
  page,
}) => {
  test.setTimeout(900_000);
  const started = Date.now();
  // Each step's time since the start, in the test's annotations and the run's output (the figures quoted above).
  const lap = (step: string) => {
    const description = `${step}: ${Math.round((Date.now() - started) / 1000)} s`;
    test.info().annotations.push({ type: 'time', description });
    console.log(description);
  };
  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k({ items: true });
  await expect(page.getByTestId('dataset-name')).toHaveText('ml-100k');
  lap('loaded');

  // The default sequence model with the defaults as the Model view offers them: a two-minute epoch budget, no edits.
  await nav(page, 'Model');
  await page.getByTestId('model-select').selectOption('sasrec');
  await expect(app.modelSettings()).toHaveValue(/"epochBudgetSec": 120/);
  await expect(app.modelSettings()).toBeHidden();
  await page.getByTestId('train').click();
  // Budget 120 s plus the validation passes and the save; the limit leaves room for a busy machine.
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 420_000,
  });
  const sasrec = await page.evaluate(() => window.__reclens!.state().trainedModels[0]);
  expect(sasrec.name).toBe('sasrec');
  expect(sasrec.validation?.ndcg10).toBeGreaterThan(0);
  lap(`sasrec trained (${sasrec.curve.length} of ${sasrec.epochBudget?.epochs} planned epochs in ${Math.round(sasrec.trainSeconds)} s)`);
  await app.trainModel('ease', 2);
  lap('ease trained');

  // Recommend for a user: ten titled recommendations beside their history.
  await nav(page, 'Recommend');
  await page.getByTestId('user-input').fill('1');
  await expect(page.getByTestId('recommendations').locator('li .title')).toHaveCount(10);
  await expect(page.getByTestId('history').getByTestId('event-value').first()).toHaveText(/^[1-5]$/);

  // Explain one of user 1's recommendations (the top one, as the view picks it).
  await nav(page, 'Explain');
  await page.getByTestId('explain-user').fill('1');
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  await idle(page);
  await expect(page.getByTestId('reason').first()).toBeVisible();
  lap('explained');

  // Evaluate both models, with the paired difference between them on the same users.
  await nav(page, 'Evaluate');
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length >= 2 && window.__reclens!.idle(), null, {
    timeout: 300_000,
  });
  await expect(page.getByTestId('metrics-table').locator('tbody tr')).toHaveCount(2);
  const paired = page.getByTestId('paired-table').locator('tbody tr').first();
  await expect(paired).toContainText('943');
  expect(await paired.getAttribute('data-verdict')).toMatch(/^(higher|lower|none)$/);
  lap('evaluated');

  // Causal: discover a graph over the per-user variables, then estimate an effect on it with the view's defaults.
  await nav(page, 'Causal');
  await expect(page.getByText('943 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  // The log's funnel order orders none of a rating log's variables, and the note under the box says so.
  await expect(page.getByTestId('causal-tiers')).toHaveValue('');
  await expect(page.getByTestId('causal-tiers-status')).toContainText("The log's timestamps give no order among the variables picked here");
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalGraph !== null, null, { timeout: 180_000 });
  await expect(page.getByTestId('causal-message')).toHaveCount(0);
  const edges = await page.getByTestId('dag-edge').count();
  expect(edges).toBeGreaterThan(0);
  // An effect: a rating log's per-user variables are continuous, so the default treatment, rating_mean, is split at
  // its median (shown, editable); estimate its effect on spanDays with the view's other defaults.
  await expect(page.getByTestId('treatment')).toHaveValue('rating_mean');
  const threshold = await page.getByTestId('treatment-threshold').inputValue();
  await page.getByTestId('outcome').selectOption('spanDays');
  await page.getByTestId('estimate').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalEffect !== null, null, { timeout: 120_000 });
  const splitText = `Treatment rating_mean ≥ ${threshold} vs below: `;
  await expect(page.getByTestId('effect-split')).toContainText(splitText);
  await expect(page.getByTestId('estimates').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('no-binary-treatment')).toHaveCount(0);
  lap('causal');

  // The report names the dataset and every trained model, and carries the causal analysis.
  await page.getByTestId('report-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  const html = await readFile((await (await download).path())!, 'utf8');
  const viewer = await page.context().newPage();
  await viewer.setContent(html);
  await expect(viewer.locator('#data article.dataset h3').filter({ hasText: 'ml-100k' })).toHaveCount(1);
  const cards = viewer.locator('#models .dataset-models').filter({ hasText: 'ml-100k' }).locator('article[data-model] h4');
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: 'Model card: sasrec' })).toHaveCount(1);
  await expect(cards.filter({ hasText: 'Model card: ease' })).toHaveCount(1);
  await expect(viewer.locator('#causal figure svg')).toHaveCount(1);
  await expect(
    viewer
      .locator('#causal h3')
      .filter({ hasText: `rating_mean ≥ ${threshold} vs below` })
      .first(),
  ).toBeVisible();
  await expect(viewer.locator('#causal [data-split]')).toContainText(splitText);
  await viewer.close();
  lap('report');

  // Every view, filled as the journey left it, fits 1280 px: the page itself never scrolls sideways.
  for (const view of VIEWS) {
    await nav(page, view);
    await idle(page);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways, `${view} view scrolls sideways by ${sideways} px`).toBeLessThanOrEqual(0);
    // The Model view still shows the model chosen last (ease), not its first entry.
    if (view === 'Model') await expect(page.getByTestId('model-select')).toHaveValue('ease');
    // The causal-vs-traditional table fits its panel: nothing hidden past its right edge.
    if (view === 'Evaluate') {
      const hidden = await page
        .getByTestId('causal-compare')
        .locator('.table-scroll')
        .evaluate((b) => b.scrollWidth - b.clientWidth);
      expect(hidden, `the causal-vs-traditional table is cut by ${hidden} px`).toBeLessThanOrEqual(0);
    }
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `journey-${view.toLowerCase()}.png`), fullPage: true });
  }

  // A reload brings the session back: the dataset, both models, their evaluations, the causal graph and effect.
  const before = await session(page);
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(
    (want) => {
      const s = window.__reclens!.state();
      return (
        window.__reclens!.idle() &&
        s.trainedModels.length === want.models &&
        s.evaluations.length === want.evaluations &&
        s.causalGraph !== null
      );
    },
    { models: before.models.length, evaluations: before.evaluations },
    { timeout: 180_000 },
  );
  expect(await session(page)).toEqual(before);
  await nav(page, 'Evaluate');
  await expect(page.getByTestId('metrics-table').locator('tbody tr')).toHaveCount(2);
  await nav(page, 'Causal');
  await expect(page.getByTestId('dag-edge')).toHaveCount(edges);
  await expect(page.getByTestId('effect-split')).toContainText(splitText);
  await expect(page.getByTestId('treatment-threshold')).toHaveValue(threshold);
  // RELOAD: the text model, the fine-tuned behavior classifier and the last explanation (another item of #20) are
  // checked here once a reload restores them.
  lap('reloaded');
});
