/**
 * The form's flow (issue 13, item 4): Bilgilerinizi kontrol edin between the form and the SMS
 * code, with "Değiştir" round trips (by mouse and by keyboard alone); the step indicator; the
 * İl list in Turkish alphabetical order with plate codes; Başvuru İşlemleri in pages of 20 for
 * a person with many applications; no console errors for an anonymous visitor.
 */
import crypto from 'node:crypto';
import { citizens, generatedCitizen } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { logInWithEdevlet, openForm, validForm } from '../support/flows';
import { KeyboardUser } from '../support/keyboard';
import { stepIndicator } from '../pages/kontrol-page';

test.describe('Bilgilerinizi kontrol edin', () => {
  test('every answer is shown with a Değiştir link that goes to its field and back', async ({
    app,
    page,
    phone,
    checkScreen,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const zeynep = await consentedCitizen(citizens.zeynep);
    const pre = await preApplicationFor(zeynep);
    const input = validForm(phone, { termYears: 3 });
    const { form, check } = app;
    await logInWithEdevlet(app, zeynep);
    await openForm(app, pre);

    await test.step('the form: step 1 of 4, İl in Turkish alphabetical order with plate codes', async () => {
      const steps = stepIndicator(form);
      await expect(steps.items).toHaveText(form.t.check.stepNames.map((name) => new RegExp(`^${name}`)));
      await expect(steps.current).toHaveText(form.t.check.stepNames[0]);
      await expect(steps.current).toHaveCount(1);
      const options = (await form.il.locator('option').allInnerTexts()).slice(1);
      expect(options.slice(0, 4)).toEqual(['Adana (01)', 'Adıyaman (02)', 'Afyonkarahisar (03)', 'Ağrı (04)']);
      expect(options.at(-1)).toBe('Zonguldak (67)');
      const at = (label: string) => options.indexOf(label);
      expect(at('Iğdır (76)')).toBeLessThan(at('İstanbul (34)'));
      expect(at('Isparta (32)')).toBeLessThan(at('İstanbul (34)'));
      expect(at('Sivas (58)')).toBeLessThan(at('Şanlıurfa (63)'));
      expect(at('Çorum (19)')).toBeLessThan(at('Denizli (20)'));
      expect(at('Bursa (16)')).toBeLessThan(at('Çanakkale (17)'));
      await expect(form.birthDate).toHaveAccessibleDescription(/gg\.aa\.yyyy/);
    });

    await test.step('Devam leads to the check page, which shows every answer (step 2 of 4)', async () => {
      await form.fill(input);
      await form.submitExpectingCheck();
      await check.expectLoaded();
      await expect(stepIndicator(check).current).toHaveText(check.t.check.stepNames[1]);
      await expect(check.answer(form.t.form.mobilePhone)).toHaveText(phone.typed);
      await expect(check.answer(form.t.form.birthDate)).toHaveText('23.04.1985');
      await expect(check.answer(form.t.form.title)).toHaveText(input.title);
      await expect(check.answer(form.t.form.il)).toHaveText('Ankara (06)');
      await expect(check.answer(form.t.form.ilce)).toHaveText(input.ilce);
      await expect(check.answer(form.t.form.postalCode)).toHaveText(input.postalCode);
      await expect(check.answer(form.t.form.term)).toHaveText(form.t.form.termYears(3));
      await expect(page.getByRole('link', { name: new RegExp(`^${check.t.check.change} `) })).toHaveCount(8);
      await checkScreen('check-answers', { axe: true });
    });

    await test.step('Değiştir beside the title: the form opens on that field; Devam comes back', async () => {
      await check.change(form.t.form.title);
      await form.expectLoaded();
      await expect(form.title).toBeFocused();
      await form.title.fill('Daire Başkanı');
      await form.submitExpectingCheck();
      await expect(check.answer(form.t.form.title)).toHaveText('Daire Başkanı');
    });

    await test.step('Değiştir beside the province and the postal code: both changed, both shown', async () => {
      await check.change(form.t.form.il);
      await expect(form.il).toBeFocused();
      await form.fill({ il: 'İstanbul', postalCode: '34000' });
      await form.submitExpectingCheck();
      await expect(check.answer(form.t.form.il)).toHaveText('İstanbul (34)');
      await expect(check.answer(form.t.form.postalCode)).toHaveText('34000');
    });

    await test.step('a reload keeps what is checked: it is stored', async () => {
      await page.reload();
      await check.expectLoaded();
      await expect(check.answer(form.t.form.title)).toHaveText('Daire Başkanı');
    });

    await test.step('the button submits what was checked and goes to the SMS step (step 3 of 4)', async () => {
      await check.sendExpectingSms();
      await app.sms.expectLoaded();
      await app.sms.expectMaskedNumber(phone.masked);
      await expect(stepIndicator(app.sms).current).toHaveText(app.sms.t.check.stepNames[2]);
      const detail = await page.evaluate(async (id) => (await fetch(`/api/applications/${id}`)).json(), pre.id);
      expect(detail.form.title).toBe('Daire Başkanı');
      expect(detail.form.address.il).toBe('İstanbul');
      expect(detail.state).toBe('form_submitted');
    });
  });

  test('the check page can be used with the keyboard alone, Değiştir included', async ({
    app,
    page,
    phone,
    preApplicationFor,
    consentedCitizen,
  }) => {
    const ayse = await consentedCitizen(citizens.ayse);
    const pre = await preApplicationFor(ayse);
    const input = validForm(phone);
    const kb = new KeyboardUser(page);
    const { form, check } = app;
    await logInWithEdevlet(app, ayse);
    await openForm(app, pre);
    await form.fill(input);

    await test.step('Devam with Enter', async () => {
      await kb.tabAndPress(form.continueButton, 'Enter');
      await check.expectLoaded();
    });

    await test.step('Değiştir beside the phone with Enter: its field has focus; type; Devam', async () => {
      await kb.tabAndPress(check.changeLink(form.t.form.mobilePhone), 'Enter');
      await form.expectLoaded();
      await expect(form.mobilePhone).toBeFocused();
      // Select what is there and type over it, as a keyboard user would.
      await page.keyboard.press('ControlOrMeta+A');
      await kb.type('0532 111 22 33');
      await kb.tabAndPress(form.continueButton, 'Enter');
      await check.expectLoaded();
      await expect(check.answer(form.t.form.mobilePhone)).toHaveText('0532 111 22 33');
    });

    await test.step('the send button with Space: on to the SMS step', async () => {
      await kb.tabAndPress(check.sendButton, 'Space');
      await app.sms.expectLoaded();
      await app.sms.expectMaskedNumber('0532 *** ** 33');
    });

    expect(kb.invisibleFocus, 'every element reached with Tab shows that it has focus').toEqual([]);
  });
});

test('a person with many applications reads them twenty a page, the ongoing one first', async ({ app, page, nesApi, unique }) => {
  // A person of this test's own: the others' lists stay short.
  const person = generatedCitizen(crypto.randomInt(0, 100_000));
  const references = await test.step('22 applications: 21 cancelled, then one open', () =>
    nesApi.createHistory(person, 21, `T.C. Deneme Kurumu E2E ${unique}`),
  );
  const { list } = app;
  const pagination = page.getByRole('navigation', { name: list.t.check.pagination, exact: true });
  await logInWithEdevlet(app, person);

  await test.step('page 1: the open application first, then 19 completed; page 2 linked', async () => {
    await expect(list.rowIn('ongoing', references[0])).toBeVisible();
    await expect(list.table('completed').getByRole('rowheader')).toHaveCount(19);
    await expect(list.row(references[19])).toBeVisible();
    await expect(list.row(references[20])).toHaveCount(0);
    await expect(pagination.getByRole('link', { name: list.t.check.pageNumber(1), exact: true })).toHaveAttribute('aria-current', 'page');
  });

  await test.step('Sonraki: page 2 has the last two, and no ongoing table', async () => {
    await pagination.getByRole('link', { name: list.t.check.next, exact: true }).click();
    await expect(page).toHaveURL(/\/basvuru-islemleri\?sayfa=2$/);
    await expect(list.table('completed').getByRole('rowheader')).toHaveCount(2);
    await expect(list.row(references[20])).toBeVisible();
    await expect(list.row(references[21])).toBeVisible();
    await expect(list.table('ongoing')).toHaveCount(0);
    await expect(pagination.getByRole('link', { name: list.t.check.pageNumber(2), exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(pagination.getByRole('link', { name: list.t.check.next, exact: true })).toHaveCount(0);
  });

  await test.step('Önceki: back to page 1', async () => {
    await pagination.getByRole('link', { name: list.t.check.previous, exact: true }).click();
    await expect(list.rowIn('ongoing', references[0])).toBeVisible();
  });

  await test.step('a late answer for page 2 does not replace page 1, asked for after it', async () => {
    const listPage = (number: string) => (url: URL) =>
      url.pathname === '/api/applications' && url.searchParams.get('page') === number;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route(listPage('2'), async (route) => {
      held += 1;
      await released;
      await route.continue();
    });
    await pagination.getByRole('link', { name: list.t.check.next, exact: true }).click();
    await expect(page).toHaveURL(/\/basvuru-islemleri\?sayfa=2$/);
    await expect.poll(() => held).toBe(1);
    // Back to page 1 while page 2's answer is still on its way; page 1's comes first.
    const pageOne = page.waitForResponse((response) => listPage('1')(new URL(response.url())));
    await page.goBack();
    await expect(page).toHaveURL(/\/basvuru-islemleri$/);
    await pageOne;
    const pageTwo = page.waitForResponse((response) => listPage('2')(new URL(response.url())));
    release();
    await pageTwo;
    // Two frames for the app to draw what it does with the late answer.
    for (let frame = 0; frame < 2; frame += 1) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    await expect(list.rowIn('ongoing', references[0])).toBeVisible();
    await expect(list.table('completed').getByRole('rowheader')).toHaveCount(19);
    await expect(list.row(references[20])).toHaveCount(0);
    await page.unroute(listPage('2'));
  });
});

test('an anonymous visitor causes no console errors', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const asked: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) asked.push(`${request.method()} ${path}`);
  });
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });

  await app.landing.goto();
  await page.reload();
  await app.landing.expectLoaded();
  await page.goto('/olmayan-bir-sayfa');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The staff app's login page, reached from the footer's link.
  await page.goto('/');
  await app.landing.expectLoaded();
  await page.getByRole('link', { name: /e-İmza sorumlusu ve Kamu SM personeli/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/personel\/giris$/);
  // A page for logged-in people, opened directly: "Oturum sona erdi" without asking the API,
  // in place of the address (Back returns to where the visitor came from).
  await page.goto('/');
  await app.landing.expectLoaded();
  await page.goto('/basvuru-islemleri');
  await app.sessionExpired.expectLoaded();
  await expect(page).toHaveURL(/\/oturum-sona-erdi$/);
  await page.goBack();
  await app.landing.expectLoaded();
  await page.goto('/basvuru/00000000-0000-4000-8000-000000000000/form');
  await app.sessionExpired.expectLoaded();

  expect(asked, 'questions whose answer could only be an error').not.toContain('GET /api/session');
  expect(asked).not.toContain('GET /api/auth/e-imza/challenge');
  expect(asked).not.toContain('GET /api/staff/session');
  expect(asked.filter((call) => call.includes('/api/applications')), 'pages for logged-in people').toEqual([]);
  expect(errors, refused.join('; ')).toEqual([]);
});
