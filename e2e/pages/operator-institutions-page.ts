import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { operatorLabels, type OperatorLabels } from './operator-labels';

/** `/kamusm/kurumlar`: the institutions (a table) and the "Yeni kurum" form. */
export class OperatorInstitutionsPage extends BasePage {
  readonly o: OperatorLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = operatorLabels[lang];
  }

  protected get headingText(): string {
    return this.o.institutionsTitle;
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: this.o.institutionsCaption, exact: true });
  }
  get code(): Locator {
    return this.page.getByLabel(this.o.code, { exact: true });
  }
  get name(): Locator {
    return this.page.getByLabel(this.o.name, { exact: true });
  }
  get create(): Locator {
    return this.page.getByRole('button', { name: this.o.createInstitution, exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/kamusm/kurumlar');
    await this.expectLoaded();
  }

  /** Creates an institution and opens its page (the link in its row). */
  async createAndOpen(code: string, name: string): Promise<void> {
    await this.code.fill(code);
    await this.name.fill(name);
    await this.create.click();
    const link = this.table.getByRole('link', { name, exact: true });
    await expect(link).toBeVisible();
    await link.click();
    await expect(this.page).toHaveURL(/\/kamusm\/kurumlar\/[^/]+$/);
  }
}
