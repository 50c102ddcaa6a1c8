/**
 * The whole e-Onay path (TAL.01.16 §3.1–3.4.1): a pre-application created by the institution's
 * HR system → e-Devlet login → NES İşlemleri menu → Başvuru İşlemleri → Başvuru Formu → SMS
 * Onayı → E-Onay Verme → E-Onaylı Başvuru Tamamlandı, then the application's history.
 *
 * Ayşe has consented to e-Onay beforehand (through the API); the consent step itself is
 * consent.spec.ts.
 */
import { apiLabels } from '../support/labels';
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { escapeRegExp } from '../support/text';
import { fillAndSubmitForm, goThroughMenu, logInWithEdevlet, openForm, reachApproval, validForm, verifyPhone } from '../support/flows';

test.describe('e-Onay path', () => {
  test('an institution-paid application goes from pre-application to the result page, and its history shows every step', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const ayse = await consentedCitizen(citizens.ayse);
    const pre = await preApplicationFor(ayse, { payer: 'institution', prepaid: false });
    const events = apiLabels.tr.events;

    await test.step('the landing page offers e-Devlet and e-İmza', async () => {
      await app.landing.goto();
      await expect(app.landing.edevletLogin).toBeVisible();
      await expect(app.landing.eimzaLogin).toBeVisible();
      await checkScreen('01-landing');
    });

    await test.step('e-Devlet ile Giriş leads to the gateway, which sends the person back to Başvuru İşlemleri', async () => {
      await app.landing.startEdevletLogin();
      await app.simulator.expectLoaded();
      await checkScreen('02-edevlet-login');
      await app.simulator.logIn(ayse);
      await app.list.expectLoaded();
    });

    await test.step('Başvuru İşlemleri lists the new pre-application as ongoing', async () => {
      await expect(app.list.sectionHeading).toBeVisible();
      await app.list.expectListed(pre.reference, 'ongoing', apiLabels.tr.states.preApplication);
      await expect(app.list.table('ongoing').getByRole('columnheader', { name: app.list.t.list.colAction, exact: true })).toBeVisible();
      await expect(app.list.completeLink(pre.reference)).toBeVisible();
      await checkScreen('03-basvuru-islemleri');
    });

    await test.step('the menu leads there too', async () => {
      await app.menu.navLink().click();
      await app.menu.expectLoaded();
      await expect(app.menu.individual).toBeVisible();
      await checkScreen('04-nes-islemleri');
      await app.menu.openApplications();
      await app.list.expectLoaded();
    });

    await openForm(app, pre);

    await test.step('the form shows what the pre-application knows, locked', async () => {
      await app.form.expectLocked({
        tckn: ayse.tckn,
        firstName: ayse.firstName,
        lastName: ayse.lastName,
        email: pre.email,
        institution: pre.institution,
      });
      await checkScreen('05-basvuru-formu');
    });

    await fillAndSubmitForm(app, validForm(phone));

    await test.step('the SMS page names the number, partly hidden', async () => {
      await app.sms.expectMaskedNumber(phone.masked);
      await expect(app.sms.noCodeHeading).toBeVisible();
      await checkScreen('06-sms-onayi');
    });

    await verifyPhone(app, sms, phone);

    await test.step('the approval page: the Taahhütname must be read before it can be accepted', async () => {
      await expect(app.approval.consentCheckbox).toHaveCount(0);
      await expect(app.approval.eImzaButton).toBeVisible();
      await expect(app.approval.acceptCheckbox).toBeDisabled();
      await checkScreen('07-e-onay-verme');
      await app.approval.openAndReadTaahhutname();
      await expect(app.approval.acceptCheckbox).toBeEnabled();
      await checkScreen('08-taahhutname-open');
    });

    await test.step('E-Onay completes the application', async () => {
      await app.approval.approveWithEOnay();
      await app.result.expectLoaded();
      await app.result.expectReference(pre.reference);
      await expect(app.result.paidByInstitution).toBeVisible();
      await checkScreen('09-sonuc-institution');
    });

    await test.step('Başvuru İşlemleri now lists it as completed, in production', async () => {
      await app.result.backToApplications.click();
      await app.list.expectLoaded();
      await app.list.expectListed(pre.reference, 'completed', apiLabels.tr.states.inProduction);
      await expect(app.list.completeLink(pre.reference)).toHaveCount(0);
    });

    await test.step('the history shows each step in order', async () => {
      const timeline = await app.list.timeline(pre.reference);
      const expected = [
        events.preApplicationCreated,
        events.formSubmitted,
        events.smsCodeSent,
        events.phoneVerified,
        events.approvedWithEOnay,
        events.productionStarted,
      ];
      const positions = expected.map((label) => timeline.findIndex((entry) => entry.includes(label)));
      expect(positions, `history: ${JSON.stringify(timeline)}`).not.toContain(-1);
      expect(positions, 'in the order they happened').toEqual([...positions].sort((a, b) => a - b));
      await checkScreen('10-basvuru-islemleri-history');
    });
  });

  test('a prepaid application paid by the person ends with the payment steps', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const ayse = await consentedCitizen(citizens.ayse);
    const pre = await preApplicationFor(ayse, { payer: 'person', prepaid: true });

    await logInWithEdevlet(app, ayse);
    await goThroughMenu(app);
    await openForm(app, pre);
    await fillAndSubmitForm(app, validForm(phone, { termYears: 3 }));

    await test.step('left for later, the application waits in the list for its SMS code', async () => {
      await app.list.goto();
      await app.list.expectListed(pre.reference, 'ongoing', apiLabels.tr.states.formSubmitted);
      await app.list.action(pre.reference, app.list.t.list.enterSms).click();
      await app.sms.expectLoaded();
      await app.sms.expectMaskedNumber(phone.masked);
    });

    await verifyPhone(app, sms, phone);

    await test.step('left for later again, "Onay Ver" brings the person back to E-Onay Verme', async () => {
      await app.list.goto();
      await app.list.expectListed(pre.reference, 'ongoing', apiLabels.tr.states.phoneVerified);
      await app.list.action(pre.reference, app.list.t.list.approve).click();
      await app.approval.expectLoaded();
    });

    await test.step('approve with E-Onay', async () => {
      await app.approval.openAndReadTaahhutname();
      await app.approval.approveWithEOnay();
      await app.result.expectLoaded();
    });

    await test.step('the result shows what to pay, with which reference, and that production waits for it', async () => {
      await app.result.expectReference(pre.reference);
      await expect(app.result.paymentHeading).toBeVisible();
      await expect(app.result.paidByInstitution).toHaveCount(0);
      // PRICE_3_YEARS_KURUS default: 99000 kuruş.
      await expect(app.result.definition(app.result.t.result.amount)).toHaveText('990,00 TL');
      await expect(app.result.definition(app.result.t.result.paymentReference)).toHaveText(/\S{6,}/);
      await expect(app.result.productionWaits).toBeVisible();
      await checkScreen('11-sonuc-person-prepaid');
    });

    await test.step('Başvuru İşlemleri keeps it among the ongoing ones, with "Ödeme Bilgileri" leading back to the result', async () => {
      await app.result.backToApplications.click();
      await app.list.expectListed(pre.reference, 'ongoing', apiLabels.tr.states.awaitingPayment);
      const timeline = await app.list.timeline(pre.reference);
      expect(timeline.some((entry) => entry.includes(apiLabels.tr.events.paymentAwaited)), JSON.stringify(timeline)).toBe(true);
      await app.list.action(pre.reference, app.list.t.list.paymentInfo).click();
      await app.result.expectLoaded();
      await app.result.expectReference(pre.reference);
    });
  });

  test('"e-İmza ile Onayla" opens the Doğrulama Kodu page, which points a person without a NES back to E-Onay', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const ayse = await consentedCitizen(citizens.ayse);
    const pre = await preApplicationFor(ayse);
    await reachApproval(app, sms, phone, ayse, pre);

    await test.step('read and accept the Taahhütname, then e-İmza ile Onayla', async () => {
      await app.approval.openAndReadTaahhutname();
      await app.approval.acceptCheckbox.check();
      await app.approval.eImzaButton.click();
      await app.eImza.expectLoaded();
      await expect(app.page.locator('#dogrulama-kodu')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await checkScreen('12-e-imza', { axe: true });
    });

    await test.step('no valid NES: back to E-Onay, the application still waits for approval', async () => {
      await app.eImza.back.click();
      await app.approval.expectLoaded();
      await expect(app.approval.readTaahhutname).toBeVisible();
    });
  });

  test('E-Onay without ticking the box is explained, and the summary leads to the box', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const ayse = await consentedCitizen(citizens.ayse);
    const pre = await preApplicationFor(ayse);
    await reachApproval(app, sms, phone, ayse, pre);
    const approval = app.approval;
    const summary = app.page.getByRole('alert', { name: approval.t.form.errorSummary, exact: true });

    await test.step('read the Taahhütname but press E-Onay without ticking the box', async () => {
      await approval.openAndReadTaahhutname();
      await approval.eOnayButton.click();
      await expect(summary).toBeVisible();
      await expect(approval.page).toHaveURL(/\/onay$/);
      await checkScreen('approval-accept-missing', { axe: true });
    });

    await test.step('the summary link focuses the box; ticking it and E-Onay approve', async () => {
      await summary.getByRole('link', { name: approval.t.approval.acceptRequired }).click();
      await expect(approval.acceptCheckbox).toBeFocused();
      await expect(approval.acceptCheckbox).toHaveAccessibleDescription(new RegExp(escapeRegExp(approval.t.approval.acceptRequired)));
      await approval.approveWithEOnay();
      await app.result.expectLoaded();
    });
  });

  test('E-Onay pressed before the Taahhütname is read: the summary leads to where the person can act', async ({
    app,
    sms,
    phone,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const ayse = await consentedCitizen(citizens.ayse);
    const pre = await preApplicationFor(ayse);
    await reachApproval(app, sms, phone, ayse, pre);
    const approval = app.approval;
    await approval.eOnayButton.click();
    const link = app.page
      .getByRole('alert', { name: approval.t.form.errorSummary, exact: true })
      .getByRole('link', { name: approval.t.approval.acceptRequired });
    await link.click();
    await expect(link).not.toBeFocused();
    // The box stays disabled until the Taahhütname is read: the link leads to "Taahhütnameyi Oku".
    await expect(approval.readTaahhutname).toBeFocused();

    // Opened but not read to its end: the link leads into the text, whose scrolling enables the box.
    await approval.readTaahhutname.click();
    await expect(approval.taahhutnameText).toBeVisible();
    await expect(approval.acceptCheckbox).toBeDisabled();
    await approval.eOnayButton.click();
    await link.click();
    await expect(approval.taahhutnameText).toBeFocused();
    await expect(approval.acceptCheckbox).toBeDisabled();
  });
});
