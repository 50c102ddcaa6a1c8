/**
 * axe-core (WCAG 2.0 / 2.1, A and AA) on every screen of the path, the e-Devlet simulator's
 * login page included (it is served by our API): landing, simulator login, menu, list, form
 * with errors, SMS (also after a wrong code), approval with the Taahhütname open, result —
 * in Turkish, and the main screens in English. The consent step is checked in
 * consent.spec.ts, the error pages in errors.spec.ts. Ayşe has consented beforehand.
 */
import type { Page } from '@playwright/test';
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { fillAndSubmitForm, logInWithEdevlet, openForm, validForm, verifyPhone } from '../support/flows';

/** WCAG 1.4.10 Reflow: at 320 CSS px nothing needs scrolling sideways (tables may, in their own box). */
async function expectNoSidewaysScrolling(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen}: the page is wider than 320 px by ${overflow} px`).toBeLessThanOrEqual(0);
}

test('every screen of the path has no WCAG 2.1 AA violation', async ({
  app,
  sms,
  phone,
  checkScreen,
  preApplicationFor,
  consentedCitizen,
}) => {
  const ayse = await consentedCitizen(citizens.ayse);
  const pre = await preApplicationFor(ayse, { payer: 'person', prepaid: true });

  await app.landing.goto();
  await checkScreen('a11y-01-landing', { axe: true });

  await app.landing.startEdevletLogin();
  await app.simulator.expectLoaded();
  await checkScreen('a11y-02-edevlet-login', { axe: true });

  await test.step('the simulator after a wrong password', async () => {
    await app.simulator.tckn.fill(ayse.tckn);
    await app.simulator.password.fill('yanlış-şifre');
    await app.simulator.submit.click();
    await expect(app.page.getByRole('alert')).toBeVisible();
    await checkScreen('a11y-02b-edevlet-login-error', { axe: true });
  });

  await app.simulator.logIn(ayse);
  await app.list.expectLoaded();
  await checkScreen('a11y-03-applications', { axe: true });

  await app.menu.navLink().click();
  await app.menu.expectLoaded();
  await checkScreen('a11y-04-menu', { axe: true });

  await app.menu.openApplications();
  await app.list.completeApplication(pre.reference);
  await app.form.expectLoaded();
  await checkScreen('a11y-05-form', { axe: true });

  await test.step('the form with errors', async () => {
    await app.form.fill({ mobilePhone: '0312 123 45 67', postalCode: '1' });
    await app.form.submit();
    await expect(app.form.errorSummary).toBeVisible();
    await checkScreen('a11y-06-form-errors', { axe: true });
  });

  await test.step('SMS Onayı, then after a wrong code', async () => {
    await app.form.fill(validForm(phone));
    await app.form.submitExpectingSms();
    await app.sms.expectLoaded();
    await checkScreen('a11y-07-sms', { axe: true });
    const code = await sms.codeFromMessage(phone.e164, 1);
    await app.sms.enterCode(((Number(code) + 1) % 1_000_000).toString().padStart(6, '0'));
    await app.sms.expectTriesLeft(4);
    await checkScreen('a11y-08-sms-wrong-code', { axe: true });
    await app.sms.enterCodeExpectingApproval(code);
  });

  await test.step('E-Onay Verme, then with the Taahhütname open', async () => {
    await app.approval.expectLoaded();
    await checkScreen('a11y-09-approval', { axe: true });
    await app.approval.openAndReadTaahhutname();
    await checkScreen('a11y-10-approval-taahhutname-open', { axe: true });
  });

  await test.step('the result, in Turkish and in English', async () => {
    await app.approval.approveWithEOnay();
    await app.result.expectLoaded();
    await checkScreen('a11y-11-result', { axe: true });
    await app.result.languageSwitch.click();
    await app.in('en').result.expectLoaded();
    await checkScreen('a11y-12-result-en', { axe: true });
  });

  await test.step('Başvuru İşlemleri with the history open, in English', async () => {
    const en = app.in('en');
    await en.result.backToApplications.click();
    await en.list.expectLoaded();
    await en.list.timeline(pre.reference);
    await checkScreen('a11y-13-applications-history-en', { axe: true });
  });
});

test('every screen reflows to 320 CSS pixels without sideways scrolling', async ({
  app,
  page,
  sms,
  phone,
  checkScreen,
  preApplicationFor,
  consentedCitizen,
}) => {
  await page.setViewportSize({ width: 320, height: 720 });
  const zeynep = await consentedCitizen(citizens.zeynep);
  const pre = await preApplicationFor(zeynep, { payer: 'person', prepaid: true });

  await app.landing.goto();
  await expectNoSidewaysScrolling(page, 'landing');
  await logInWithEdevlet(app, zeynep);
  await expectNoSidewaysScrolling(page, 'applications');
  await checkScreen('narrow-03-applications');
  await openForm(app, pre);
  await app.form.submit();
  await expect(app.form.errorSummary).toBeVisible();
  await expectNoSidewaysScrolling(page, 'form with errors');
  await checkScreen('narrow-05-form-errors');
  await fillAndSubmitForm(app, validForm(phone));
  await expectNoSidewaysScrolling(page, 'sms');
  await verifyPhone(app, sms, phone);
  await app.approval.openAndReadTaahhutname();
  await expectNoSidewaysScrolling(page, 'approval');
  await checkScreen('narrow-09-approval');
  await app.approval.approveWithEOnay();
  await expectNoSidewaysScrolling(page, 'result');
  await checkScreen('narrow-11-result');
});
