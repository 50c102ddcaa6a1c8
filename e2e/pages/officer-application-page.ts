import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { officerLabels, type OfficerLabels } from './officer-labels';

/** `/kurum/basvurular/:id`: one application, its timeline, resend and cancel. */
export class OfficerApplicationPage extends BasePage {
  readonly o: OfficerLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = officerLabels[lang];
  }

  protected get headingText(): string {
    return this.o.applicationTitle;
  }

  /** The h1 holds the title and the reference: match its start. */
  override get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(`^${this.o.applicationTitle}`) });
  }

  get cancelButton(): Locator {
    return this.page.getByRole('button', { name: this.o.cancel, exact: true });
  }
  get confirmCancel(): Locator {
    return this.page.getByRole('button', { name: this.o.cancelConfirm, exact: true });
  }
  get done(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.o.cancelled });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.loading).toHaveCount(0);
  }

  /** Cancels after the confirmation question. */
  async cancel(): Promise<void> {
    await this.cancelButton.click();
    await expect(this.page.getByRole('heading', { name: this.o.cancelQuestion, exact: true })).toBeFocused();
    await this.confirmCancel.click();
    await expect(this.done).toBeVisible();
  }
}
