// Attention that can be read, on the demo with a 2-layer, 2-head SASRec: the head view has item labels on both axes,
// a layer/head picker with the mean over heads and a zoom to the newest N positions; the rollout strip has one bar per
// shown position; the caveat's verdict matches its own figures; empty cells take each theme's low colour (no white
// squares in the dark theme) and axe-core finds nothing serious in the panel. With RECLENS_SHOTS=<dir> it also saves
// 1280×720 screenshots in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

test.use({ viewport: { width: 1280, height: 720 } });

const shots = process.env.RECLENS_SHOTS;

async function shoot(page: Page, name: string) {
  if (!shots) return;
  await page.getByTestId('attention-head').scrollIntoViewIfNeeded();
  await page.getByTestId('attention').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${shots}/${name}-head.png` });
  await page.getByTestId('rollout').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.screenshot({ path: `${shots}/${name}-rollout.png` });
}

/** axe-core's serious or critical findings inside the attention panel. */
async function axeSerious(page: Page) {
  const r = await new AxeBuilder({ page }).include('[data-testid="attention"]').analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length}`);
}

/** The verdict AttentionNote must show for its four figures (explain/attentionFaithfulness, margin 0.02). */
function verdictOf([del, rdel, ins, rins]: number[]): string {
  if (![del, rdel, ins, rins].every(Number.isFinite)) return 'unmeasured';
  const d = del < rdel - 0.02;
  const i = ins > rins + 0.02;
  return d && i ? 'better' : d || i ? 'mixed' : 'noBetter';
}

test('the attention head view and rollout are labelled, zoomable, honest about faithfulness and legible in both themes', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 3, "hidden": 32, "layers": 2, "heads": 2, "batchSize": 256}');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 240_000,
  });

  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('method').selectOption('rollout');
  await page.getByTestId('explain').click();
  const panel = page.getByTestId('attention');
  await expect(panel).toBeVisible({ timeout: 120_000 });

  // Layer and head pickers: 2 layers; the mean over heads plus 2 heads.
  await expect(page.getByTestId('att-layer').locator('option')).toHaveCount(2);
  await expect(page.getByTestId('att-head').locator('option')).toHaveText(['mean over heads', '1', '2']);

  // Zoom to the newest 5 positions: a 5 × 5 head view and 5 rollout bars, titled on both axes.
  await page.getByTestId('att-shown').fill('5');
  const head = page.getByTestId('attention-head');
  await expect(head.getByTestId('attention-cell')).toHaveCount(25);
  await expect(page.getByTestId('rollout').getByTestId('rollout-bar')).toHaveCount(5);
  const columnLabels = await head.locator('text.chart-axis title').allTextContents();
  expect(columnLabels.filter((s) => / · #\d+ /.test(s))).toHaveLength(5);
  // Labels are item titles, not bare indices.
  expect(columnLabels.every((s) => /[A-Za-z]{3}/.test(s.split(' · ')[0]))).toBe(true);

  // A single head shows different weights from the mean.
  const meanTitles = await head.getByTestId('attention-cell').locator('title').allTextContents();
  await page.getByTestId('att-head').selectOption({ label: '2' });
  await expect(page.getByRole('heading', { name: /layer 2, head 2/ })).toBeVisible();
  expect(await head.getByTestId('attention-cell').locator('title').allTextContents()).not.toEqual(meanTitles);
  await page.getByTestId('att-head').selectOption('mean');

  // The caveat's verdict follows its own four figures.
  const note = page.getByTestId('attention-note');
  await expect(note).toContainText('Jain & Wallace 2019');
  const figures = (await note.getByTestId('attention-figures').textContent())!.match(/-?\d+(\.\d+)?/g)!.map(Number);
  expect(figures).toHaveLength(4);
  await expect(note).toHaveAttribute('data-verdict', verdictOf(figures));
  // And so does the comparison with taking the newest events first (rollout's AUCs against newest-first's).
  const recency = note.getByTestId('attention-recency');
  await expect(recency).toHaveCount(verdictOf(figures) === 'unmeasured' ? 0 : 1);
  if (verdictOf(figures) !== 'unmeasured') {
    const [rdel, rins] = (await recency.textContent())!.match(/-?\d+(\.\d+)?/g)!.map(Number);
    await expect(recency).toHaveAttribute('data-verdict', verdictOf([figures[0], rdel, figures[2], rins]));
  }

  // SASRec attends causally: the first shown query cannot see the newest key, so that cell is 0 and takes the ramp's low end.
  const emptyFill = () => head.getByTestId('attention-cell').nth(4).getAttribute('fill');
  expect(await emptyFill()).toBe('rgb(241, 245, 250)');
  expect(await axeSerious(page)).toEqual([]);
  await shoot(page, 'light');
  await page.getByRole('button', { name: 'Switch light/dark theme' }).click();
  await expect.poll(emptyFill).toBe('rgb(38, 43, 52)');
  expect(await axeSerious(page)).toEqual([]);
  await shoot(page, 'dark');
  // The default zoom too (20 positions), for the screenshots.
  if (shots) {
    await page.getByTestId('att-shown').fill('20');
    await shoot(page, 'dark-20');
    await page.getByRole('button', { name: 'Switch light/dark theme' }).click();
    await shoot(page, 'light-20');
  }
});
