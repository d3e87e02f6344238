// The causal reason beside a recommendation (issue #19, req. 5) on the demo: before any graph the panel says so and
// links to the Causal view; after PC with the defaults it lists as causes exactly the ancestors of `purchased` in the
// graph the store holds, worded in English and Chinese; reversing carts → purchased turns carts into a correlate only,
// in the Recommend view and beside the explained items in the Explain view; once an uplift model is fitted, each item's
// uplift with its CI sits beside its score, worded as an effect only when the CI excludes 0.
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

/** Ancestors of `purchased` in the Causal view's current graph, read from the store (edges PC left undirected do not count). */
const storeAncestors = (page: Page) =>
  page.evaluate(() => {
    type Edge = { from: string; to: string; directed?: boolean };
    const { dag, result } = (window.__reclens!.state() as unknown as { causalGraph: { dag: { edges: Edge[] }; result: { edges: Edge[] } } })
      .causalGraph;
    const same = (a: Edge, b: Edge) => (a.from === b.from && a.to === b.to) || (a.from === b.to && a.to === b.from);
    const directed = dag.edges.filter((e) => !result.edges.some((d) => d.directed === false && same(d, e)));
    const seen = new Set(['purchased']);
    for (let grew = true; grew;) {
      grew = false;
      for (const e of directed)
        if (seen.has(e.to) && !seen.has(e.from)) {
          seen.add(e.from);
          grew = true;
        }
    }
    seen.delete('purchased');
    return [...seen].sort();
  });

const rowsWithRole = async (page: Page, role: string) =>
  (
    await page.locator(`[data-testid="reason-row"][data-role="${role}"]`).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-name')!))
  ).sort();

test('causal reason: ancestors of purchased on the shown graph are the causes, in en and zh; a reversed edge leaves a correlate; uplift with its CI', async ({
  page,
}) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('pop');

  // No graph yet: the panel says so and offers the Causal view instead of guessing.
  await page.getByRole('button', { name: /Recommend/ }).click();
  const panel = page.getByTestId('causal-reason');
  await expect(panel.getByTestId('reason-no-graph')).toContainText('No causal graph has been built for this dataset yet');
  await expect(panel.getByTestId('reason-row')).toHaveCount(0);
  await expect(panel.getByTestId('reason-uplift-not-fitted')).toContainText('No uplift model is fitted on this recommender');
  await expect(page.getByTestId('item-uplift')).toHaveCount(0);
  await panel.getByTestId('reason-open-causal').click();
  await expect(page.getByTestId('view-causal')).toBeVisible();

  // PC with the defaults (no bootstrap, to keep it short).
  await expect(page.getByText('3,000 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('spinbutton', { name: /Bootstrap/ }).fill('0');
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalGraph !== null, null, { timeout: 120_000 });

  await page.getByRole('button', { name: /Recommend/ }).click();
  await expect(page.getByTestId('recommendations').locator('li')).toHaveCount(10);
  await expect(panel.getByTestId('reason-outcome')).toHaveValue('purchased');
  await expect(panel.getByTestId('reason-row').first()).toBeVisible({ timeout: 30_000 });
  const ancestors = await storeAncestors(page);
  expect(ancestors.length).toBeGreaterThan(0);
  expect(await rowsWithRole(page, 'cause')).toEqual(ancestors);
  await expect(panel.getByTestId('reason-graph')).toContainText("On the Causal view's graph (PC, one row per user");
  await expect(panel.getByTestId('reason-graph')).toContainText('the outcome is “purchased”');
  const causes = panel.getByTestId('reason-causes');
  await expect(causes).toContainText('Causes of “purchased” on this graph (a directed path leads from each to it):');
  for (const a of ancestors) await expect(causes).toContainText(new RegExp(`${a} \\(this user [\\d.,]+, median [\\d.,]+\\)`));
  // Each cause row shows a directed path that ends at the outcome.
  for (const a of ancestors)
    await expect(panel.locator(`[data-testid="reason-row"][data-name="${a}"] td`).last()).toHaveText(new RegExp(`^${a} → .*purchased$`));

  // 中文: the same figures, worded in Chinese.
  await page.getByTestId('lang-toggle').click();
  await expect(panel.getByTestId('reason-causes')).toContainText('在此图上是“purchased”的原因');
  for (const a of ancestors) await expect(panel.getByTestId('reason-causes')).toContainText(a);
  await page.getByTestId('lang-toggle').click();

  // Reverse carts → purchased in the Causal view: carts (and whatever reached purchased only through it) no longer leads
  // to purchased, so it is a correlate only, never called a cause.
  await page.getByRole('button', { name: /Causal/ }).click();
  await page.getByRole('button', { name: 'carts → purchased' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('reverse-edge').click();
  await page.getByRole('button', { name: /Recommend/ }).click();
  await expect(panel.getByTestId('reason-graph')).toContainText('as you edited it');
  const after = await storeAncestors(page);
  expect(after).not.toContain('carts');
  await expect(panel.locator('[data-testid="reason-row"][data-name="carts"]')).toHaveAttribute('data-role', 'correlate');
  expect(await rowsWithRole(page, 'cause')).toEqual(after);
  await expect(panel.getByTestId('reason-causes')).not.toContainText('carts');
  await expect(panel.getByTestId('reason-correlates')).toContainText(/^Only correlates: .*carts \(r = [\d.]+ \[[\d.]+, [\d.]+\]\)/);

  // The Explain view shows the same reason beside the explained items.
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(panel.locator('[data-testid="reason-row"][data-name="carts"]')).toHaveAttribute('data-role', 'correlate');
  expect(await rowsWithRole(page, 'cause')).toEqual(after);

  // Fit the uplift model (Evaluate view, few bootstrap draws): each recommended item shows τ [lo, hi] beside its score,
  // and the panel claims an effect only where that CI excludes 0.
  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('causal-compare-bootstrap').fill('10');
  await page.getByTestId('causal-compare-fit').click();
  await page.waitForFunction(() => window.__reclens!.idle() && Object.keys(window.__reclens!.state().upliftFits).length > 0, null, {
    timeout: 120_000,
  });
  await page.getByRole('button', { name: /Recommend/ }).click();
  await expect(page.getByTestId('item-uplift')).toHaveCount(10);
  await expect(panel.getByTestId('reason-uplift-not-fitted')).toHaveCount(0);
  const badges = await page.getByTestId('item-uplift').allInnerTexts();
  const sentences = await panel.getByTestId('reason-uplift').locator('li').allInnerTexts();
  expect(sentences).toHaveLength(10);
  badges.forEach((badge, i) => {
    const [, tau, lo, hi] = /^uplift (-?[\d.]+) \[(-?[\d.]+), (-?[\d.]+)\]$/.exec(badge)!;
    const effect = Number(lo) > 0 || Number(hi) < 0;
    expect(sentences[i]).toContain(
      effect
        ? `Recommending it to this user is estimated to add ${tau} expected purchases [${lo}, ${hi}].`
        : `No evidence of an effect of recommending it to this user: ${tau} expected purchases [${lo}, ${hi}]`,
    );
  });
});
