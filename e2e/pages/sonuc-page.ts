import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

/** `/basvuru/:id/sonuc`: E-Onaylı Başvuru Tamamlandı — Başvuru İşlemleri Sonuç. */
export class SonucPage extends BasePage {
  protected get headingText(): string {
    return this.t.result.heading;
  }

  get subtitle(): Locator {
    return this.page.getByRole('heading', { level: 2, name: this.t.result.subtitle, exact: true });
  }
  get paymentHeading(): Locator {
    return this.page.getByRole('heading', { name: this.t.result.payment, exact: true });
  }
  get paidByInstitution(): Locator {
    return this.page.getByText(this.t.result.paidByInstitution, { exact: true });
  }
  get productionWaits(): Locator {
    return this.page.getByText(this.t.result.productionWaits, { exact: true });
  }
  get backToApplications(): Locator {
    return this.page.getByRole('link', { name: this.t.result.backToApplications, exact: true });
  }

  async expectLoaded(): Promise<void> {
    await super.expectLoaded();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/sonuc$/);
    await expect(this.subtitle).toBeVisible();
  }

  async expectReference(reference: string): Promise<void> {
    await expect(this.page.getByRole('main')).toContainText(reference);
  }
}
