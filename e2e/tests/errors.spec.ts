/**
 * The pages for things going wrong: the session has ended ("Oturumunuz sona erdi"), the API
 * cannot be reached ("Bağlantı kurulamadı"), the API fails ("Beklenmeyen bir hata oluştu"),
 * an unknown address or someone else's application ("bulunamadı"); and logging out. Each
 * error page is checked with axe. Zeynep never reaches the approval step here.
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { logInWithEdevlet } from '../support/flows';

test.describe('error pages', () => {
  test('an ended session says so and offers to log in again, which leads back', async ({ app, page, context, checkScreen }) => {
    await logInWithEdevlet(app, citizens.zeynep);

    await test.step('the session cookie is gone (as after the idle timeout)', async () => {
      await context.clearCookies();
      await app.menu.navLink().click();
      await app.menu.expectLoaded();
      await app.menu.paidApplication.click();
      await app.sessionExpired.expectLoaded();
      await expect(page).toHaveURL(/\/oturum-sona-erdi$/);
      await expect(app.sessionExpired.loginAgain).toBeVisible();
      await checkScreen('error-session-expired', { axe: true });
    });

    await test.step('"Tekrar giriş yap" goes through e-Devlet again', async () => {
      await app.sessionExpired.loginAgain.click();
      await app.simulator.logIn(citizens.zeynep);
      await app.list.expectLoaded();
    });

    await test.step('opening a page of the app without a session says the same', async () => {
      await context.clearCookies();
      await page.goto('/basvuru-islemleri');
      await app.sessionExpired.expectLoaded();
    });
  });

  test('when the API cannot be reached the page says so, and "Tekrar dene" recovers', async ({ app, page, checkScreen }) => {
    await logInWithEdevlet(app, citizens.zeynep);

    await test.step('the network fails', async () => {
      await page.route('**/api/applications**', (route) => route.abort('connectionrefused'));
      await page.reload();
      await app.networkError.expectLoaded();
      await checkScreen('error-network', { axe: true });
    });

    await test.step('the network is back: Tekrar dene', async () => {
      await page.unroute('**/api/applications**');
      await app.networkError.retry.click();
      await app.list.expectLoaded();
      await expect(app.list.sectionHeading).toBeVisible();
    });
  });

  test('a server error shows "Beklenmeyen bir hata oluştu" with a retry, and "Tekrar dene" recovers', async ({ app, page, checkScreen }) => {
    await logInWithEdevlet(app, citizens.zeynep);

    await test.step('the API answers 500', async () => {
      await page.route('**/api/applications**', (route) =>
        route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            code: 'internal_error',
            detail: 'An unexpected error occurred.',
          }),
        }),
      );
      await page.reload();
      await app.serverError.expectLoaded();
      await expect(app.serverError.retry).toBeVisible();
      await checkScreen('error-server', { axe: true });
    });

    await test.step('the API works again: Tekrar dene', async () => {
      await page.unroute('**/api/applications**');
      await app.serverError.retry.click();
      await app.list.expectLoaded();
      await expect(app.list.sectionHeading).toBeVisible();
    });
  });

  test('"Çıkış" ends the session: the app pages then say the session has ended', async ({ app, page }) => {
    await logInWithEdevlet(app, citizens.zeynep);

    await test.step('Çıkış leads to the landing page', async () => {
      await page.getByRole('button', { name: app.list.t.layout.logout, exact: true }).click();
      await app.landing.expectLoaded();
      await expect(app.landing.edevletLogin).toBeVisible();
    });

    await test.step('the session is gone on the server too', async () => {
      const session = await page.request.get('/api/session');
      expect(session.status()).toBe(401);
      await page.goto('/basvuru-islemleri');
      await app.sessionExpired.expectLoaded();
    });
  });

  test('an unknown address and another person\'s application are "not found"', async ({
    app,
    page,
    checkScreen,
    preApplicationFor,
  }) => {
    const someoneElses = await preApplicationFor(citizens.ayse);
    await logInWithEdevlet(app, citizens.zeynep);

    await test.step('an address the app does not know', async () => {
      await page.goto('/boyle-bir-sayfa-yok');
      await app.notFound.expectLoaded();
      await checkScreen('error-not-found', { axe: true });
      await app.notFound.goHome.click();
      // Logged in, the home page goes on to the menu.
      await app.menu.expectLoaded();
    });

    await test.step("Ayşe's application, opened by Zeynep", async () => {
      await page.goto(`/basvuru/${someoneElses.id}/form`);
      await app.applicationNotFound.expectLoaded();
      await expect(page.getByRole('main')).not.toContainText(someoneElses.reference);
      await expect(page.getByRole('main')).not.toContainText(citizens.ayse.tckn);
      await checkScreen('error-application-not-found', { axe: true });
    });
  });
});
