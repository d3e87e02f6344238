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

  async confirmImport() {
    await this.page.getByTestId('import-load').click();
    await this.page.waitForFunction(() => window.__reclens?.idle());
  }
}
