/**
 * E-Onay consent (TAL.01.16 §3.4.1): a person who has never consented to working with e-Onay
 * is asked for it on the approval page before the Taahhütname; the consent stays with the
 * person. İbrahim is used by this spec only (support/citizens.ts), and each project's server
 * starts on a fresh database, so he has never consented when this spec starts.
 */
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { newPhone } from '../support/fixtures';
import { approveWithEOnay, fillAndSubmitForm, openForm, reachApproval, validForm, verifyPhone } from '../support/flows';

test.describe('E-Onay consent', () => {
  test('a person without earlier consent is asked first; once given, the consent is not asked again', async ({
    app,
    sms,
    phone,
    checkScreen,
    preApplicationFor,
  }) => {
    const ibrahim = citizens.ibrahim;
    const first = await preApplicationFor(ibrahim);
    await reachApproval(app, sms, phone, ibrahim, first);
    const approval = app.approval;

    await test.step('the consent step comes first; the Taahhütname and E-Onay wait for it', async () => {
      await expect(approval.consentHeading).toBeVisible();
      await expect(approval.consentCheckbox).not.toBeChecked();
      await expect(approval.eOnayButton).toHaveCount(0);
      await checkScreen('consent-step', { axe: true });
    });

    await test.step('continuing without ticking the box says what is missing', async () => {
      await approval.consentContinue.click();
      await expect(app.page.getByText(approval.t.approval.consentRequired).first()).toBeVisible();
      await expect(approval.consentHeading).toBeVisible();
    });

    await test.step('ticking the box and continuing shows the Taahhütname', async () => {
      await approval.giveConsent();
      await expect(app.page.getByText(approval.t.approval.consentGiven)).toBeVisible();
      await expect(approval.readTaahhutname).toBeVisible();
      await checkScreen('consent-given');
    });

    await approveWithEOnay(app);

    await test.step('the consent survives a reload of the next application’s approval page', async () => {
      const second = await preApplicationFor(ibrahim);
      const secondPhone = newPhone();
      await app.list.goto();
      await openForm(app, second);
      await fillAndSubmitForm(app, validForm(secondPhone));
      await verifyPhone(app, sms, secondPhone);
      await expect(approval.readTaahhutname).toBeVisible();
      await expect(approval.consentCheckbox).toHaveCount(0);
      await app.page.reload();
      await approval.expectLoaded();
      await expect(approval.readTaahhutname).toBeVisible();
      await expect(approval.consentCheckbox).toHaveCount(0);
    });
  });
});
