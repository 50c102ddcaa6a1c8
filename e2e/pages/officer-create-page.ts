import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { officerLabels, type OfficerLabels } from './officer-labels';

/** `/kurum/on-basvuru`: one pre-application. */
export class OfficerCreatePage extends BasePage {
  readonly o: OfficerLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = officerLabels[lang];
  }

  protected get headingText(): string {
    return this.o.createTitle;
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }
  get submit(): Locator {
    return this.page.getByRole('button', { name: this.o.createButton, exact: true });
  }
  get created(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.o.created });
  }

  async goto(): Promise<void> {
    await this.page.goto('/kurum/on-basvuru');
    await this.expectLoaded();
  }

  async create(person: { tckn: string; firstName: string; lastName: string; email: string }): Promise<void> {
    await this.field(this.o.tckn).fill(person.tckn);
    await this.field(this.o.firstName).fill(person.firstName);
    await this.field(this.o.lastName).fill(person.lastName);
    await this.field(this.o.email).fill(person.email);
    await this.page.getByLabel(this.o.payerInstitution, { exact: true }).check();
    await this.submit.click();
    await expect(this.created).toBeVisible();
  }
}
