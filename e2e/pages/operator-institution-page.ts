import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { operatorLabels, type OperatorLabels } from './operator-labels';

/** `/kamusm/kurumlar/:id`: one institution, its API keys, a new key shown once, revocation. */
export class OperatorInstitutionPage extends BasePage {
  readonly o: OperatorLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = operatorLabels[lang];
  }

  protected get headingText(): string {
    return this.o.institutionTitle;
  }

  get keys(): Locator {
    return this.page.getByRole('table', { name: this.o.apiKeysCaption, exact: true });
  }
  keyRow(name: string): Locator {
    return this.keys.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
  get keyName(): Locator {
    return this.page.getByLabel(this.o.keyName, { exact: true });
  }
  get createKey(): Locator {
    return this.page.getByRole('button', { name: this.o.createKey, exact: true });
  }
  get newKeyPanel(): Locator {
    return this.page.getByRole('region', { name: this.o.keyCreated, exact: true });
  }
  /** The new key as the page shows it (once). */
  get newKey(): Locator {
    return this.page.locator('#yeni-anahtar-metni');
  }
  get copyKey(): Locator {
    return this.page.getByRole('button', { name: this.o.copyKey, exact: true });
  }

  /** Creates a key and answers it as the page shows it. */
  async createKeyNamed(name: string): Promise<string> {
    await this.keyName.fill(name);
    await this.createKey.click();
    await expect(this.newKeyPanel).toBeVisible();
    await expect(this.page.getByText(this.o.keyShownOnce)).toBeVisible();
    const key = (await this.newKey.innerText()).trim();
    expect(key).toMatch(/^nes_[A-Za-z0-9_-]{43}$/);
    await expect(this.keyRow(name)).toContainText(key.slice(0, 8));
    return key;
  }

  /** "İptal et" in the key's row, then the confirmation. */
  async revoke(name: string): Promise<void> {
    await this.keyRow(name).getByRole('button', { name: new RegExp(`^${this.o.revoke}`) }).click();
    const confirm = this.page.getByRole('heading', { name: this.o.revokeConfirmTitle, exact: true });
    await expect(confirm).toBeFocused();
    await this.page.getByRole('button', { name: this.o.revokeConfirm, exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: this.o.keyRevoked })).toBeVisible();
    await expect(this.keyRow(name)).toContainText(this.o.revokedState);
  }
}
