/**
 * Explicit screenshots of every screen, kept as test artefacts under
 * `test-results/screens/<project>/<name>.png` (beside Playwright's own `screenshot: 'on'`).
 */
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

export const SCREENS_DIR = path.join(__dirname, '..', 'test-results', 'screens');

export class ScreenCapture {
  constructor(private readonly testInfo: TestInfo) {}

  /** Saves a full-page screenshot named `name` and attaches it to the report. */
  async capture(page: Page, name: string): Promise<void> {
    const file = path.join(SCREENS_DIR, this.testInfo.project.name, `${name}.png`);
    // Let fonts settle and the caret not blink into the picture.
    await page.evaluate(() => document.fonts?.ready).catch(() => undefined);
    const body = await page.screenshot({ path: file, fullPage: true, caret: 'hide', animations: 'disabled' });
    await this.testInfo.attach(name, { body, contentType: 'image/png' });
  }
}
