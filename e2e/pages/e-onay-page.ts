import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

/** `/basvuru/:id/onay`: E-Onay Verme (with the consent step for a first-time user). */
export class EOnayPage extends BasePage {
  protected get headingText(): string {
    return this.t.approval.heading;
  }

  // The consent step.
  get consentHeading(): Locator {
    return this.page.getByRole('heading', { name: this.t.approval.consentHeading, exact: true });
  }
  get consentCheckbox(): Locator {
    return this.page.getByRole('checkbox', { name: this.t.approval.consent, exact: true });
  }
  get consentContinue(): Locator {
    return this.page.getByRole('button', { name: this.t.approval.consentContinue, exact: true });
  }

  // The Taahhütname and the approval.
  get taahhutnameHeading(): Locator {
    return this.page.getByRole('heading', { name: this.t.approval.taahhutnameHeading, exact: true });
  }
  get readTaahhutname(): Locator {
    return this.page.getByRole('button', { name: this.t.approval.readTaahhutname, exact: true });
  }
  /** The scrollable text, a labelled region that takes keyboard focus. */
  get taahhutnameText(): Locator {
    return this.page.getByRole('region', { name: this.t.approval.taahhutnameText, exact: true });
  }
  get taahhutnameEnd(): Locator {
    return this.page.getByText(this.t.approval.taahhutnameEnd, { exact: true });
  }
  get acceptCheckbox(): Locator {
    return this.page.getByRole('checkbox', { name: this.t.approval.accept, exact: true });
  }
  get eOnayButton(): Locator {
    return this.page.getByRole('button', { name: this.t.approval.eOnay, exact: true });
  }
  get eImzaButton(): Locator {
    return this.page.getByRole('button', { name: this.t.approval.eImza, exact: true }).or(
      this.page.getByRole('link', { name: this.t.approval.eImza, exact: true }),
    );
  }

  async expectLoaded(): Promise<void> {
    await super.expectLoaded();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/onay$/);
  }

  async giveConsent(): Promise<void> {
    await expect(this.consentHeading).toBeVisible();
    await this.consentCheckbox.check();
    await this.consentContinue.click();
    await expect(this.consentCheckbox).toBeHidden();
  }

  /** Opens the Taahhütname and reads it to its last line. */
  async openAndReadTaahhutname(): Promise<void> {
    await this.readTaahhutname.click();
    await expect(this.taahhutnameText).toBeVisible();
    await this.taahhutnameEnd.scrollIntoViewIfNeeded();
    await expect(this.taahhutnameEnd).toBeInViewport();
  }

  async approveWithEOnay(): Promise<void> {
    await this.acceptCheckbox.check();
    await this.eOnayButton.click();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/sonuc$/);
  }
}

/** `/basvuru/:id/e-imza`: e-İmza ile Onaylama (comes with the signing application). */
export class EImzaPage extends BasePage {
  protected get headingText(): string {
    return this.t.eImza.heading;
  }
  get back(): Locator {
    return this.page.getByRole('link', { name: this.t.eImza.back, exact: true });
  }
  async expectLoaded(): Promise<void> {
    await super.expectLoaded();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/e-imza$/);
  }
}
