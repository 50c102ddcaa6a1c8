/**
 * The suite's fixtures: page objects, the API as an integrator, the fake SMS gateway's inbox, a
 * phone number of the test's own, and screenshots. Every test fails on anything the browser
 * refused under the Content Security Policy (the server's, as in production).
 */
import crypto from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { App } from '../pages';
import { NesApi, type PreApplication, type PreApplicationOptions } from './api';
import type { Citizen } from './citizens';
import { ScreenCapture } from './screens';
import { SmsInbox } from './sms-gateway';
import { expectNoA11yViolations } from './a11y';

/** A Turkish mobile number that only this test uses: no test sees another's codes. */
export interface Phone {
  /** +905XXXXXXXXX, as the API sends it to the gateway. */
  e164: string;
  /** 0555 123 45 67, as a person types it. */
  typed: string;
  /** 0555 *** ** 67, as the SMS page shows it. */
  masked: string;
}

export function newPhone(): Phone {
  // 5 + 9 random digits; 10^9 numbers make a collision between two tests negligible.
  const digits = `5${crypto.randomInt(0, 1_000_000_000).toString().padStart(9, '0')}`;
  return {
    e164: `+90${digits}`,
    typed: `0${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 8)} ${digits.slice(8, 10)}`,
    masked: `0${digits.slice(0, 3)} *** ** ${digits.slice(8, 10)}`,
  };
}

type Fixtures = {
  /** Every screen's page object, in Turkish; `app.in('en')` for English. */
  app: App;
  /** The API as an institution's HR system, and as the applicant in a session of its own. */
  nesApi: NesApi;
  /** What the fake SMS gateway received. */
  sms: SmsInbox;
  phone: Phone;
  /** A short tag unique to this test run of this test (institution names, rows). */
  unique: string;
  shots: ScreenCapture;
  /** Creates a pre-application for `citizen` with an institution name unique to the test. */
  preApplicationFor: (citizen: Citizen, options?: Partial<PreApplicationOptions>) => Promise<PreApplication>;
  /** Gives the e-Onay consent through the API (for specs that are not about consent). */
  consentedCitizen: (citizen: Citizen) => Promise<Citizen>;
  /** Screenshot + axe check of the current screen. */
  checkScreen: (name: string, options?: { axe?: boolean }) => Promise<void>;
  /** Fails the test when the browser refused anything under the Content Security Policy. */
  cspViolations: void;
};

export const test = base.extend<Fixtures>({
  cspViolations: [
    async ({ page }, use) => {
      const refused: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) refused.push(message.text());
      });
      await use();
      expect(refused, 'what the Content Security Policy refused').toEqual([]);
    },
    { auto: true },
  ],

  app: async ({ page }, use) => {
    await use(new App(page, 'tr'));
  },

  nesApi: async ({ baseURL }, use) => {
    if (!baseURL) throw new Error('the project has no baseURL');
    await use(new NesApi(baseURL));
  },

  sms: async ({}, use) => {
    await use(new SmsInbox());
  },

  phone: async ({}, use) => {
    await use(newPhone());
  },

  unique: async ({}, use, testInfo) => {
    await use(`${testInfo.project.name}-${crypto.randomBytes(3).toString('hex')}`);
  },

  shots: async ({}, use, testInfo) => {
    await use(new ScreenCapture(testInfo));
  },

  preApplicationFor: async ({ nesApi, unique }, use) => {
    let count = 0;
    await use(async (citizen, options = {}) => {
      count += 1;
      const institution = options.institution ?? `T.C. Deneme Kurumu E2E ${unique}${count > 1 ? `-${count}` : ''}`;
      return test.step(`pre-application for ${citizen.firstName} ${citizen.lastName} (${institution})`, () =>
        nesApi.createPreApplication(citizen, { ...options, institution }),
      );
    });
  },

  consentedCitizen: async ({ nesApi }, use) => {
    await use(async (citizen) => {
      await test.step(`${citizen.firstName} ${citizen.lastName} consents to e-Onay (through the API)`, () =>
        nesApi.giveConsent(citizen),
      );
      return citizen;
    });
  },

  checkScreen: async ({ page, shots }, use, testInfo) => {
    await use(async (name, options = {}) => {
      await test.step(`screen "${name}"`, async () => {
        await shots.capture(page, name);
        if (options.axe) await expectNoA11yViolations(page, testInfo, name);
      });
    });
  },
});

export { expect };
