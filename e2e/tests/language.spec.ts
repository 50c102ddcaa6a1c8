/**
 * Turkish first, English on request: the switch ("English" / "Türkçe") changes every visible
 * heading and `<html lang>`, and the choice survives reloads — also across the e-Devlet
 * round trip. Mehmet has consented to e-Onay beforehand (through the API).
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import type { BasePage } from '../pages/base-page';
import { validForm } from '../support/flows';

/** Headings that are only a reference (NES-2026-000123) read the same in both languages. */
function translatable(headings: string[]): string[] {
  return headings.filter((text) => !/^NES-\d{4}-\d{6}$/.test(text));
}

/** Switches from `from`'s language to `to`'s and checks that every heading changed. */
async function switchLanguage(from: BasePage, to: BasePage): Promise<void> {
  await test.step(`switch ${from.lang} → ${to.lang}: every heading changes`, async () => {
    await from.expectLoaded();
    const before = translatable(await from.visibleHeadings());
    await from.languageSwitch.click();
    await to.expectLoaded();
    await expect(to.languageSwitch).toBeVisible();
    await expect.poll(async () => translatable(await to.visibleHeadings()).length).toBe(before.length);
    const after = translatable(await to.visibleHeadings());
    const unchanged = after.filter((text, i) => text === before[i]);
    expect(unchanged, `headings ${JSON.stringify(before)} → ${JSON.stringify(after)}`).toEqual([]);
  });
}

/** English → Turkish → English on the current screen. */
async function bothWays(en: BasePage, tr: BasePage): Promise<void> {
  await switchLanguage(en, tr);
  await switchLanguage(tr, en);
}

async function reloadKeeps(screen: BasePage): Promise<void> {
  await test.step(`a reload keeps ${screen.lang}`, async () => {
    await screen.page.reload();
    await screen.expectLoaded();
    await expect(screen.languageSwitch).toBeVisible();
  });
}

test.describe('language', () => {
  test('the landing page switches to English and back, and the choice survives a reload', async ({ app, checkScreen }) => {
    const en = app.in('en');
    await app.landing.goto();
    await switchLanguage(app.landing, en.landing);
    await expect(en.landing.edevletLogin).toBeVisible();
    await expect(en.landing.eimzaLogin).toBeVisible();
    await checkScreen('en-01-landing');
    await reloadKeeps(en.landing);
    await switchLanguage(en.landing, app.landing);
    await reloadKeeps(app.landing);
  });

  test('every screen of the path reads in English, and the choice survives reloads and the e-Devlet round trip', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const mehmet = await consentedCitizen(citizens.mehmet);
    const pre = await preApplicationFor(mehmet, { payer: 'person', prepaid: false });
    const tr = app;
    const en = app.in('en');

    await test.step('choose English on the landing page and log in', async () => {
      await tr.landing.goto();
      await switchLanguage(tr.landing, en.landing);
      await en.landing.startEdevletLogin();
      await en.simulator.logIn(mehmet);
      await en.list.expectLoaded();
      await expect(en.list.sectionHeading).toBeVisible();
      await checkScreen('en-03-applications');
    });

    await bothWays(en.list, tr.list);

    await test.step('the menu in English', async () => {
      await en.menu.navLink().click();
      await en.menu.expectLoaded();
      await checkScreen('en-04-menu');
    });
    await bothWays(en.menu, tr.menu);

    await test.step('through the menu to the form, in English', async () => {
      await en.menu.openApplications();
      await en.list.completeApplication(pre.reference);
      await en.form.expectLoaded();
      await en.form.expectLocked({
        tckn: mehmet.tckn,
        firstName: mehmet.firstName,
        lastName: mehmet.lastName,
        email: pre.email,
        institution: pre.institution,
      });
    });
    await bothWays(en.form, tr.form);

    await test.step('errors in English', async () => {
      await en.form.submit();
      await expect(en.form.errorSummary).toBeVisible();
      await expect(en.form.errorSummary).toContainText('Enter your mobile phone number');
      await checkScreen('en-05-form-errors');
      await en.form.languageSwitch.click();
      await expect(tr.form.errorSummary).toContainText('Cep telefonu numaranızı girin');
      await expect(tr.form.mobilePhone).toHaveAccessibleDescription(/Cep telefonu numaranızı girin/);
      await tr.form.languageSwitch.click();
      await expect(en.form.errorSummary).toContainText('Enter your mobile phone number');
    });
    await reloadKeeps(en.form);

    await test.step('the form filled in with the English labels', async () => {
      await en.form.fill(validForm(phone));
      await en.form.submitExpectingSms();
      await en.sms.expectLoaded();
      await expect(en.sms.noCodeHeading).toBeVisible();
      await checkScreen('en-06-sms');
    });
    await bothWays(en.sms, tr.sms);
    await reloadKeeps(en.sms);

    await test.step('a wrong code is explained in English', async () => {
      const code = await sms.codeFromMessage(phone.e164, 1);
      const wrong = ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');
      await en.sms.enterCode(wrong);
      await en.sms.expectTriesLeft(4);
      await en.sms.enterCodeExpectingApproval(code);
      await en.approval.expectLoaded();
    });
    await bothWays(en.approval, tr.approval);

    await test.step('the Taahhütname and E-Onay in English', async () => {
      await en.approval.openAndReadTaahhutname();
      await checkScreen('en-08-approval');
      await en.approval.approveWithEOnay();
      await en.result.expectLoaded();
      await expect(en.result.paymentHeading).toBeVisible();
      await checkScreen('en-09-result');
    });
    await bothWays(en.result, tr.result);
    await reloadKeeps(en.result);
  });
});
