/**
 * Steps shared by the specs (like vaultwarden's `tests/setups/`): each is one `test.step` that
 * a person would recognise.
 */
import { expect } from '@playwright/test';
import type { App } from '../pages';
import type { FormInput } from '../pages/basvuru-formu-page';
import type { PreApplication } from './api';
import type { Citizen } from './citizens';
import type { Phone } from './fixtures';
import { test } from './fixtures';
import type { SmsInbox } from './sms-gateway';

/** A valid form for Ankara: the postal code's first two digits are Ankara's plate code 06. */
export function validForm(phone: Phone, overrides: Partial<FormInput> = {}): FormInput {
  return {
    mobilePhone: phone.typed,
    birthDate: '1985-04-23',
    title: 'Şube Müdürü',
    il: 'Ankara',
    ilce: 'Çankaya',
    addressLine: 'Atatürk Bulvarı No: 221 Kavaklıdere',
    postalCode: '06680',
    termYears: 2,
    ...overrides,
  };
}

export async function logInWithEdevlet(app: App, citizen: Citizen): Promise<void> {
  await test.step(`log in with e-Devlet as ${citizen.firstName} ${citizen.lastName}`, async () => {
    await app.landing.goto();
    await app.landing.startEdevletLogin();
    await app.simulator.logIn(citizen);
    await app.list.expectLoaded();
  });
}

/** From Başvuru İşlemleri through the menu and back: NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri. */
export async function goThroughMenu(app: App): Promise<void> {
  await test.step('NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri', async () => {
    await app.menu.navLink().click();
    await app.menu.expectLoaded();
    await app.menu.openApplications();
    await app.list.expectLoaded();
  });
}

export async function openForm(app: App, pre: PreApplication): Promise<void> {
  await test.step(`"${app.list.t.list.completeForm}" for ${pre.reference}`, async () => {
    await app.list.completeApplication(pre.reference);
    await app.form.expectLoaded();
  });
}

export async function fillAndSubmitForm(app: App, input: FormInput): Promise<void> {
  await test.step('fill in the form and continue', async () => {
    await app.form.fill(input);
    await app.form.submitExpectingSms();
    await app.sms.expectLoaded();
  });
}

export async function verifyPhone(app: App, sms: SmsInbox, phone: Phone, nth = 1): Promise<string> {
  return test.step(`enter the code of SMS #${nth} to ${phone.masked}`, async () => {
    const code = await sms.codeFromMessage(phone.e164, nth);
    await app.sms.enterCodeExpectingApproval(code);
    await app.approval.expectLoaded();
    return code;
  });
}

export async function approveWithEOnay(app: App): Promise<void> {
  await test.step('read the Taahhütname, accept it and approve with E-Onay', async () => {
    await expect(app.approval.acceptCheckbox).toBeDisabled();
    await app.approval.openAndReadTaahhutname();
    await expect(app.approval.acceptCheckbox).toBeEnabled();
    await app.approval.approveWithEOnay();
    await app.result.expectLoaded();
  });
}

/** Pre-application → login → form → SMS: the application waits on the approval screen. */
export async function reachApproval(
  app: App,
  sms: SmsInbox,
  phone: Phone,
  citizen: Citizen,
  pre: PreApplication,
): Promise<void> {
  await logInWithEdevlet(app, citizen);
  await openForm(app, pre);
  await fillAndSubmitForm(app, validForm(phone));
  await verifyPhone(app, sms, phone);
}
