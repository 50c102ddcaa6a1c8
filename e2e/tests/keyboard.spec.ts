/**
 * The whole path with the keyboard alone — Tab / Shift+Tab to move, Enter / Space to act, and
 * typing into fields — from the landing page to the result: login on the e-Devlet simulator,
 * the form (with the error summary), the SMS code, the consent step, the Taahhütname (read to
 * the end with Space) and E-Onay. Emre is used by this spec only (support/citizens.ts): he has
 * never consented, so the consent step is on the path too.
 */
import { citizens } from '../support/citizens';
import { apiLabels } from '../support/labels';
import { test, expect } from '../support/fixtures';
import { KeyboardUser } from '../support/keyboard';
import { validForm } from '../support/flows';

test('the whole e-Onay path can be done with the keyboard alone', async ({ app, page, sms, phone, checkScreen, preApplicationFor }) => {
  const emre = citizens.emre;
  const pre = await preApplicationFor(emre, { payer: 'institution' });
  // Day and month are equal, so the digits read the same whether the browser's date field is
  // day-month-year (tr) or month-day-year (Debian's Chromium has only its en-US locale).
  const input = validForm(phone, { termYears: 1, birthDate: '1985-04-04' });
  const kb = new KeyboardUser(page);

  await test.step('landing: the first Tab reaches the skip link; then e-Devlet ile Giriş', async () => {
    await app.landing.goto();
    await kb.press('Tab');
    await expect(page.getByRole('link', { name: app.landing.t.layout.skipLink })).toBeFocused();
    await kb.tabAndPress(app.landing.edevletLogin, 'Enter');
    await app.simulator.expectLoaded();
  });

  await test.step('the simulator: T.C. Kimlik No, e-Devlet Şifresi, Enter', async () => {
    await kb.tabAndType(app.simulator.tckn, emre.tckn);
    await kb.tabAndType(app.simulator.password, emre.password);
    await kb.pressOnFocused('Enter');
    await app.list.expectLoaded();
  });

  await test.step('Başvuru İşlemleri: Başvuruyu Tamamla', async () => {
    await kb.tabAndPress(app.list.completeLink(pre.reference), 'Enter');
    await app.form.expectLoaded();
  });

  await test.step('the form, leaving the phone out at first', async () => {
    const form = app.form;
    // A date field takes the digits of each part and moves on to the next part by itself.
    await kb.tabAndType(form.birthDate, '04041985');
    await expect(form.birthDate).toHaveValue(input.birthDate);
    await kb.tabAndType(form.title, input.title);
    await kb.tabAndType(form.il, input.il);
    await expect(form.il).toHaveValue(input.il);
    await kb.tabAndType(form.ilce, input.ilce);
    await kb.tabAndType(form.addressLine, input.addressLine);
    await kb.tabAndType(form.postalCode, input.postalCode);
    await kb.tabAndPress(form.term(1), 'Space');
    await expect(form.term(1)).toBeChecked();
    await kb.tabAndPress(form.continueButton, 'Enter');
  });

  await test.step('the error summary takes focus; its link leads to the phone field', async () => {
    const form = app.form;
    await expect(form.errorSummary).toBeVisible();
    const link = form.errorLinks().first();
    await kb.tabAndPress(link, 'Enter');
    await expect(form.mobilePhone).toBeFocused();
    await kb.type(input.mobilePhone);
    await kb.tabAndPress(form.continueButton, 'Space');
    await app.check.expectLoaded();
  });

  await test.step('Bilgilerinizi kontrol edin: send with Enter', async () => {
    await kb.tabAndPress(app.check.sendButton, 'Enter');
    await app.sms.expectLoaded();
  });

  await test.step('the SMS code, then Devam', async () => {
    const code = await sms.codeFromMessage(phone.e164, 1);
    await kb.tabAndType(app.sms.code, code);
    await kb.tabAndPress(app.sms.continueButton, 'Enter');
    await app.approval.expectLoaded();
  });

  await test.step('consent with Space, continue with Enter', async () => {
    await kb.tabAndPress(app.approval.consentCheckbox, 'Space');
    await expect(app.approval.consentCheckbox).toBeChecked();
    await kb.tabAndPress(app.approval.consentContinue, 'Enter');
    await expect(app.approval.readTaahhutname).toBeVisible();
  });

  await test.step('open the Taahhütname and read it to the end with Space', async () => {
    await kb.tabAndPress(app.approval.readTaahhutname, 'Enter');
    await kb.tabTo(app.approval.taahhutnameText);
    for (let page = 0; page < 60 && !(await app.approval.acceptCheckbox.isEnabled()); page++) {
      await kb.pressOnFocused('Space');
    }
    await expect(app.approval.taahhutnameEnd).toBeInViewport();
    await expect(app.approval.acceptCheckbox).toBeEnabled();
  });

  await test.step('accept with Space, approve with Enter', async () => {
    await kb.tabAndPress(app.approval.acceptCheckbox, 'Space');
    await expect(app.approval.acceptCheckbox).toBeChecked();
    await kb.tabAndPress(app.approval.eOnayButton, 'Enter');
    await app.result.expectLoaded();
    await app.result.expectReference(pre.reference);
    await checkScreen('keyboard-result');
  });

  await test.step('back to Başvuru İşlemleri: completed', async () => {
    await kb.tabAndPress(app.result.backToApplications, 'Enter');
    await app.list.expectListed(pre.reference, 'completed', apiLabels.tr.states.inProduction);
  });

  expect(kb.invisibleFocus, 'every element reached with Tab shows that it has focus').toEqual([]);
  const used = new Set(kb.keys.map((key) => (key.startsWith('type:') ? 'type' : key)));
  expect([...used].sort(), `keys: ${kb.keys.join(' ')}`).toEqual(expect.arrayContaining(['Enter', 'Space', 'Tab']));
  for (const key of used) expect(['Tab', 'Shift+Tab', 'Enter', 'Space', 'type']).toContain(key);
});
