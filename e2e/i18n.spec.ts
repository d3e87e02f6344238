// Language switch: in Chinese, no view shows an English UI text (every label goes through the dictionaries), and at
// a 1280×720 laptop size no view scrolls sideways.
import { expect, test, type Page } from '@playwright/test';
import { en } from '../src/ui/i18n/en';
import { zh } from '../src/ui/i18n/zh';
import { RecLensApp } from './app';

const VIEWS = [
  ['Data', '数据'],
  ['Model', '模型'],
  ['Recommend', '推荐'],
  ['Explain', '解释'],
  ['Causal', '因果'],
  ['Evaluate', '评估'],
] as const;

/** English texts that differ in Chinese, as matchers (placeholders match anything). */
const englishOnly = (Object.keys(en) as (keyof typeof en)[])
  .filter((k) => en[k] !== zh[k] && en[k].replace(/\{\w+\}/g, '').trim().length >= 4)
  .map((k) => ({ key: k, re: new RegExp(`^${en[k].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+')}$`) }));

async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest('svg, script, style, datalist, .report-render')) continue;
      if (el.getClientRects().length === 0) continue;
      out.add(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if ((el as HTMLElement).getClientRects().length === 0 || el.closest('svg')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.add(v);
      }
    }
    return [...out];
  });
}

test('in Chinese every view shows Chinese UI text; at 1280×720 no view scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('itemknn');
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });

  await page.getByTestId('lang-toggle').click();
  const untranslated: Record<string, string[]> = {};
  const overflow: Record<string, number> = {};
  for (const [, label] of VIEWS) {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(label) })
      .click();
    if (label === '因果') {
      await page.getByTestId('discover').click();
      await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
    }
    const english = (await visibleTexts(page)).filter((text) => englishOnly.some(({ re }) => re.test(text)));
    if (english.length) untranslated[label] = english;
    const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (width > 0) overflow[label] = width;
  }
  expect(untranslated).toEqual({});
  expect(overflow).toEqual({});
});
