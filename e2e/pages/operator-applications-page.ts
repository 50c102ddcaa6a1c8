import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { operatorLabels, type OperatorLabels } from './operator-labels';

/** `/kamusm/basvurular`: every institution's applications, with filters and pages. */
export class OperatorApplicationsPage extends BasePage {
  readonly o: OperatorLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = operatorLabels[lang];
  }

  protected get headingText(): string {
    return this.o.applicationsTitle;
  }

  get search(): Locator {
    return this.page.getByLabel(this.o.search, { exact: true });
  }
  get institution(): Locator {
    return this.page.getByLabel(this.o.filterInstitution, { exact: true });
  }
  get table(): Locator {
    return this.page.getByRole('table', { name: this.o.applicationsCaption, exact: true });
  }
  get count(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.o.found });
  }

  async goto(): Promise<void> {
    await this.page.goto('/kamusm/basvurular');
    await this.expectLoaded();
  }

  /** Searches by reference and opens the one application found. */
  async open(reference: string): Promise<void> {
    await this.search.fill(reference);
    await this.page.getByRole('button', { name: this.o.applyFilters, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${reference}`));
    await expect(this.count).toBeVisible();
    await this.table.getByRole('link', { name: reference, exact: true }).click();
    await expect(this.page).toHaveURL(/\/kamusm\/basvurular\/[^/?]+$/);
  }
}
