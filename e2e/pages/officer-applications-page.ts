import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { officerLabels, type OfficerLabels } from './officer-labels';

/** `/kurum/basvurular`: the institution's applications, with filters and pages. */
export class OfficerApplicationsPage extends BasePage {
  readonly o: OfficerLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = officerLabels[lang];
  }

  protected get headingText(): string {
    return this.o.applicationsTitle;
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: this.o.tableCaption, exact: true });
  }
  get count(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.o.found });
  }
  get state(): Locator {
    return this.page.getByLabel(this.o.filterState, { exact: true });
  }
  get stalled(): Locator {
    return this.page.getByLabel(this.o.filterStalled, { exact: true });
  }
  get apply(): Locator {
    return this.page.getByRole('button', { name: this.o.applyFilters, exact: true });
  }

  /** The row of the person named `name` ("Ad Soyad"). */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ hasText: name });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/kurum/basvurular${query}`);
    await this.expectLoaded();
    await expect(this.count).toBeVisible();
  }

  /** Opens the application of the person named `name`. */
  async open(name: string): Promise<void> {
    await this.row(name).getByRole('link').click();
    await expect(this.page).toHaveURL(/\/kurum\/basvurular\/[^/?]+$/);
  }
}
