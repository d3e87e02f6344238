// The TF.js backend is chosen by measurement in the ML worker, shown with its adapter, and can be overridden.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('auto picks a measured backend and never a software WebGPU adapter; the analyst can override', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.waitForFunction(() => window.__reclens!.state().backend !== null, null, { timeout: 60_000 });
  const auto = await app.state<{ backend: string; gflops: number; adapter?: { isFallback: boolean } }>('backend');
  expect(auto.gflops).toBeGreaterThan(0);
  expect(auto.backend === 'webgpu' && auto.adapter?.isFallback).toBeFalsy();
  await expect(page.getByTestId('backend-summary')).toContainText(auto.backend);
  test.info().annotations.push({ type: 'backend', description: `auto chose ${auto.backend} at ${auto.gflops.toFixed(1)} GFLOP/s` });

  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('backend-summary')).toContainText(/^cpu/);
  expect(await app.state<string>('backendPreference')).toBe('cpu');
});
