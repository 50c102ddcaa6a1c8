/**
 * The API as the tests' helpers use it: as an institution's HR system (integrator key) to
 * create pre-applications, and as an applicant in a session of its own (the e-Devlet login done
 * the way `api/tests/api/helpers.rs` does it: the simulator's server-rendered form, hidden
 * inputs and all) to give the e-Onay consent ahead of a browser test.
 */
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import type { Citizen } from './citizens';
import { newInstitutionKey } from './staff';

export type Payer = 'institution' | 'person';

export interface PreApplicationOptions {
  /** Unique per test, so each test finds its own row in the list. */
  institution: string;
  payer?: Payer;
  prepaid?: boolean;
}

export interface PreApplication {
  id: string;
  /** NES-YYYY-NNNNNN */
  reference: string;
  institution: string;
  email: string;
  citizen: Citizen;
  payer: Payer;
  prepaid: boolean;
}

function ascii(text: string): string {
  const map: Record<string, string> = { ç: 'c', ğ: 'g', ı: 'i', i: 'i', ö: 'o', ş: 's', ü: 'u' };
  return [...text.toLocaleLowerCase('tr-TR')]
    .map((c) => map[c] ?? (/[a-z0-9]/.test(c) ? c : ''))
    .join('');
}

export class NesApi {
  constructor(private readonly baseURL: string) {}

  private async context(): Promise<APIRequestContext> {
    return playwrightRequest.newContext({ baseURL: this.baseURL });
  }

  /** `POST /api/pre-applications` as the HR system of a new institution named
   * `options.institution` (one open application per person and institution: each test's
   * pre-application of the same few citizens is another institution's). */
  async createPreApplication(citizen: Citizen, options: PreApplicationOptions): Promise<PreApplication> {
    const payer = options.payer ?? 'institution';
    const prepaid = options.prepaid ?? false;
    const email = `${ascii(citizen.firstName)}.${ascii(citizen.lastName)}@kurum.gov.tr`;
    const key = await newInstitutionKey(this.baseURL, options.institution);
    const api = await this.context();
    try {
      const response = await api.post('/api/pre-applications', {
        headers: { Authorization: `Bearer ${key}` },
        data: {
          items: [
            {
              tckn: citizen.tckn,
              first_name: citizen.firstName,
              last_name: citizen.lastName,
              email,
              institution: options.institution,
              payer,
              prepaid,
            },
          ],
        },
      });
      expect(response.status(), await response.text()).toBe(200);
      const body = await response.json();
      const row = body.results[0];
      expect(row.outcome, JSON.stringify(row)).toBe('created');
      expect(row.reference).toMatch(/^NES-\d{4}-\d{6}$/);
      return { id: row.application_id, reference: row.reference, institution: options.institution, email, citizen, payer, prepaid };
    } finally {
      await api.dispose();
    }
  }

  /**
   * A long history for `citizen` with one institution: `completed` pre-applications each
   * cancelled right away (one open application per person and institution), then one left
   * open. Answers the references, newest first (the open one first).
   */
  async createHistory(citizen: Citizen, completed: number, institution: string): Promise<string[]> {
    const key = await newInstitutionKey(this.baseURL, institution);
    const api = await this.context();
    const references: string[] = [];
    try {
      for (let i = 0; i <= completed; i++) {
        const created = await api.post('/api/pre-applications', {
          headers: { Authorization: `Bearer ${key}` },
          data: {
            items: [
              {
                tckn: citizen.tckn,
                first_name: citizen.firstName,
                last_name: citizen.lastName,
                email: `deneme.${citizen.tckn}@kurum.gov.tr`,
                institution,
                payer: 'institution',
                prepaid: false,
              },
            ],
          },
        });
        expect(created.status(), await created.text()).toBe(200);
        const row = (await created.json()).results[0];
        expect(row.outcome, JSON.stringify(row)).toBe('created');
        references.unshift(row.reference);
        if (i === completed) break;
        const cancelled = await api.post(`/api/pre-applications/${row.application_id}/cancellation`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        expect(cancelled.status(), await cancelled.text()).toBe(200);
      }
      return references;
    } finally {
      await api.dispose();
    }
  }

  /** Logs `citizen` in through the simulator in a fresh API session; returns that session. */
  async loginAs(citizen: Citizen): Promise<{ api: APIRequestContext; csrf: string }> {
    const api = await this.context();
    const start = await api.get('/api/auth/edevlet/login', { maxRedirects: 0 });
    expect(start.status(), 'our login route redirects to e-Devlet').toBe(303);
    const authorize = new URL(start.headers()['location'], this.baseURL);

    const formPage = await api.get(authorize.toString());
    expect(formPage.status()).toBe(200);
    const html = await formPage.text();
    const fields: Record<string, string> = {};
    for (const [, tag] of html.matchAll(/<input([^>]*)>/g)) {
      if (!/type="hidden"/.test(tag)) continue;
      const name = /name="([^"]*)"/.exec(tag)?.[1];
      const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
      if (name) fields[unescapeHtml(name)] = unescapeHtml(value);
    }
    fields.tckn = citizen.tckn;
    fields.password = citizen.password;
    fields.islem = 'giris';

    const posted = await api.post(`${authorize.origin}${authorize.pathname}`, { form: fields, maxRedirects: 0 });
    expect(posted.status(), 'the simulator accepts the password').toBe(303);
    const callback = await api.get(new URL(posted.headers()['location'], this.baseURL).toString(), { maxRedirects: 0 });
    expect(callback.status()).toBe(303);
    expect(callback.headers()['location']).toBe('/basvuru-islemleri');

    const session = await api.get('/api/session');
    expect(session.status()).toBe(200);
    const { csrf_token: csrf } = await session.json();
    return { api, csrf };
  }

  /** Gives `citizen`'s e-Onay consent (idempotent: the first moment is kept). */
  async giveConsent(citizen: Citizen): Promise<void> {
    const { api, csrf } = await this.loginAs(citizen);
    try {
      const response = await api.put('/api/me/e-onay-consent', {
        headers: { 'X-CSRF-Token': csrf },
        data: { accepted: true },
      });
      expect(response.status(), await response.text()).toBe(200);
    } finally {
      await api.dispose();
    }
  }
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
