import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { officerLabels, type OfficerLabels } from './officer-labels';

/** `/kurum/toplu-yukleme`: the CSV upload, its dry run and its commit. */
export class OfficerImportPage extends BasePage {
  readonly o: OfficerLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = officerLabels[lang];
  }

  protected get headingText(): string {
    return this.o.importTitle;
  }

  get file(): Locator {
    return this.page.getByLabel(this.o.fileLabel, { exact: true });
  }
  get checkButton(): Locator {
    return this.page.getByRole('button', { name: this.o.checkFile, exact: true });
  }
  get commitButton(): Locator {
    return this.page.getByRole('button', { name: this.o.commitButton });
  }
  get rows(): Locator {
    return this.page.getByRole('table', { name: this.o.rowsCaption, exact: true });
  }
  get summary(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.o.dryRunSummary });
  }
  get commitSummary(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.o.commitSummary });
  }

  /** The table row of the file's `line` (its row header is the line number). */
  row(line: number): Locator {
    return this.rows.getByRole('row').filter({
      has: this.page.getByRole('rowheader', { name: String(line), exact: true }),
    });
  }

  async goto(): Promise<void> {
    await this.page.goto('/kurum/toplu-yukleme');
    await this.expectLoaded();
  }

  /** Chooses `csv` as the file (named `name`) and runs the dry run. */
  async dryRun(csv: string, name = 'on-basvurular.csv'): Promise<void> {
    await this.file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await this.checkButton.click();
    await expect(this.summary).toBeVisible();
  }

  async commit(): Promise<void> {
    await this.commitButton.click();
    await expect(this.commitSummary).toBeVisible();
  }
}
