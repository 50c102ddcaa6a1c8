import type { Locator, Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { staffLabels, type StaffLabels } from './staff-labels';

/** `/personel/parola`: "Parolayı Değiştir". */
export class StaffPasswordPage extends BasePage {
  readonly s: StaffLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.s = staffLabels[lang];
  }

  protected get headingText(): string {
    return this.s.passwordTitle;
  }
  get firstLoginNote(): Locator {
    return this.page.getByText(this.s.firstLogin, { exact: true });
  }
  get mustChangeNote(): Locator {
    return this.page.getByText(this.s.mustChange, { exact: true });
  }
  get current(): Locator {
    return this.page.getByLabel(this.s.currentPassword, { exact: true });
  }
  get newPassword(): Locator {
    return this.page.getByLabel(this.s.newPassword, { exact: true });
  }
  get again(): Locator {
    return this.page.getByLabel(this.s.newPasswordAgain, { exact: true });
  }
  get submit(): Locator {
    return this.page.getByRole('button', { name: this.s.changePassword, exact: true });
  }
  get skip(): Locator {
    return this.page.getByRole('link', { name: this.s.skip, exact: true });
  }
  get changed(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.s.passwordChanged, exact: true });
  }
  get errorSummary(): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: this.s.errorSummary }) });
  }

  async change(current: string, next: string, again = next): Promise<void> {
    await this.current.fill(current);
    await this.newPassword.fill(next);
    await this.again.fill(again);
    await this.submit.click();
  }
}
