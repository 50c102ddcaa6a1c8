import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

/**
 * `/nes-islemleri`: the menu NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri, whose entry
 * is the link "Kurum/Kişi Ödemeli Başvuru" (TAL.01.16 Şekil 1).
 */
export class NesIslemleriPage extends BasePage {
  protected get headingText(): string {
    return this.t.menu.heading;
  }

  get menu(): Locator {
    return this.page.getByRole('navigation', { name: this.t.menu.nav, exact: true });
  }

  get individual(): Locator {
    return this.menu.getByRole('heading', { name: this.t.menu.individual, exact: true });
  }

  get applicationsGroup(): Locator {
    return this.menu.getByRole('heading', { name: this.t.menu.applications, exact: true });
  }

  get paidApplication(): Locator {
    return this.menu.getByRole('link', { name: this.t.menu.paidApplication, exact: true });
  }

  /** The breadcrumb back to the menu, on every screen after it. */
  navLink(): Locator {
    return this.page
      .getByRole('navigation', { name: this.t.layout.breadcrumbs, exact: true })
      .getByRole('link', { name: this.t.menu.heading, exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/nes-islemleri');
    await this.expectLoaded();
  }

  async openApplications(): Promise<void> {
    await expect(this.individual).toBeVisible();
    await expect(this.applicationsGroup).toBeVisible();
    await this.paidApplication.click();
    await expect(this.page).toHaveURL(/\/basvuru-islemleri$/);
  }
}
