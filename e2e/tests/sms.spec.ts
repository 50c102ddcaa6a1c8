/**
 * SMS Onayı: the code reaches the test the way it reaches a phone — the API's HTTP SMS
 * transport posts it to the suite's fake gateway, under this test's own number.
 * Zeynep never reaches the approval step's consent here.
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { fillAndSubmitForm, logInWithEdevlet, openForm, validForm } from '../support/flows';

/** Another six-digit code than `code`. */
function wrongCodeFor(code: string): string {
  return ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');
}

test.describe('SMS Onayı', () => {
  test('a wrong code says how many tries are left; the right one leads to approval', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
  }) => {
    const pre = await preApplicationFor(citizens.zeynep);
    await logInWithEdevlet(app, citizens.zeynep);
    await openForm(app, pre);
    await fillAndSubmitForm(app, validForm(phone));

    const code = await test.step('the code arrives at the phone by SMS', async () => {
      const [message] = await sms.waitForMessages(phone.e164, 1);
      expect(message.text).toContain(pre.reference);
      return sms.codeFromMessage(phone.e164, 1);
    });

    await test.step('the code field is made for one-time codes', async () => {
      await expect(app.sms.code).toHaveAttribute('autocomplete', 'one-time-code');
      await expect(app.sms.code).toHaveAttribute('inputmode', 'numeric');
      await app.sms.expectMaskedNumber(phone.masked);
    });

    await test.step('no code, then a code of two digits: each is explained, neither costs a try', async () => {
      await app.sms.continueButton.click();
      await expect(app.sms.summaryLink(app.sms.t.sms.codeRequired)).toBeVisible();
      await app.sms.summaryLink(app.sms.t.sms.codeRequired).click();
      await expect(app.sms.code).toBeFocused();
      await app.sms.enterCode('12');
      await expect(app.sms.summaryLink(app.sms.t.sms.codeFormat)).toBeVisible();
      await expect(app.sms.code).toHaveAccessibleDescription(new RegExp(app.sms.t.sms.codeFormat));
    });

    await test.step('a wrong code: 4 tries left', async () => {
      await app.sms.enterCode(wrongCodeFor(code));
      await app.sms.expectTriesLeft(4);
      await expect(app.page).toHaveURL(/\/sms$/);
      await expect(app.sms.code).toHaveAttribute('aria-invalid', 'true');
      await checkScreen('sms-wrong-code');
    });

    await test.step('another wrong code: 3 tries left', async () => {
      await app.sms.enterCode(wrongCodeFor(wrongCodeFor(code)));
      await app.sms.expectTriesLeft(3);
    });

    await test.step('the right code, typed with a space as people do, leads to E-Onay Verme', async () => {
      await app.sms.enterCodeExpectingApproval(`${code.slice(0, 3)} ${code.slice(3)}`);
      await app.approval.expectLoaded();
    });
  });

  test('"Kod gelmedi mi?" offers a new code after a visible countdown, and only the new code works', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
  }) => {
    test.slow(); // the API allows a new code one minute after the last one
    const pre = await preApplicationFor(citizens.zeynep);
    await logInWithEdevlet(app, citizens.zeynep);
    await openForm(app, pre);
    await fillAndSubmitForm(app, validForm(phone));
    const firstCode = await sms.codeFromMessage(phone.e164, 1);

    await test.step('a countdown runs before a new code can be asked for', async () => {
      await expect(app.sms.noCodeHeading).toBeVisible();
      await expect(app.sms.countdown).toBeVisible();
      const seconds = async () => Number(/(\d+)/.exec(await app.sms.countdown.innerText())?.[1]);
      const before = await seconds();
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThanOrEqual(60);
      await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(before);
      await expect(app.sms.resendButton).toBeDisabled();
      await checkScreen('sms-countdown');
    });

    await test.step('when it ends, a new code can be sent', async () => {
      await expect(app.sms.resendButton).toBeEnabled({ timeout: 75_000 });
      await app.sms.resendButton.click();
      await sms.waitForMessages(phone.e164, 2);
      await expect(app.sms.countdown).toBeVisible();
    });

    const secondCode = await sms.codeFromMessage(phone.e164, 2);

    // (One chance in a million that both codes are equal: then there is nothing to refuse.)
    if (firstCode !== secondCode) {
      await test.step('the first code no longer works', async () => {
        await app.sms.enterCode(firstCode);
        await app.sms.expectTriesLeft(4);
        await expect(app.page).toHaveURL(/\/sms$/);
      });
    }

    await test.step('the new one does', async () => {
      await app.sms.enterCodeExpectingApproval(secondCode);
    });
  });

  test('five wrong codes use the code up: even the right one is then refused', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
  }) => {
    const pre = await preApplicationFor(citizens.zeynep);
    await logInWithEdevlet(app, citizens.zeynep);
    await openForm(app, pre);
    await fillAndSubmitForm(app, validForm(phone));
    const code = await sms.codeFromMessage(phone.e164, 1);
    const wrong = wrongCodeFor(code);

    await test.step('four wrong codes count down to 1 try left', async () => {
      for (const left of [4, 3, 2, 1]) {
        await app.sms.enterCode(wrong);
        await app.sms.expectTriesLeft(left);
      }
    });

    await test.step('the fifth uses the code up', async () => {
      await app.sms.enterCode(wrong);
      await expect(app.sms.summaryLink(app.sms.t.sms.attemptsExhausted)).toBeVisible();
      await checkScreen('sms-attempts-exhausted', { axe: true });
    });

    await test.step('the right code is refused now', async () => {
      await app.sms.enterCode(code);
      await expect(app.sms.summaryLink(app.sms.t.sms.attemptsExhausted)).toBeVisible();
      await expect(app.page).toHaveURL(/\/sms$/);
    });
  });

  test('when the code is used up within the first minute, the summary\'s link still leads somewhere to act', async ({
    app,
    sms,
    phone,
    preApplicationFor,
  }) => {
    // The resend button is disabled until the one-minute wait is over: a link to it would
    // leave focus on the link, so the summary leads to the "Kod gelmedi mi?" section instead.
    const pre = await preApplicationFor(citizens.zeynep);
    await logInWithEdevlet(app, citizens.zeynep);
    await openForm(app, pre);
    await fillAndSubmitForm(app, validForm(phone));
    const wrong = wrongCodeFor(await sms.codeFromMessage(phone.e164, 1));
    for (let i = 0; i < 5; i++) await app.sms.enterCode(wrong);
    const link = app.sms.summaryLink(app.sms.t.sms.attemptsExhausted);
    await link.click();
    await expect(link).not.toBeFocused();
    // Focus lands in "Kod gelmedi mi?", where the wait and the resend button are.
    const resendSection = app.page.getByRole('region', { name: app.sms.t.sms.noCode, exact: true });
    expect(await resendSection.evaluate((section) => section.contains(document.activeElement))).toBe(true);
  });
});
