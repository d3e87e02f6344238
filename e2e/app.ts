// Page object for the RecLens app: navigation, the typed test API on window, and waiting for idle.
import { expect, type Page } from '@playwright/test';

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
}
