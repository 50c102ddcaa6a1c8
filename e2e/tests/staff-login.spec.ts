/**
 * The staff login (issue 5): the first operator — made by start-server.sh with
 * `nes-admin create-operator` — logs in with password and TOTP (setting the app up from the
 * key on the page if no spec has yet); the operator creates an officer on "Personel
 * Hesapları" and the officer's first login sets up the authenticator app from the QR code's
 * key (the code computed here from the key shown on the page), then changes the initial
 * password; on the second-factor page a wrong code and a used code are refused. axe-core on
 * every staff screen.
 */
import type { Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { test, expect } from '../support/fixtures';
import { createOfficer, freshCode, lastUsedStep, loginAsStaff } from '../support/staff';
import { codeForStep, base32Decode, totp } from '../support/totp';
import { StaffAccountsPage } from '../pages/staff-accounts-page';
import { StaffEnrolmentPage, StaffLoginPage, StaffSecondFactorPage } from '../pages/staff-login-page';
import { StaffPasswordPage } from '../pages/staff-password-page';

async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
  return context.newPage();
}

test.describe('staff login', () => {
  test('the TOTP codes of the suite are those of RFC 6238', () => {
    // RFC 6238 appendix B, SHA-1: 94287082 at T = 59 s (six digits kept).
    const rfcKey = Buffer.from('12345678901234567890');
    expect(codeForStep(rfcKey, 1)).toBe('287082');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(rfcKey);
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
  });

  test('a wrong password is refused without saying which part was wrong', async ({ page, checkScreen, unique }) => {
    const login = new StaffLoginPage(page);
    await login.goto();
    await checkScreen('staff-01-giris', { axe: true });

    await test.step('empty fields are named in the error summary', async () => {
      await login.submit.click();
      await expect(login.errorSummary).toContainText(login.s.usernameRequired);
      await expect(login.errorSummary).toBeFocused();
      await checkScreen('staff-02-giris-bos', { axe: true });
    });

    await test.step('an unknown user name gets the wrong-password answer', async () => {
      await login.logIn(`kimse.${unique}`, 'yanlış ama uzun bir parola');
      await expect(login.errorSummary).toContainText(login.s.loginFailed);
      await expect(login.errorSummary).toBeFocused();
      await expect(login.password).toHaveValue('');
      await checkScreen('staff-03-giris-hatali', { axe: true });
    });
  });

  test('the first operator logs in with password and TOTP and sees the staff accounts', async ({
    page,
    checkScreen,
  }) => {
    const operator = await test.step('password, then the code (or the app set up from the key on the page)', () =>
      loginAsStaff(page, 'operator'),
    );
    expect(operator.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page).toHaveURL(/\/kamusm\/basvurular$/);
    await expect(page.getByRole('banner')).toContainText('E2E Operatörü');

    const accounts = new StaffAccountsPage(page);
    await accounts.goto();
    await expect(accounts.table.getByRole('row', { name: new RegExp(operator.username) })).toBeVisible();
    await checkScreen('staff-04-personel-hesaplari', { axe: true });
  });

  test('a new officer sets up the authenticator app at the first login and changes the initial password', async ({
    page,
    browser,
    baseURL,
    checkScreen,
    shots,
    unique,
  }, testInfo) => {
    if (!baseURL) throw new Error('the project has no baseURL');
    const username = `sorumlu.${unique}`;

    const initial = await test.step('the operator creates the officer; the initial password is shown once', async () => {
      const operatorPage = await newPage(browser, baseURL);
      await loginAsStaff(operatorPage, 'operator');
      const accounts = new StaffAccountsPage(operatorPage);
      await accounts.goto();
      const password = await accounts.createOfficer(username, 'Deniz Sorumlu', /\(DEV\)$/);
      expect(password.length).toBeGreaterThanOrEqual(12);
      await shots.capture(operatorPage, 'staff-05-hesap-olusturuldu');
      await expectNoA11yViolations(operatorPage, testInfo, 'staff-05-hesap-olusturuldu');
      await operatorPage.context().close();
      return password;
    });

    const login = new StaffLoginPage(page);
    const enrolment = new StaffEnrolmentPage(page);
    const password = new StaffPasswordPage(page);

    const secret = await test.step('password: on to setting up the app', async () => {
      await login.goto();
      await login.logIn(username, initial);
      await expect(page).toHaveURL(/\/personel\/dogrulama-kurulumu$/);
      await enrolment.expectLoaded();
      await expect(enrolment.qrCode).toBeVisible();
      // Drawn by our server: an SVG picture in the page, no QR service.
      await expect(enrolment.qrCode).toHaveAttribute('src', /^data:image\/svg\+xml,/);
      await checkScreen('staff-06-dogrulama-kurulumu', { axe: true });
      return enrolment.secret();
    });

    await test.step('a wrong code does not set it up', async () => {
      await enrolment.enter(totp(secret, Date.now() + 10 * 60_000));
      await expect(enrolment.errorSummary).toContainText(enrolment.s.codeInvalid);
      await checkScreen('staff-07-kurulum-yanlis-kod', { axe: true });
    });

    await test.step('the code computed from the key on the page sets it up; the given password must be changed', async () => {
      await enrolment.enter(await freshCode(secret));
      await expect(page).toHaveURL(/\/personel\/parola\?ilk=1$/);
      await password.expectLoaded();
      await expect(password.mustChangeNote).toBeVisible();
      await expect(password.skip).toHaveCount(0);
      await checkScreen('staff-08-parola', { axe: true });
      await page.goto('/kurum/basvurular');
      await expect(page).toHaveURL(/\/personel\/parola\?ilk=1$/);
      await password.expectLoaded();
    });

    await test.step('a short or common new password is refused, a long one accepted', async () => {
      await password.change(initial, 'kısa parola');
      await expect(password.errorSummary).toContainText(password.s.passwordTooShort);
      await checkScreen('staff-09-parola-hatali', { axe: true });
      await password.change(initial, 'galatasaray1905');
      await expect(password.errorSummary).toContainText(password.s.passwordTooWeak);
      await password.change(initial, 'denizin kıyısında uzun bir yürüyüş');
      await expect(password.changed).toBeVisible();
      await checkScreen('staff-10-parola-degisti', { axe: true });
      await page.getByRole('link', { name: 'Devam et', exact: true }).click();
      await expect(page).toHaveURL(/\/kurum\/basvurular$/);
    });
  });

  test('on the second-factor page a wrong code and a used code are refused', async ({
    page,
    baseURL,
    checkScreen,
    unique,
  }) => {
    if (!baseURL) throw new Error('the project has no baseURL');
    const officer = await test.step('an officer with the app set up (through the API)', () =>
      createOfficer(baseURL, { username: `kod.${unique}` }),
    );
    const login = new StaffLoginPage(page);
    const second = new StaffSecondFactorPage(page);
    await login.goto();
    await login.logIn(officer.username, officer.password);
    await expect(page).toHaveURL(/\/personel\/dogrulama$/);
    await second.expectLoaded();
    await checkScreen('staff-11-dogrulama', { axe: true });

    await test.step('the code used when the app was set up is refused as used', async () => {
      const used = codeForStep(base32Decode(officer.totpSecret), lastUsedStep(officer.totpSecret));
      await second.enter(used);
      await expect(second.errorSummary).toContainText(second.s.codeReplayed);
      await checkScreen('staff-12-dogrulama-kullanilmis-kod', { axe: true });
    });

    await test.step('a wrong code', async () => {
      await second.enter(totp(officer.totpSecret, Date.now() + 10 * 60_000));
      await expect(second.errorSummary).toContainText(second.s.codeInvalid);
      await expect(second.code).toHaveValue('');
    });

    await test.step('a new code logs in', async () => {
      await second.enter(await freshCode(officer.totpSecret));
      await expect(page).toHaveURL(/\/kurum\/basvurular$/);
    });
  });

  test('the operator disables an officer, whose session ends at once, enables them again and resets their password', async ({
    page,
    browser,
    baseURL,
    shots,
    unique,
  }, testInfo) => {
    if (!baseURL) throw new Error('the project has no baseURL');
    const officer = await test.step('an officer with the app set up and a password of their own', () =>
      createOfficer(baseURL, { username: `yasam.${unique}` }),
    );
    await loginAsStaff(page, officer);

    const operatorPage = await newPage(browser, baseURL);
    await loginAsStaff(operatorPage, 'operator');
    const accounts = new StaffAccountsPage(operatorPage);
    await accounts.goto();
    const row = accounts.row(officer.username);

    await test.step('"Devre dışı bırak" asks first, then ends the officer\'s session', async () => {
      await accounts.startAction('disable', officer.username);
      await expect(accounts.confirmation).toContainText(accounts.s.disableTitle);
      await expect(operatorPage.getByRole('heading', { name: accounts.s.disableTitle })).toBeFocused();
      await shots.capture(operatorPage, 'staff-13-hesap-islemi-onayi');
      await expectNoA11yViolations(operatorPage, testInfo, 'staff-13-hesap-islemi-onayi');
      await accounts.confirm();
      await expect(row).toContainText(accounts.s.statusDisabled);
      await page.reload();
      await expect(page).toHaveURL(/\/personel\/giris$/);
    });

    await test.step('"Etkinleştir" lets the account back in', async () => {
      await accounts.startAction('enable', officer.username);
      await expect(accounts.confirmation).toContainText(accounts.s.enableTitle);
      await accounts.confirm();
      await expect(row).toContainText(accounts.s.statusOpen);
    });

    const given = await test.step('"Parolayı sıfırla" shows a new initial password once', async () => {
      await accounts.startAction('reset-password', officer.username);
      await accounts.confirm();
      await expect(operatorPage.getByRole('heading', { name: accounts.s.passwordReset })).toBeVisible();
      return (await accounts.initialPassword.innerText()).trim();
    });
    await operatorPage.context().close();

    await test.step('the officer logs in with it and must choose their own', async () => {
      const before = officer.password;
      await loginAsStaff(page, { ...officer, password: given });
      expect(given).not.toBe(before);
    });
  });
});

