import { expect, type Locator } from '@playwright/test';
import { escapeRegExp } from '../support/text';
import { BasePage } from './base-page';

/** What the person types into the form. */
export interface FormInput {
  mobilePhone: string;
  /** YYYY-MM-DD */
  birthDate: string;
  title: string;
  il: string;
  ilce: string;
  addressLine: string;
  postalCode: string;
  termYears: 1 | 2 | 3;
}

/** `/basvuru/:id/form`: Başvuru Formu. */
export class BasvuruFormuPage extends BasePage {
  protected get headingText(): string {
    return this.t.form.heading;
  }

  private field(name: string): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  /**
   * A locked value from the pre-application: shown as a description list (term and
   * definition), not as an input, so it cannot be changed.
   */
  locked(label: string): Locator {
    return this.definition(label);
  }

  // Fields to fill in.
  get mobilePhone(): Locator {
    return this.page.getByRole('textbox', { name: this.t.form.mobilePhone, exact: true });
  }
  /** `<input type="date">`: no ARIA role of its own, found by its label. */
  get birthDate(): Locator {
    return this.field(this.t.form.birthDate);
  }
  get title(): Locator {
    return this.page.getByRole('textbox', { name: this.t.form.title, exact: true });
  }
  get il(): Locator {
    return this.page.getByRole('combobox', { name: this.t.form.il, exact: true });
  }
  get ilce(): Locator {
    return this.page.getByRole('textbox', { name: this.t.form.ilce, exact: true });
  }
  get addressLine(): Locator {
    return this.page.getByRole('textbox', { name: this.t.form.addressLine, exact: true });
  }
  get postalCode(): Locator {
    return this.page.getByRole('textbox', { name: this.t.form.postalCode, exact: true });
  }
  get termGroup(): Locator {
    return this.page.getByRole('group', { name: this.t.form.term, exact: true });
  }
  /** "2 yıl", or "2 yıl — 750,00 TL" when the person pays (each term's price beside it). */
  term(years: 1 | 2 | 3): Locator {
    return this.page.getByRole('radio', { name: new RegExp(`^${escapeRegExp(this.t.form.termYears(years))}( — .+)?$`) });
  }
  get continueButton(): Locator {
    return this.page.getByRole('button', { name: this.t.form.continue, exact: true });
  }

  /** The error summary: role alert, heading "Bir sorun var", a link to each wrong field. */
  get errorSummary(): Locator {
    return this.page.getByRole('alert', { name: this.t.form.errorSummary, exact: true });
  }
  errorLinks(): Locator {
    return this.errorSummary.getByRole('link');
  }

  /** "Taslak kaydedildi (14:05)." */
  get draftSaved(): Locator {
    return this.page.getByText(this.t.form.draftSaved);
  }

  /**
   * Fills the form and waits until the API has stored a draft holding every value
   * (`PUT /api/applications/{id}/draft`), as the person would wait for "Taslak kaydedildi".
   */
  async fillAndWaitForDraft(input: FormInput): Promise<void> {
    const saved = this.page.waitForResponse((response) => {
      const request = response.request();
      if (request.method() !== 'PUT' || !/\/api\/applications\/[^/]+\/draft$/.test(request.url()) || !response.ok()) {
        return false;
      }
      const body = request.postDataJSON() as Record<string, string>;
      return (
        body.mobile_phone === input.mobilePhone &&
        body.birth_date === input.birthDate &&
        body.title === input.title &&
        body.address_il === input.il &&
        body.address_ilce === input.ilce &&
        body.address_line === input.addressLine &&
        body.postal_code === input.postalCode &&
        String(body.certificate_term_years) === String(input.termYears)
      );
    });
    await this.fill(input);
    await saved;
    await expect(this.draftSaved).toBeVisible();
  }

  async goto(applicationId: string): Promise<void> {
    await this.page.goto(`/basvuru/${applicationId}/form`);
    await this.expectLoaded();
  }

  async expectLocked(values: { tckn: string; firstName: string; lastName: string; email: string; institution: string }): Promise<void> {
    const t = this.t.form;
    const locked: [string, string][] = [
      [t.tckn, values.tckn],
      [t.firstName, values.firstName],
      [t.lastName, values.lastName],
      [t.email, values.email],
      [t.institution, values.institution],
    ];
    for (const [label, value] of locked) {
      await expect(this.locked(label), label).toHaveText(value);
      await expect(this.page.getByRole('textbox', { name: label, exact: true }), `${label} is not an input`).toHaveCount(0);
    }
  }

  async fill(input: Partial<FormInput>): Promise<void> {
    if (input.mobilePhone !== undefined) await this.mobilePhone.fill(input.mobilePhone);
    if (input.birthDate !== undefined) await this.birthDate.fill(input.birthDate);
    if (input.title !== undefined) await this.title.fill(input.title);
    // The options read "Ankara (06)"; their values are the official names.
    if (input.il !== undefined) await this.il.selectOption({ value: input.il });
    if (input.ilce !== undefined) await this.ilce.fill(input.ilce);
    if (input.addressLine !== undefined) await this.addressLine.fill(input.addressLine);
    if (input.postalCode !== undefined) await this.postalCode.fill(input.postalCode);
    if (input.termYears !== undefined) await this.term(input.termYears).check();
  }

  async expectValues(input: FormInput): Promise<void> {
    await expect(this.mobilePhone).toHaveValue(input.mobilePhone);
    await expect(this.birthDate).toHaveValue(input.birthDate);
    await expect(this.title).toHaveValue(input.title);
    await expect(this.il).toHaveValue(input.il);
    await expect(this.ilce).toHaveValue(input.ilce);
    await expect(this.addressLine).toHaveValue(input.addressLine);
    await expect(this.postalCode).toHaveValue(input.postalCode);
    await expect(this.term(input.termYears)).toBeChecked();
  }

  async submit(): Promise<void> {
    await this.continueButton.click();
  }

  /** "Devam" stores the draft and opens Bilgilerinizi kontrol edin. */
  async submitExpectingCheck(): Promise<void> {
    await this.submit();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/kontrol$/);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.check.heading, exact: true })).toBeVisible();
  }

  /** "Devam", then the check page's button: the form is submitted and a code sent. */
  async submitExpectingSms(): Promise<void> {
    await this.submitExpectingCheck();
    await this.page.getByRole('button', { name: this.t.check.send, exact: true }).click();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/sms$/);
  }
}
