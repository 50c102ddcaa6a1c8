import { expect, type Locator } from '@playwright/test';
import { LandingPage } from './landing-page';

/** The e-İmza login panel of the landing page ("e-İmza ile Giriş"): the code, its status, the steps. */
export class EImzaGirisPage extends LandingPage {
  get startButton(): Locator {
    return this.page.getByRole('button', { name: this.t.landing.eimzaLogin, exact: true });
  }

  get panel(): Locator {
    return this.page.locator('#e-imza-giris-paneli');
  }

  /** The one-time code, `XXXX-XXXX-XXXX`. */
  get code(): Locator {
    return this.page.locator('#e-imza-giris-kodu');
  }

  /** The live status region of the panel. */
  get status(): Locator {
    return this.page.locator('#e-imza-giris-durumu');
  }

  get copyButton(): Locator {
    return this.panel.getByRole('button', { name: this.lang === 'tr' ? 'Kodu Kopyala' : 'Copy the code', exact: true });
  }

  /** Presses "e-İmza ile Giriş" and answers the code the page shows. */
  async start(): Promise<string> {
    await this.startButton.click();
    await expect(this.startButton).toHaveAttribute('aria-expanded', 'true');
    await expect(this.code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    return ((await this.code.textContent()) ?? '').trim();
  }
}
