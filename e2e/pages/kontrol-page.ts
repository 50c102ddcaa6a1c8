import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

/** `/basvuru/:id/kontrol`: Bilgilerinizi kontrol edin (GOV.UK "check answers"). */
export class KontrolPage extends BasePage {
  protected get headingText(): string {
    return this.t.check.heading;
  }

  /** The shown value of one answer, by its label ("Cep telefonu"). */
  answer(label: string): Locator {
    return this.definition(label);
  }

  /** "Değiştir" beside an answer; its accessible name also names the answer. */
  changeLink(label: string): Locator {
    return this.page.getByRole('link', { name: `${this.t.check.change} ${label}`, exact: true });
  }

  get sendButton(): Locator {
    return this.page.getByRole('button', { name: this.t.check.send, exact: true });
  }

  async change(label: string): Promise<void> {
    await this.changeLink(label).click();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/form\?degistir=/);
  }

  async sendExpectingSms(): Promise<void> {
    await this.sendButton.click();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/sms$/);
  }
}

/** The step indicator: an ordered list in a navigation region, the current step marked. */
export function stepIndicator(page: BasePage): { nav: Locator; items: Locator; current: Locator } {
  const nav = page.page.getByRole('navigation', { name: page.t.check.steps, exact: true });
  const items = nav.getByRole('listitem');
  return { nav, items, current: nav.locator('li[aria-current="step"]') };
}
