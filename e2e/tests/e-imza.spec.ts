/**
 * Approval with e-İmza (TAL.01.16 §3.4.2): the approval page's "e-İmza ile Onayla" opens the
 * Doğrulama Kodu page; the person runs the e-İmza application with the code, chooses the card
 * (a SoftHSM2 token here) or a .p12 file, enters the PIN and signs; the page turns to
 * "İşlem Başarılı" by itself, without a reload.
 *
 * Zeynep (RSA-2048 certificate) and Mehmet (P-256) have certificates in the project's
 * development PKI; e-İmza needs no e-Onay consent.
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { reachApproval } from '../support/flows';
import { P12_PASSWORD, TOKEN_PIN, runSigningApp, type Credential } from '../support/signing-app';
import type { Citizen } from '../support/citizens';
import type { Page } from '@playwright/test';
import type { App } from '../pages';
import type { Phone } from '../support/fixtures';
import type { SmsInbox } from '../support/sms-gateway';
import type { PreApplication, PreApplicationOptions } from '../support/api';

interface SigningFixtures {
  app: App;
  sms: SmsInbox;
  phone: Phone;
  page: Page;
  preApplicationFor: (citizen: Citizen, options?: Partial<PreApplicationOptions>) => Promise<PreApplication>;
  checkScreen: (name: string, options?: { axe?: boolean }) => Promise<void>;
}

const SUCCESS = 'İşlem Başarılı';

async function signWith(
  { app, sms, phone, page, preApplicationFor, checkScreen }: SigningFixtures,
  citizen: Citizen,
  credential: Credential,
  screen: string,
) {
  const pre = await preApplicationFor(citizen, { payer: 'institution', prepaid: false });
  await reachApproval(app, sms, phone, citizen, pre);

  await test.step('read the Taahhütname, accept it and press "e-İmza ile Onayla"', async () => {
    await app.approval.openAndReadTaahhutname();
    await app.approval.acceptCheckbox.check();
    await app.approval.eImzaButton.click();
    await expect(page).toHaveURL(/\/basvuru\/[^/]+\/e-imza$/);
  });

  const code = await test.step('the Doğrulama Kodu page shows the code, its time and the steps', async () => {
    const output = page.locator('#dogrulama-kodu');
    await expect(output).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(page.locator('#kod-kalan-sure')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Kodu Kopyala' })).toBeVisible();
    await checkScreen(`${screen}-dogrulama-kodu`, { axe: true });
    return (await output.textContent())?.trim() ?? '';
  });

  await test.step('the e-İmza application signs with the code and the PIN', async () => {
    const run = await runSigningApp(test.info(), citizen, code, credential);
    expect(run.output, run.output).toContain(SUCCESS);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).not.toContain(credential.kind === 'token' ? credential.pin : credential.password);
  });

  await test.step('the page turns to "İşlem Başarılı" by itself', async () => {
    const url = page.url();
    await expect(page.locator('#e-imza-durum')).toContainText(SUCCESS, { timeout: 15_000 });
    expect(page.url()).toBe(url);
    await checkScreen(`${screen}-islem-basarili`, { axe: true });
  });
}

test.describe('e-İmza approval', () => {
  test('a card (SoftHSM2 token) and its PIN approve the application and the page says İşlem Başarılı', async ({
    app,
    sms,
    phone,
    page,
    preApplicationFor,
    checkScreen,
  }) => {
    const fixtures = { app, sms, phone, page, preApplicationFor, checkScreen };
    await signWith(fixtures, citizens.zeynep, { kind: 'token', pin: TOKEN_PIN }, 'e-imza-token');
    await test.step('the result names e-İmza', async () => {
      await page.locator('#sonuca-git').click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('E-İmzalı');
    });
  });

  test('a .p12 file approves the application too', async ({ app, sms, phone, page, preApplicationFor, checkScreen }) => {
    const fixtures = { app, sms, phone, page, preApplicationFor, checkScreen };
    await signWith(fixtures, citizens.mehmet, { kind: 'p12', password: P12_PASSWORD }, 'e-imza-p12');
  });
});
