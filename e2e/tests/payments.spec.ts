/**
 * Payment people can act on (issue 13): for each of the four combinations — the person or
 * the institution pays, production waits for the payment (ön ödemeli) or not — the approval
 * page says what approving sets off, the result page says what happens next and, when the
 * person pays, where to (bank, account holder, IBAN, the description to write), and
 * Başvuru İşlemleri keeps an unpaid application among the ongoing ones with "Ödeme Bilgileri".
 *
 * Then the operator: recording a payment asks for the amount, the day and the receipt number,
 * shows the e-mail and SMS the applicant will get and asks for a confirmation; the payment can
 * be reversed with a reason; the application page shows what the card is made with and shipped
 * to; the audit trail says it in words. axe-core on every new or changed screen.
 */
import { expectNoA11yViolations } from '../support/a11y';
import { apiLabels, labels } from '../support/labels';
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { approveWithEOnay, reachApproval } from '../support/flows';
import { loginAsStaff } from '../support/staff';
import { OperatorApplicationPage, today } from '../pages/operator-application-page';
import { OperatorApplicationsPage } from '../pages/operator-applications-page';
import { OperatorInstitutionsPage } from '../pages/operator-institutions-page';

const result = labels.tr.result;
const states = apiLabels.tr.states;

/** The development server's account (api/src/config.rs, DEV_PAYMENT_IBAN). */
const IBAN = 'TR33 0006 1005 1978 6457 8413 26';

const combinations = [
  {
    name: 'the person pays before production',
    payer: 'person' as const,
    prepaid: true,
    intro: 'Başvurunuz ön ödemelidir: sertifikanızın üretimi, ödemeniz Kamu SM\'ye ulaştığında başlar.',
    notice: result.productionWaits,
    personPays: true,
    section: 'ongoing' as const,
    state: states.awaitingPayment,
  },
  {
    name: 'the person pays during production',
    payer: 'person' as const,
    prepaid: false,
    intro: 'Ücreti üretim sürerken ödeyebilirsiniz',
    notice: result.postpaid,
    personPays: true,
    section: 'ongoing' as const,
    state: states.inProduction,
  },
  {
    name: 'the institution pays before production',
    payer: 'institution' as const,
    prepaid: true,
    intro: 'Sertifikanızın üretimi, kurumunuzun ödemesi Kamu SM\'ye ulaştığında başlar.',
    notice: result.paidByInstitutionPrepaid,
    personPays: false,
    section: 'completed' as const,
    state: states.awaitingPayment,
  },
  {
    name: 'the institution pays, production starts at once',
    payer: 'institution' as const,
    prepaid: false,
    intro: 'Ücreti kurumunuz öder; sizin bir ödeme yapmanız gerekmez.',
    notice: result.paidByInstitution,
    personPays: false,
    section: 'completed' as const,
    state: states.inProduction,
  },
];

test.describe('Payment texts', () => {
  for (const c of combinations) {
    test(`${c.name}: the approval page, the result page and the list say so`, async ({
      app,
      sms,
      phone,
      checkScreen,
      preApplicationFor,
      consentedCitizen,
    }) => {
      const ayse = await consentedCitizen(citizens.ayse);
      const pre = await preApplicationFor(ayse, { payer: c.payer, prepaid: c.prepaid });
      const slug = `${c.payer}-${c.prepaid ? 'prepaid' : 'postpaid'}`;
      await reachApproval(app, sms, phone, ayse, pre);

      await test.step('the approval page says what approving sets off, for this payer', async () => {
        const lead = app.page.locator('p.lead');
        await expect(lead).toContainText(c.intro);
        if (c.payer === 'institution') await expect(lead).not.toContainText('ödemeniz');
        await checkScreen(`odeme-onay-${slug}`, { axe: true });
      });

      await approveWithEOnay(app);

      await test.step('the result page tells what happens next and how to pay', async () => {
        await expect(app.page.getByText(c.notice, { exact: true })).toBeVisible();
        if (c.prepaid && c.payer === 'institution') {
          await expect(app.page.getByText(result.institutionPaymentWaits, { exact: true })).toBeVisible();
          await expect(app.page.getByText(result.productionStarted, { exact: true })).toHaveCount(0);
        }
        const iban = app.result.definition(result.iban);
        if (c.personPays) {
          await expect(iban).toHaveText(IBAN);
          await expect(app.result.definition(result.bank)).not.toBeEmpty();
          await expect(app.result.definition(result.accountHolder)).not.toBeEmpty();
          const reference = (await app.result.definition(result.paymentReference).innerText()).trim();
          await expect(app.result.definition(result.description)).toContainText(reference);
        } else {
          await expect(iban).toHaveCount(0);
        }
        await checkScreen(`odeme-sonuc-${slug}`, { axe: true });
      });

      await test.step('Başvuru İşlemleri keeps an application the person has to pay among the ongoing ones', async () => {
        await app.list.goto();
        await app.list.expectListed(pre.reference, c.section, c.state);
        const action = c.personPays ? app.list.t.list.paymentInfo : app.list.t.list.result;
        await app.list.action(pre.reference, action).click();
        await app.result.expectLoaded();
      });
    });
  }
});

test.describe('Operator payment', () => {
  test('asks for the details and a confirmation, shows what will be sent, and can be reversed', async ({
    app,
    browser,
    baseURL,
    sms,
    phone,
    shots,
    unique,
    preApplicationFor,
    consentedCitizen,
  }, testInfo) => {
    if (!baseURL) throw new Error('the project has no baseURL');
    const zeynep = await consentedCitizen(citizens.zeynep);
    const pre = await preApplicationFor(zeynep, { payer: 'person', prepaid: true });
    await reachApproval(app, sms, phone, zeynep, pre);
    await approveWithEOnay(app);

    const context = await browser.newContext({ baseURL, locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
    const page = await context.newPage();
    const check = async (name: string) => {
      await shots.capture(page, name);
      await expectNoA11yViolations(page, testInfo, name);
    };
    const detail = new OperatorApplicationPage(page);
    const o = detail.o;
    await loginAsStaff(page, 'operator');

    await test.step('the Kurum filter lists an institution that has no API key', async () => {
      const institutions = new OperatorInstitutionsPage(page);
      await institutions.goto();
      const code = `NOKEY-${unique}`.toUpperCase().replace(/[^A-Z0-9_-]/g, '-').slice(0, 20);
      const name = `Anahtarsız Kurum ${unique}`;
      await institutions.createAndOpen(code, name);
      const list = new OperatorApplicationsPage(page);
      await list.goto();
      await expect(list.institution.getByRole('option', { name, exact: true })).toHaveCount(1);
    });

    await test.step('the application page shows what the card is made with and shipped to', async () => {
      const list = new OperatorApplicationsPage(page);
      await list.goto();
      await list.open(pre.reference);
      await detail.expectLoaded();
      await expect(detail.cardDetails).toContainText('Şube Müdürü');
      await expect(detail.cardDetails).toContainText('Atatürk Bulvarı No: 221 Kavaklıdere');
      await expect(detail.cardDetails).toContainText('23.04.1985');
      await expect(detail.cardDetails).toContainText('2 yıl');
      await check('operator-odeme-01-basvuru');
    });

    const amount = page.getByLabel(o.amount, { exact: true });
    const fee = await amount.inputValue();
    await test.step('a wrong amount is refused before anything is sent', async () => {
      expect(fee).toMatch(/^\d+,\d\d$/);
      await detail.enterPayment({ amount: '1,00', paidOn: today(), receiptNumber: 'DKT-E2E-1' });
      const summary = page.getByRole('alert').filter({ hasText: 'Tutar, başvurunun ücretiyle aynı olmalıdır' });
      await expect(summary).toBeFocused();
      await expect(detail.state).toHaveText(states.awaitingPayment);
    });

    await test.step('the confirmation shows the e-mail and the SMS the applicant will get', async () => {
      await detail.enterPayment({ amount: fee, paidOn: today(), receiptNumber: 'DKT-E2E-1' });
      await expect(detail.confirmHeading).toBeFocused();
      await expect(page.getByText(o.startsProduction, { exact: true })).toBeVisible();
      await expect(detail.messagePreviews).toHaveCount(2);
      await expect(detail.messagePreviews.first()).toContainText('Ödemeniz alındı');
      await expect(detail.messagePreviews.nth(1)).toContainText(pre.reference);
      await check('operator-odeme-02-onay');
      // Nothing is recorded until the operator confirms.
      await expect(detail.state).toHaveText(states.awaitingPayment);
    });

    await test.step('confirmed, the payment is recorded with its receipt and production starts', async () => {
      await detail.confirmPayment();
      await expect(detail.state).toHaveText(states.inProduction);
      await expect(detail.payments).toContainText('DKT-E2E-1');
      await expect(detail.auditTrail).toContainText('Ödeme kaydedildi');
      await expect(detail.auditTrail).toContainText('Ödeme alındı → Sertifika üretimi başladı');
      await expect(detail.auditTrail).not.toContainText('production_started');
      await check('operator-odeme-03-kaydedildi');
    });

    await test.step('the operator reverses it with a reason: it waits for the payment again', async () => {
      const reason = 'Dekont başka bir başvuruya ait';
      await detail.reversePayment(reason);
      await expect(detail.state).toHaveText(states.awaitingPayment);
      await expect(detail.payments).toContainText(reason);
      await expect(detail.auditTrail).toContainText('Ödeme kaydı geri alındı');
      await expect(detail.auditTrail).toContainText(reason);
      await check('operator-odeme-04-geri-alindi');
    });

    await test.step('each act is one line of the audit trail', async () => {
      const rows = detail.auditTrail.getByRole('row');
      await expect(rows.filter({ hasText: 'Ödeme kaydedildi' })).toHaveCount(1);
      await expect(rows.filter({ hasText: 'Ön başvuru oluşturuldu' })).toHaveCount(1);
    });

    await context.close();
  });
});
