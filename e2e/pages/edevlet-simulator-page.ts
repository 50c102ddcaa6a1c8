import { expect, type Locator, type Page } from '@playwright/test';
import type { Citizen } from '../support/citizens';
import { simulatorLabels as s } from '../support/labels';

/** The e-Devlet gateway simulator's login form (server-rendered by the API, Turkish only). */
export class EdevletSimulatorPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: s.heading, exact: true });
  }

  get tckn(): Locator {
    return this.page.getByRole('textbox', { name: s.tckn, exact: true });
  }

  /** A password input has no ARIA role: found by its label. */
  get password(): Locator {
    return this.page.getByLabel(s.password, { exact: true });
  }

  get submit(): Locator {
    return this.page.getByRole('button', { name: s.submit, exact: true });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/edevlet-sim\/oauth2\/authorize/);
    await expect(this.heading).toBeVisible();
  }

  async logIn(citizen: Citizen): Promise<void> {
    await this.expectLoaded();
    await this.tckn.fill(citizen.tckn);
    await this.password.fill(citizen.password);
    await this.submit.click();
    await expect(this.page).toHaveURL(/\/basvuru-islemleri$/);
  }
}
