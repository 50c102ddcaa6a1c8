import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

/** `/`: Online İşlemler, the way in. */
export class LandingPage extends BasePage {
  protected get headingText(): string {
    return this.t.landing.heading;
  }

  get edevletLogin(): Locator {
    return this.page.getByRole('link', { name: this.t.landing.edevletLogin, exact: true });
  }

  /** e-İmza login is offered (a link or a button). */
  get eimzaLogin(): Locator {
    return this.page
      .getByRole('link', { name: this.t.landing.eimzaLogin, exact: true })
      .or(this.page.getByRole('button', { name: this.t.landing.eimzaLogin, exact: true }));
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.expectLoaded();
  }

  async startEdevletLogin(): Promise<void> {
    await this.edevletLogin.click();
    await expect(this.page).toHaveURL(/\/edevlet-sim\/oauth2\/authorize/);
  }
}
