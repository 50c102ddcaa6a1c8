/**
 * Logging in with e-İmza (TAL.01.16 §3.2): "e-İmza ile Giriş" on the landing page shows a
 * one-time code; the person runs the same e-İmza application that approves applications with
 * that code, their card (a SoftHSM2 token here) and PIN; the page logs in by itself and shows
 * Başvuru İşlemleri. İbrahim Güneş's certificate is revoked in the development CRL: his login
 * is refused and the page says why.
 *
 * Nobody consents to anything here and nothing is approved, so these logins do not disturb
 * the roles citizens.ts gives each test citizen.
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { TOKEN_PIN, P12_PASSWORD, runSigningApp } from '../support/signing-app';
import { EImzaGirisPage } from '../pages/e-imza-giris-page';
import { BasvuruIslemleriPage } from '../pages/basvuru-islemleri-page';

test.describe('e-İmza login', () => {
  test('the signing app signs the code from the login page and the page logs in by itself', async ({ page, checkScreen }) => {
    const login = new EImzaGirisPage(page);

    await test.step('the landing page offers e-İmza ile Giriş', async () => {
      await login.goto();
      await expect(login.startButton).toHaveAttribute('aria-expanded', 'false');
    });

    const code = await test.step('pressing it shows a one-time code, its time and the steps', async () => {
      const shown = await login.start();
      await expect(login.status).toContainText('İmza uygulamasının bağlanması bekleniyor');
      await expect(login.copyButton).toBeVisible();
      await expect(login.panel).toContainText('Kodun kalan süresi');
      await expect(login.panel.getByRole('heading', { name: 'Adım adım e-İmza ile giriş' })).toBeVisible();
      await checkScreen('e-imza-giris-kodu', { axe: true });
      return shown;
    });

    await test.step('the e-İmza application signs the login with the card and the PIN', async () => {
      const run = await runSigningApp(test.info(), citizens.ayse, code, { kind: 'token', pin: TOKEN_PIN });
      expect(run.exitCode, run.output).toBe(0);
      expect(run.output).toContain("İmzalanacak: Online İşlemler'e giriş");
      expect(run.output).toContain('İşlem Başarılı — girişiniz onaylandı.');
      expect(run.output).not.toContain(TOKEN_PIN);
    });

    await test.step('the page logs in by itself and shows Başvuru İşlemleri', async () => {
      const list = new BasvuruIslemleriPage(page);
      await expect(page).toHaveURL(/\/basvuru-islemleri$/, { timeout: 15_000 });
      await list.expectLoaded();
      await expect(page.getByRole('banner')).toContainText(`${citizens.ayse.firstName} ${citizens.ayse.lastName}`);
      await checkScreen('e-imza-giris-basvuru-islemleri', { axe: true });
    });
  });

  test('a revoked certificate is refused and the page and the app say why', async ({ page, checkScreen }) => {
    const login = new EImzaGirisPage(page);
    await login.goto();
    const code = await login.start();

    await test.step('İbrahim signs with his revoked certificate (.p12)', async () => {
      const run = await runSigningApp(test.info(), citizens.ibrahim, code, { kind: 'p12', password: P12_PASSWORD });
      expect(run.exitCode, run.output).toBe(10);
      expect(run.output).toContain('Sunucu imzayı reddetti: certificate_revoked');
      expect(run.output).toContain('Sertifika iptal edilmiş.');
    });

    await test.step('the page shows the refusal and stays on the login page', async () => {
      await expect(login.status).toContainText('Giriş yapılamadı', { timeout: 15_000 });
      await expect(login.status).toContainText('Seçilen sertifika iptal edilmiş.');
      await expect(login.panel.getByRole('button', { name: 'Yeni kod al', exact: true })).toBeVisible();
      await expect(login.code).toHaveCount(0);
      expect(new URL(page.url()).pathname).toBe('/');
      await checkScreen('e-imza-giris-reddedildi', { axe: true });
    });

    await test.step('nobody is logged in', async () => {
      const session = await page.request.get('/api/session');
      expect(session.status()).toBe(401);
    });
  });
});
