import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { staffLabels, type StaffLabels } from './staff-labels';

/** `/kamusm/personel`: the operator's staff accounts and the "Yeni hesap" form. */
export class StaffAccountsPage extends BasePage {
  readonly s: StaffLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.s = staffLabels[lang];
  }

  protected get headingText(): string {
    return this.s.accountsTitle;
  }
  get table(): Locator {
    return this.page.getByRole('table', { name: this.s.accountsCaption, exact: true });
  }
  get initialPassword(): Locator {
    return this.definition(this.s.initialPassword);
  }

  async goto(): Promise<void> {
    await this.page.goto('/kamusm/personel');
    await this.expectLoaded();
  }

  /** Creates an officer of the institution named `institution`; answers the initial password. */
  async createOfficer(username: string, displayName: string, institution: RegExp): Promise<string> {
    await this.page.getByLabel(this.s.username, { exact: true }).fill(username);
    await this.page.getByLabel(this.s.displayName, { exact: true }).fill(displayName);
    await this.page.getByLabel(this.s.roleOfficer, { exact: true }).check();
    await this.page.getByLabel(this.s.institution, { exact: true }).selectOption({ label: await this.optionMatching(institution) });
    await this.page.getByRole('button', { name: this.s.createAccount, exact: true }).click();
    await expect(this.initialPassword).toBeVisible();
    return (await this.initialPassword.innerText()).trim();
  }

  /** The row of `username`. */
  row(username: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(username.replace(/[.]/g, '\\.')) });
  }
  get confirmation(): Locator {
    return this.page.getByRole('region').filter({ has: this.page.getByRole('button', { name: this.s.confirmAction }) });
  }

  /** Starts an action on `username`'s row (`disable`, `enable`, `reset-password`, …). */
  async startAction(action: string, username: string): Promise<void> {
    await this.page.locator(`#${action}-${username.replace(/[.]/g, '\\.')}`).click();
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: this.s.confirmAction, exact: true }).click();
  }

  private async optionMatching(pattern: RegExp): Promise<string> {
    for (const option of await this.page.locator('select option').allInnerTexts()) {
      if (pattern.test(option)) return option.trim();
    }
    throw new Error(`no institution matches ${pattern}`);
  }
}
