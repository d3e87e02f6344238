// Accessibility: an axe-core scan of every view on the demo (with a trained model, an explanation, a causal graph
// and an evaluation on screen), in both themes: no serious or critical violations. Keyboard focus is visible.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

const VIEWS = ['Data', 'Model', 'Recommend', 'Explain', 'Causal', 'Evaluate'] as const;

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`),
      count: v.nodes.length,
    }));
}

async function fillEveryView(page: Page) {
  await new RecLensApp(page).trainModel('itemknn');
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('method').selectOption('occlusion');
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: /Causal/ }).click();
  await expect(page.getByText('3,000 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await page.getByTestId('estimate').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length >= 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
}

test('axe-core finds no serious or critical violation in any view, light or dark', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.waitForFunction(() => window.__reclens!.state().backend !== null, null, { timeout: 60_000 });
  await fillEveryView(page);
  const found: Record<string, unknown> = {};
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => window.__reclens!.state().setTheme(t), theme);
    for (const view of VIEWS) {
      await page
        .getByRole('navigation')
        .getByRole('button', { name: new RegExp(view) })
        .click();
      await expect(page.getByTestId(`view-${view.toLowerCase()}`)).toBeVisible();
      const v = await seriousViolations(page);
      if (v.length > 0) found[`${theme} ${view}`] = v;
    }
  }
  await page.evaluate(() => window.__reclens!.state().setTheme('light'));
  // The report dialog, open over the page.
  await page.getByTestId('report-open').click();
  await expect(page.getByTestId('report-title')).toBeFocused();
  const dialog = await seriousViolations(page);
  if (dialog.length > 0) found['report dialog'] = dialog;
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report-title')).toBeHidden();
  expect(found).toEqual({});
});

test('every keyboard stop shows a visible focus ring', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('pop');
  for (const view of ['Data', 'Model', 'Recommend']) {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(view) })
      .click();
    await page.locator('body').focus();
    const seen: string[] = [];
    let stops = 0;
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        return {
          what: `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 20) ?? ''}`,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        };
      });
      // Past the last stop focus leaves the page once, then wraps to the first.
      if (!stop) continue;
      stops++;
      if (!stop.outline) seen.push(stop.what);
    }
    expect(stops).toBeGreaterThan(8);
    expect(seen, `${view}: focused elements without a visible outline`).toEqual([]);
  }
});
