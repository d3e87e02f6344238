// Page object for the RecLens app: navigation, the typed test API on window, and waiting for idle.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** ml-100k in the shared data folder (../shared/data beside the repository, or RECLENS_SHARED_DATA): ratings and catalog. */
const ML100K_DIR = resolve(process.env.RECLENS_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data'), 'ml-100k');
export const ML100K = { dir: ML100K_DIR, data: join(ML100K_DIR, 'u.data'), item: join(ML100K_DIR, 'u.item') };

/** Call at the top of a spec file: its tests are skipped, saying why, where ml-100k is not on this machine. */
export function skipUnlessMl100k() {
  test.skip(!existsSync(ML100K.data) || !existsSync(ML100K.item), `ml-100k not found in ${ML100K.dir}`);
}

export class RecLensApp {
  constructor(readonly page: Page) {}

  async open(path = './') {
    await this.page.goto(path);
    await this.waitIdle();
  }

  /** Waits until no task runs and a dataset is open (the demo loads on start). */
  async waitIdle() {
    await this.page.waitForFunction(() => window.__reclens?.idle() && window.__reclens.state().datasets.length > 0);
  }

  state<T>(pick: string): Promise<T> {
    return this.page.evaluate((p) => {
      const s = window.__reclens!.state() as unknown as Record<string, unknown>;
      return p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], s) as T;
    }, pick);
  }

  async chooseFiles(paths: string[]) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: /Choose files/ }).click();
    await (await chooser).setFiles(paths);
    await expect(this.page.getByTestId('import-panel')).toBeVisible();
  }

  /** Trains `model` from the Model view with its defaults and waits until it is the `count`-th trained model. */
  async trainModel(model: string, count = 1) {
    await this.page.getByRole('button', { name: /Model/ }).click();
    await this.page.getByTestId('model-select').selectOption(model);
    await this.page.getByTestId('train').click();
    await this.page.waitForFunction((n) => window.__reclens!.state().trainedModels.length === n && window.__reclens!.idle(), count, {
      timeout: 120_000,
    });
  }

  async confirmImport() {
    await this.page.getByTestId('import-load').click();
    await this.page.waitForFunction(() => window.__reclens?.idle());
  }

  /**
   * Loads ml-100k through the file picker as an analyst would: u.data, with u.item as the catalog unless `items` is
   * false; `beforeLoad` runs with the import panel open (to check or rename), then the load, which must count 100,000 events.
   */
  async loadMl100k({ items = true, beforeLoad }: { items?: boolean; beforeLoad?: () => Promise<void> } = {}) {
    await this.chooseFiles(items ? [ML100K.data, ML100K.item] : [ML100K.data]);
    if (beforeLoad) await beforeLoad();
    await this.confirmImport();
    await expect(this.page.getByTestId('count-events')).toHaveText('100,000', { timeout: 60_000 });
  }

  /** The Model view's settings JSON (behind the collapsed "Settings as JSON" disclosure): for reading its value. */
  modelSettings(): Locator {
    return this.page.getByTestId('model-settings');
  }

  /** Opens the settings JSON disclosure (as a power user would) and replaces the settings with `json`. */
  async setModelSettings(json: string | Record<string, unknown>) {
    const disclosure = this.page.getByTestId('settings-json');
    if (!(await disclosure.evaluate((d) => (d as HTMLDetailsElement).open))) await disclosure.locator('summary').click();
    await this.modelSettings().fill(typeof json === 'string' ? json : JSON.stringify(json));
  }
}
