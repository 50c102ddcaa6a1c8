import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { escapeRegExp } from '../support/text';
import { BasePage } from './base-page';
import { operatorLabels, type OperatorLabels } from './operator-labels';

/** Today in Türkiye, as a date input takes it (`YYYY-MM-DD`). */
export function today(): string {
  return new Date(Date.now() + 3 * 3600 * 1000).toISOString().slice(0, 10);
}

/** `/kamusm/basvurular/:id`: one application — payment, production, shipping, audit trail. */
export class OperatorApplicationPage extends BasePage {
  readonly o: OperatorLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.o = operatorLabels[lang];
  }

  protected get headingText(): string {
    return this.o.applicationTitle;
  }

  /** The h1 is the title followed by the reference. */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(`^${escapeRegExp(this.o.applicationTitle)}`) });
  }

  get state(): Locator {
    return this.definition(this.o.state);
  }
  get shipment(): Locator {
    return this.definition(this.o.shipment);
  }
  get done(): Locator {
    return this.page.locator('#islem-sonucu');
  }
  get auditTrail(): Locator {
    return this.page.getByRole('table', { name: this.o.auditCaption, exact: true });
  }

  private button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async expectReference(reference: string): Promise<void> {
    await expect(this.heading).toContainText(reference);
  }

  get confirmHeading(): Locator {
    return this.page.getByRole('heading', { name: this.o.confirmHeading, exact: true });
  }
  /** The e-mail and the SMS the confirmation step shows, word for word. */
  get messagePreviews(): Locator {
    return this.page.locator('.message-preview');
  }
  get payments(): Locator {
    return this.page.getByRole('table', { name: this.o.paymentsCaption, exact: true });
  }
  get cardDetails(): Locator {
    return this.page.getByRole('region', { name: this.o.cardHeading, exact: true });
  }

  /** Fills in the payment's details and asks what will be sent (nothing is recorded yet). */
  async enterPayment(details: { amount?: string; paidOn: string; receiptNumber: string }): Promise<void> {
    if (details.amount !== undefined) {
      await this.page.getByLabel(this.o.amount, { exact: true }).fill(details.amount);
    }
    await this.page.getByLabel(this.o.paidOn, { exact: true }).fill(details.paidOn);
    await this.page.getByLabel(this.o.receiptNumber, { exact: true }).fill(details.receiptNumber);
    await this.button(this.o.continue).click();
  }

  /** The confirmation step's button: records the payment. */
  async confirmPayment(): Promise<void> {
    await this.button(this.o.recordPayment).click();
    await expect(this.done).toHaveText(this.o.paymentRecorded);
  }

  /** Details, confirmation, recorded. */
  async recordPayment(receiptNumber = 'DKT-E2E-1'): Promise<void> {
    await this.enterPayment({ paidOn: today(), receiptNumber });
    await expect(this.confirmHeading).toBeFocused();
    await this.confirmPayment();
  }

  async reversePayment(reason: string): Promise<void> {
    await this.page.getByLabel(this.o.reversalReason, { exact: true }).fill(reason);
    await this.button(this.o.reversePayment).click();
    await expect(this.done).toHaveText(this.o.paymentReversed);
  }

  async markProduced(): Promise<void> {
    await this.button(this.o.markProduced).click();
    await expect(this.done).toHaveText(this.o.stepRecorded);
  }

  async markShipped(courier: string, trackingNumber: string): Promise<void> {
    await this.page.getByLabel(this.o.courier, { exact: true }).fill(courier);
    await this.page.getByLabel(this.o.trackingNumber, { exact: true }).fill(trackingNumber);
    await this.button(this.o.markShipped).click();
    await expect(this.done).toHaveText(this.o.stepRecorded);
  }

  /** Sends the shipping form as it is, expecting the error summary. */
  async markShippedExpectingErrors(): Promise<Locator> {
    await this.button(this.o.markShipped).click();
    const summary = this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: this.t.form.errorSummary }) });
    await expect(summary).toBeFocused();
    return summary;
  }
}
