import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';
import { staffLabels, type StaffLabels } from './staff-labels';

/** A staff page: its texts and the error summary. */
abstract class StaffPage extends BasePage {
  readonly s: StaffLabels;

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.s = staffLabels[lang];
  }

  get errorSummary(): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: this.s.errorSummary }) });
  }
}

/** `/personel/giris`: "Personel Girişi". */
export class StaffLoginPage extends StaffPage {
  protected get headingText(): string {
    return this.s.loginTitle;
  }
  get username(): Locator {
    return this.page.getByLabel(this.s.username, { exact: true });
  }
  get password(): Locator {
    return this.page.getByLabel(this.s.password, { exact: true });
  }
  get submit(): Locator {
    return this.page.getByRole('button', { name: this.s.logIn, exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/personel/giris');
    await this.expectLoaded();
  }

  async logIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}

/** The six-digit code field of the second factor and of the enrolment. */
abstract class CodePage extends StaffPage {
  get code(): Locator {
    return this.page.getByLabel(this.s.code, { exact: true });
  }
}

/** `/personel/dogrulama`: the code of the authenticator app. */
export class StaffSecondFactorPage extends CodePage {
  protected get headingText(): string {
    return this.s.secondFactorTitle;
  }
  get submit(): Locator {
    return this.page.getByRole('button', { name: this.s.verify, exact: true });
  }

  async enter(code: string): Promise<void> {
    await this.code.fill(code);
    await this.submit.click();
  }
}

/** `/personel/dogrulama-kurulumu`: QR code, setup key, first code. */
export class StaffEnrolmentPage extends CodePage {
  protected get headingText(): string {
    return this.s.enrolTitle;
  }
  get qrCode(): Locator {
    return this.page.getByRole('img', { name: this.s.qrAlt, exact: true });
  }
  get setupKey(): Locator {
    return this.definition(this.s.setupKey);
  }
  get submit(): Locator {
    return this.page.getByRole('button', { name: this.s.finishSetup, exact: true });
  }

  /** The key as shown (groups of four), without its spaces. */
  async secret(): Promise<string> {
    await expect(this.setupKey).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    return (await this.setupKey.innerText()).replace(/\s+/g, '');
  }

  async enter(code: string): Promise<void> {
    await this.code.fill(code);
    await this.submit.click();
  }
}
