import { expect, it } from 'vitest';
import { translate } from './index';
import { datasetDisplayName } from './datasetName';

it('shows the analyst’s name as given and the demo’s in the UI language', () => {
  const zh = (k: 'data.demoName') => translate('zh', k);
  const en = (k: 'data.demoName') => translate('en', k);
  expect(datasetDisplayName({ name: 'ml-100k', truth: null }, zh)).toBe('ml-100k');
  expect(datasetDisplayName({ name: 'Demo shop (simulated)', truth: {} }, zh)).toBe('演示商店（模拟）');
  expect(datasetDisplayName({ name: 'Demo shop (simulated)', truth: {} }, en)).toBe('Demo shop (simulated)');
});
