import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

/** `/basvuru/:id/sms`: SMS Onayı. */
export class SmsOnayiPage extends BasePage {
  protected get headingText(): string {
    return this.t.sms.heading;
  }

  get code(): Locator {
    return this.page.getByRole('textbox', { name: this.t.sms.code, exact: true });
  }

  get continueButton(): Locator {
    return this.page.getByRole('button', { name: this.t.sms.continue, exact: true });
  }

  get noCodeHeading(): Locator {
    return this.page.getByRole('heading', { name: this.t.sms.noCode, exact: true });
  }

  get resendButton(): Locator {
    return this.page.getByRole('button', { name: this.t.sms.resend, exact: true });
  }

  /** The visible countdown under the resend button (also its accessible description). */
  get countdown(): Locator {
    return this.page.getByText(this.t.sms.resendCountdown).first();
  }

  /** The error summary after a wrong code: role alert, "Bir sorun var". */
  get errorSummary(): Locator {
    return this.page.getByRole('alert', { name: this.t.form.errorSummary, exact: true });
  }

  /** The summary's message (a link to the control it is about). */
  summaryLink(message: string | RegExp): Locator {
    return this.errorSummary.getByRole('link', { name: message });
  }

  /** "Kod doğru değil. N deneme hakkınız kaldı." in the summary and on the field. */
  async expectTriesLeft(n: number): Promise<void> {
    const message = this.t.sms.triesLeft(n);
    await expect(this.errorSummary.getByRole('link', { name: message })).toBeVisible();
    await expect(this.code).toHaveAccessibleDescription(message);
    await expect(this.code).toHaveAttribute('aria-invalid', 'true');
  }

  async expectLoaded(): Promise<void> {
    await super.expectLoaded();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/sms$/);
  }

  /** "0532 *** ** 67": the operator code and the last two digits of the number. */
  async expectMaskedNumber(masked: string): Promise<void> {
    await expect(this.page.getByRole('main').getByText(masked, { exact: true }).first()).toBeVisible();
  }

  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.continueButton.click();
  }

  async enterCodeExpectingApproval(code: string): Promise<void> {
    await this.enterCode(code);
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/onay$/);
  }
}
