// The wasm thread rule in the isolated (COOP/COEP) build: on this machine's own cores the UI says why it kept 1 thread;
// with 4 cores reported to the page, the ML worker runs the 1-vs-2-thread start-up check and shows what it measured.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';
import type { BackendInfo } from '../src/ml/backend';

async function wasmBackend(page: Page): Promise<BackendInfo> {
  const app = new RecLensApp(page);
  await app.open();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await page.waitForFunction(() => window.__reclens!.state().backend !== null, null, { timeout: 90_000 });
  // Auto may pick another backend; the thread decision belongs to wasm, so ask for it.
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend-summary')).toContainText(/^wasm/, { timeout: 60_000 });
  return app.state<BackendInfo>('backend');
}

test('on this machine’s logical cores the rule is applied and the reason is shown', async ({ page }) => {
  const info = await wasmBackend(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const d = info.wasmThreads!;
  expect(d.cores).toBe(cores);
  if (cores < 4) expect(d).toMatchObject({ threads: 1, reason: 'few-cores', cores });
  else expect(['faster', 'not-faster', 'check-failed']).toContain(d.reason);
  expect(info.wasmThreadsRunning).toBe(d.threads);
  await page.getByTestId('wasm-threads').locator('summary').click();
  const sentence = page.getByTestId('wasm-threads').locator('p');
  if (cores < 4) await expect(sentence).toHaveText(new RegExp(`^1 wasm thread: this machine reports ${cores} logical cores\\.`));
  const said = (await sentence.textContent()) ?? '';
  test.info().annotations.push({ type: 'threads', description: said });
  // The report's settings say the same.
  await page.getByTestId('report-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  expect(await readFile(await (await download).path(), 'utf8')).toContain(said);
});

test('with 4 cores reported, the start-up check runs in two probe workers and its figures decide', async ({ page }) => {
  // Workers read hardwareConcurrency themselves, but the page hands its value to the ML worker (threadsEnv.ts).
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 4, configurable: true }));
  const info = await wasmBackend(page);
  const d = info.wasmThreads!;
  expect(d.cores).toBe(4);
  // Measured, not failed: both probes started (the 2-thread one really ran 2 threads) and timed their rounds.
  expect(d.reason === 'faster' || d.reason === 'not-faster', `check: ${JSON.stringify(d)}`).toBe(true);
  expect(d.rates!.one).toBeGreaterThan(0);
  expect(d.rates!.two).toBeGreaterThan(0);
  expect(d.threads).toBe(d.rates!.two >= 1.1 * d.rates!.one ? 2 : 1);
  // The ML worker's own backend runs what was decided (2 threads: the cap lifted there too).
  expect(info.wasmThreadsRunning).toBe(d.threads);
  await page.getByTestId('wasm-threads').locator('summary').click();
  const sentence = page.getByTestId('wasm-threads').locator('p');
  await expect(sentence).toContainText(`measured ${d.rates!.two.toFixed(1)} steps/s with 2 threads vs ${d.rates!.one.toFixed(1)} with 1`);
  await expect(page.getByTestId('wasm-threads').locator('summary')).toHaveText(d.threads === 2 ? '2 wasm threads' : '1 wasm thread');
  test.info().annotations.push({ type: 'threads', description: (await sentence.textContent()) ?? '' });
  await page.screenshot({ path: test.info().outputPath('wasm-threads.png') });
});
