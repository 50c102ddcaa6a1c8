/**
 * Başvuru Formu: field errors with an error summary that takes focus and links to each field,
 * and drafts kept by the API so that nothing typed is lost on reload (or on another device).
 * Mehmet never reaches the approval step here, so consent does not matter.
 */
import type { Locator } from '@playwright/test';
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { App } from '../pages';
import { logInWithEdevlet, openForm, validForm } from '../support/flows';
import { escapeRegExp } from '../support/text';

/** True when the element with focus is `locator` or inside it. */
async function holdsFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement || element.contains(document.activeElement));
}

test.describe('Başvuru Formu', () => {
  test('an empty form shows an error summary that takes focus, and each of its links focuses its field', async ({
    app,
    checkScreen,
    preApplicationFor,
  }) => {
    const pre = await preApplicationFor(citizens.mehmet);
    await logInWithEdevlet(app, citizens.mehmet);
    await openForm(app, pre);
    const form = app.form;

    await test.step('Devam with nothing filled in', async () => {
      await form.submit();
      await expect(form.errorSummary).toBeVisible();
      await expect(app.page).toHaveURL(new RegExp(`/basvuru/${pre.id}/form$`));
    });

    await test.step('focus moves to the error summary', async () => {
      await expect.poll(() => holdsFocus(form.errorSummary)).toBe(true);
      await checkScreen('form-errors-empty');
    });

    const fields: [string, Locator][] = [
      ['mobile phone', form.mobilePhone],
      ['birth date', form.birthDate],
      ['title', form.title],
      ['il', form.il],
      ['ilçe', form.ilce],
      ['address', form.addressLine],
      ['postal code', form.postalCode],
      ['term', form.term(1)],
    ];

    await test.step('one link per missing field, in the order of the form', async () => {
      await expect(form.errorLinks()).toHaveCount(fields.length);
    });

    for (const [index, [name, field]] of fields.entries()) {
      await test.step(`link ${index + 1} focuses the ${name} field, which is marked invalid and says why`, async () => {
        const link = form.errorLinks().nth(index);
        const message = (await link.innerText()).trim();
        await link.click();
        await expect(field).toBeFocused();
        // The radio buttons' message belongs to their fieldset.
        const described = name === 'term' ? form.termGroup : field;
        await expect(described).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
        if (name !== 'term') await expect(field).toHaveAttribute('aria-invalid', 'true');
      });
    }
  });

  test('values that are wrong are named in the summary; once corrected, Devam goes on to SMS Onayı', async ({
    app,
    phone,
    checkScreen,
    preApplicationFor,
  }) => {
    const pre = await preApplicationFor(citizens.mehmet);
    await logInWithEdevlet(app, citizens.mehmet);
    await openForm(app, pre);
    const form = app.form;

    await test.step('a landline, a child, a short address and an İstanbul postal code for Ankara', async () => {
      await form.fill(
        validForm(phone, {
          mobilePhone: '0312 123 45 67',
          birthDate: '2020-01-01',
          addressLine: 'kısa',
          postalCode: '34000',
        }),
      );
      await form.submit();
      await expect(form.errorSummary).toBeVisible();
    });

    await test.step('each problem is explained in the summary and beside its field', async () => {
      const messages = [
        'Bir cep telefonu numarası girin (5 ile başlar); sabit hat numarası olamaz',
        'Başvurmak için 18 yaşını doldurmuş olmalısınız',
        'Açık adres en az 10 karakter olmalıdır',
        'Posta kodu seçtiğiniz ilin posta kodu değil; ilk iki rakamı ilin plaka kodudur',
      ];
      await expect(form.errorLinks()).toHaveCount(messages.length);
      for (const message of messages) {
        await expect(form.errorSummary.getByRole('link', { name: message })).toBeVisible();
      }
      await expect(form.mobilePhone).toHaveAccessibleDescription(new RegExp(escapeRegExp(messages[0])));
      await expect(form.postalCode).toHaveAttribute('aria-invalid', 'true');
      await expect(form.title).not.toHaveAttribute('aria-invalid', 'true');
      await checkScreen('form-errors-values');
    });

    await test.step('corrected, the form goes through', async () => {
      await form.fill({ mobilePhone: phone.typed, birthDate: '1985-04-23', addressLine: 'Atatürk Bulvarı No: 221', postalCode: '06680' });
      await form.submitExpectingSms();
      await app.sms.expectLoaded();
      await app.sms.expectMaskedNumber(phone.masked);
    });
  });

  test('nothing typed is lost on a reload, nor when the person comes back from another browser', async ({
    app,
    browser,
    baseURL,
    phone,
    checkScreen,
    preApplicationFor,
  }) => {
    const pre = await preApplicationFor(citizens.mehmet);
    const input = validForm(phone, { title: 'Uzman Yardımcısı', ilce: 'Yenimahalle', postalCode: '06170', termYears: 3 });
    await logInWithEdevlet(app, citizens.mehmet);
    await openForm(app, pre);

    await test.step('type everything, without pressing Devam', async () => {
      await app.form.fillAndWaitForDraft(input);
    });

    await test.step('reload: every field still holds what was typed', async () => {
      await app.page.reload();
      await app.form.expectLoaded();
      await app.form.expectValues(input);
      await checkScreen('form-after-reload');
    });

    await test.step('another browser, logged in again, finds the same draft (it is kept by the API)', async () => {
      const context = await browser.newContext({ baseURL });
      try {
        const other = new App(await context.newPage());
        await logInWithEdevlet(other, citizens.mehmet);
        await openForm(other, pre);
        await other.form.expectValues(input);
      } finally {
        await context.close();
      }
    });
  });

  test('a change typed just before a reload is kept too (saved as the page goes away)', async ({
    app,
    phone,
    preApplicationFor,
  }) => {
    // The draft PUT sent with `keepalive` on pagehide may reach the API after the reloaded
    // page's GET /api/applications/{id}; the copy the form keeps in localStorage is what the
    // reloaded page then starts from (and saves as the newest draft).
    const pre = await preApplicationFor(citizens.mehmet);
    await logInWithEdevlet(app, citizens.mehmet);
    await openForm(app, pre);
    await app.form.fillAndWaitForDraft(validForm(phone));

    const lost: string[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      await test.step(`attempt ${attempt}: type a new title, reload at once`, async () => {
        const title = `Daire Başkanı ${attempt}`;
        await app.form.title.fill(title);
        await app.page.reload();
        await app.form.expectLoaded();
        const shown = await app.form.title.inputValue();
        if (shown !== title) lost.push(`typed "${title}", the reloaded page shows "${shown}"`);
      });
    }
    expect(lost, 'changes lost on reload').toEqual([]);

    await test.step('the API ends up with the newest value, and the browser keeps no copy once it has', async () => {
      const id = new URL(app.page.url()).pathname.split('/')[2];
      await expect
        .poll(async () => {
          const response = await app.page.request.get(`/api/applications/${id}`);
          const detail = (await response.json()) as { draft?: { title?: string } | null };
          return detail.draft?.title;
        })
        .toBe('Daire Başkanı 10');
      await expect
        .poll(() => app.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('nes.draft.'))))
        .toEqual([]);
    });
  });
  test('a copy of the form kept in this browser goes at logout and when the session ends', async ({ app, page, preApplicationFor }) => {
    // The copy stays while the API has not confirmed a save: make every draft save fail.
    await page.route('**/api/applications/*/draft', (route) => route.abort());
    const localCopies = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('nes.draft.')));
    const pre = await preApplicationFor(citizens.mehmet);

    await test.step('typed, not saved: the browser keeps a copy; Çıkış removes it', async () => {
      await logInWithEdevlet(app, citizens.mehmet);
      await openForm(app, pre);
      await app.form.title.fill('Şube Müdürü');
      await expect.poll(localCopies).toEqual([`nes.draft.${pre.id}`]);
      await page.getByRole('button', { name: app.list.t.layout.logout, exact: true }).click();
      await app.landing.expectLoaded();
      expect(await localCopies()).toEqual([]);
    });

    await test.step('typed again, then the session ends (its cookie gone): the next page load removes the copy', async () => {
      await logInWithEdevlet(app, citizens.mehmet);
      await openForm(app, pre);
      await app.form.title.fill('Daire Başkanı');
      await expect.poll(localCopies).toEqual([`nes.draft.${pre.id}`]);
      await page.context().clearCookies();
      await page.goto('/basvuru-islemleri');
      await app.sessionExpired.expectLoaded();
      expect(await localCopies()).toEqual([]);
    });
  });
});
