/**
 * The Kamu SM operator (TAL.01.16 §3.4, "payment before production"): the operator logs in
 * (password + TOTP), creates an institution and its API key (shown once), the institution's
 * HR system creates a prepaid pre-application with that key, the applicant completes and
 * approves it, the operator records the payment — production starts by itself — then marks it
 * produced and shipped with a tracking number, and the applicant's Başvuru İşlemleri history
 * shows the payment and the shipping. The key is revoked at the end and refused at once.
 * axe-core on every operator screen.
 *
 * The operator works in a browser context of its own (the staff session cookie), the applicant
 * in the test's page.
 */
import { request, type Browser, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import type { PreApplication } from '../support/api';
import { citizens, type Citizen } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { approveWithEOnay, reachApproval } from '../support/flows';
import { loginAsStaff } from '../support/staff';
import { OperatorApplicationPage } from '../pages/operator-application-page';
import { OperatorApplicationsPage } from '../pages/operator-applications-page';
import { OperatorInstitutionPage } from '../pages/operator-institution-page';
import { OperatorInstitutionsPage } from '../pages/operator-institutions-page';

/** What the API writes on the applicant's history (shared/src/workflow.rs, EventKind). */
const history = {
  paymentReceived: 'Ödeme alındı',
  productionStarted: 'Sertifika üretimi başladı',
  produced: 'Sertifika üretildi',
  shipped: 'Kargoya verildi',
};

/** `POST /api/pre-applications` as the institution's HR system, with its own key. */
async function preApplicationWithKey(
  baseURL: string,
  key: string,
  citizen: Citizen,
  institution: string,
): Promise<PreApplication> {
  const api = await request.newContext({ baseURL });
  try {
    const email = `${citizen.tckn}@kurum.gov.tr`;
    const response = await api.post('/api/pre-applications', {
      headers: { Authorization: `Bearer ${key}` },
      data: {
        items: [
          {
            tckn: citizen.tckn,
            first_name: citizen.firstName,
            last_name: citizen.lastName,
            email,
            institution,
            payer: 'person',
            prepaid: true,
          },
        ],
      },
    });
    expect(response.status(), await response.text()).toBe(200);
    const row = (await response.json()).results[0];
    expect(row.outcome, JSON.stringify(row)).toBe('created');
    return { id: row.application_id, reference: row.reference, institution, email, citizen, payer: 'person', prepaid: true };
  } finally {
    await api.dispose();
  }
}

async function statusWithKey(baseURL: string, key: string): Promise<number> {
  const api = await request.newContext({ baseURL });
  try {
    const response = await api.post('/api/pre-applications', {
      headers: { Authorization: `Bearer ${key}` },
      data: { items: [] },
    });
    return response.status();
  } finally {
    await api.dispose();
  }
}

async function operatorPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
  return context.newPage();
}

test.describe('Kamu SM operator', () => {
  test('records the payment of a prepaid application and ships it, and the applicant sees both', async ({
    app,
    browser,
    baseURL,
    sms,
    phone,
    shots,
    unique,
    consentedCitizen,
  }, testInfo) => {
    if (!baseURL) throw new Error('the project has no baseURL');
    const zeynep = await consentedCitizen(citizens.zeynep);
    const page = await operatorPage(browser, baseURL);
    const check = async (name: string) => {
      await shots.capture(page, name);
      await expectNoA11yViolations(page, testInfo, name);
    };
    const institutions = new OperatorInstitutionsPage(page);
    const institution = new OperatorInstitutionPage(page);
    const list = new OperatorApplicationsPage(page);
    const detail = new OperatorApplicationPage(page);
    const code = `E2E-${unique}`.toUpperCase().replace(/[^A-Z0-9_-]/g, '-').slice(0, 20);
    const name = `E2E Deneme Kurumu ${unique}`;

    await test.step('the operator logs in with password and TOTP', async () => {
      await loginAsStaff(page, 'operator');
    });

    let key = '';
    await test.step('the operator creates an institution and its API key, shown once', async () => {
      await institutions.goto();
      await check('operator-01-kurumlar');
      await institutions.createAndOpen(code, name);
      await institution.expectLoaded();
      key = await institution.createKeyNamed('İK sistemi');
      await expect(institution.copyKey).toBeVisible();
      await check('operator-02-api-anahtari');
    });

    const pre = await test.step('the institution’s HR system creates a prepaid pre-application with the new key', () =>
      preApplicationWithKey(baseURL, key, zeynep, name),
    );

    await test.step('the applicant completes and approves it: it waits for the payment', async () => {
      await reachApproval(app, sms, phone, zeynep, pre);
      await approveWithEOnay(app);
      await expect(app.result.productionWaits).toBeVisible();
    });

    await test.step('the operator finds it and records the payment: production starts by itself', async () => {
      await list.goto();
      await check('operator-03-basvurular');
      await list.open(pre.reference);
      await detail.expectLoaded();
      await detail.expectReference(pre.reference);
      await expect(detail.state).toHaveText('Ödeme bekleniyor');
      await check('operator-04-basvuru');
      await detail.recordPayment();
      await expect(detail.state).toHaveText('Üretimde');
    });

    await test.step('shipping needs a tracking number', async () => {
      await detail.markProduced();
      await expect(detail.state).toHaveText('Üretildi');
      const summary = await detail.markShippedExpectingErrors();
      await expect(summary).toContainText('Kargo takip numarasını girin');
      await check('operator-05-kargo-hatasi');
    });

    const trackingNumber = `KP${Date.now().toString().slice(-8)}TR`;
    await test.step('the operator marks it shipped with the courier and the tracking number', async () => {
      await detail.markShipped('PTT Kargo', trackingNumber);
      await expect(detail.state).toHaveText('Kargoya verildi');
      await expect(detail.shipment).toContainText(trackingNumber);
      await expect(detail.auditTrail).toContainText('Ödeme kaydedildi');
      await expect(detail.auditTrail).toContainText(`Kargo: PTT Kargo ${trackingNumber}`);
      await check('operator-06-kargoda');
    });

    await test.step('the applicant was told by SMS, with the tracking number', async () => {
      const messages = await sms.waitForMessages(phone.e164, 4);
      expect(messages.some((m) => m.text.includes(trackingNumber))).toBe(true);
    });

    await test.step('Başvuru İşlemleri shows the payment and the shipping with its tracking number', async () => {
      await app.list.goto();
      await app.list.expectListed(pre.reference, 'completed', 'Kargoya verildi');
      const timeline = await app.list.timeline(pre.reference);
      const expected = [history.paymentReceived, history.productionStarted, history.produced, history.shipped];
      const positions = expected.map((label) => timeline.findIndex((entry) => entry.includes(label)));
      expect(positions, `history: ${JSON.stringify(timeline)}`).not.toContain(-1);
      expect(positions, 'in the order they happened').toEqual([...positions].sort((a, b) => a - b));
      const shipped = timeline.find((entry) => entry.includes(history.shipped)) ?? '';
      expect(shipped).toContain('PTT Kargo');
      expect(shipped).toContain(`Kargo takip numarası: ${trackingNumber}`);
    });

    await test.step('the operator revokes the key, and it is refused at once', async () => {
      await institutions.goto();
      await institutions.table.getByRole('link', { name, exact: true }).click();
      await institution.expectLoaded();
      await institution.revoke('İK sistemi');
      await check('operator-07-anahtar-iptal');
      expect(await statusWithKey(baseURL, key)).toBe(401);
    });

    await page.context().close();
  });
});
