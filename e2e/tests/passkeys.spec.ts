/**
 * Passkeys: an applicant who logged in with e-Devlet adds a passkey on "Geçiş Anahtarlarım",
 * logs out, and logs in again with the passkey alone (no ID number typed); renames and removes
 * it; a removed passkey no longer logs in. Chromium's virtual authenticator stands for the
 * phone (support: ../shared/setup.md); the site runs on http://localhost so that the relying
 * party id `localhost` matches.
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { logInWithEdevlet } from '../support/flows';
import { GecisAnahtarlariPage, VirtualAuthenticator, passkeyLabels } from '../pages/gecis-anahtarlari-page';

test.describe('passkeys', () => {
  test('an applicant adds a passkey, logs in with it alone, renames it and removes it', async ({ app, page, checkScreen }) => {
    const zeynep = citizens.zeynep;
    const authenticator = await VirtualAuthenticator.attach(page);
    const passkeys = new GecisAnahtarlariPage(page);
    const t = passkeyLabels.tr;
    const logout = page.getByRole('button', { name: app.list.t.layout.logout, exact: true });
    const passkeyLogin = page.getByRole('button', { name: t.loginButton, exact: true });

    await logInWithEdevlet(app, zeynep);

    await test.step('NES İşlemleri → Geçiş Anahtarlarım: none yet', async () => {
      await app.menu.goto();
      await page.getByRole('link', { name: t.menuLink, exact: true }).click();
      await passkeys.expectLoaded();
      await passkeys.expectEmpty();
      await checkScreen('passkeys-01-empty', { axe: true });
    });

    await test.step('add a passkey: the device keeps a discoverable credential', async () => {
      await passkeys.add('İş bilgisayarım');
      await expect(passkeys.row('İş bilgisayarım').getByText(t.neverUsed)).toBeVisible();
      expect(await authenticator.credentials()).toEqual([expect.objectContaining({ resident: true })]);
      await checkScreen('passkeys-02-added', { axe: true });
    });

    await test.step('log out, then log in with the passkey alone', async () => {
      await logout.click();
      await app.landing.expectLoaded();
      await expect(passkeyLogin).toBeVisible();
      await checkScreen('passkeys-03-landing', { axe: true });
      await passkeyLogin.click();
      await app.list.expectLoaded();
      await expect(page.getByRole('banner').getByText(`${zeynep.firstName} ${zeynep.lastName}`)).toBeVisible();
    });

    await test.step('the passkey now shows when it was last used', async () => {
      await passkeys.goto();
      await expect(passkeys.row('İş bilgisayarım').getByText(t.neverUsed)).toHaveCount(0);
    });

    await test.step('rename it', async () => {
      await passkeys.rename('İş bilgisayarım', 'Dizüstü');
      await checkScreen('passkeys-04-renamed', { axe: true });
    });

    await test.step('remove it, after confirming', async () => {
      const confirm = await passkeys.askToRemove('Dizüstü');
      await checkScreen('passkeys-05-confirm-removal', { axe: true });
      await confirm.click();
      await expect(page.getByRole('status').filter({ hasText: t.removed })).toBeVisible();
      await passkeys.expectEmpty();
    });

    await test.step('the removed passkey no longer logs in', async () => {
      await logout.click();
      await app.landing.expectLoaded();
      await passkeyLogin.click();
      await expect(page.getByRole('alert').filter({ hasText: t.rejected })).toBeVisible();
      await app.landing.expectLoaded();
    });
  });
});
