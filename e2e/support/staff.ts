/**
 * Staff members for the specs: the first operator (made by start-server.sh with
 * `nes-admin create-operator`), officers made through the operator's API, and the browser
 * login with password and TOTP (`loginAsStaff`).
 *
 * A TOTP code is accepted once per 30-second step. The last step used for each secret is
 * remembered (in memory, and for the operator in the server's data directory, so another
 * worker knows it too); a login uses the current step's code, or the next one (one step of
 * clock difference is accepted), or waits for the clock.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { codeForStep, base32Decode, stepAt, STEP_SECONDS } from './totp';

export interface StaffCredentials {
  username: string;
  password: string;
  /** Base32; absent until the authenticator app is set up (first login). */
  totpSecret?: string;
}

export interface Officer extends StaffCredentials {
  totpSecret: string;
  institutionId: string;
}

/** Where an active staff member lands: the officer's or the operator's list. */
export const HOME = /\/(kurum|kamusm)\/basvurular$/;

/** The data directory start-server.sh uses for the running test's project. */
export function dataDir(): string {
  const info = test.info();
  const port = new URL(info.project.use.baseURL ?? '').port;
  return join(process.env.TMPDIR ?? tmpdir(), `nes-e2e-${info.project.name}-${port}`);
}

function operatorFile(name: string): string {
  return join(dataDir(), name);
}

/** The first operator: user name and password from start-server.sh, and the TOTP secret once
 * a spec has set up the app. */
export function firstOperator(): StaffCredentials {
  const file = operatorFile('operator.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: start-server.sh makes the first operator with nes-admin`);
  const { username, password } = JSON.parse(readFileSync(file, 'utf8'));
  const totpFile = operatorFile('operator-totp.json');
  const totpSecret = existsSync(totpFile) ? JSON.parse(readFileSync(totpFile, 'utf8')).secret : undefined;
  return { username, password, totpSecret };
}

/** Keeps a secret just set up (and, for the first operator, tells the other workers). */
export function rememberSecret(who: StaffCredentials, secret: string): void {
  who.totpSecret = secret;
  const operator = firstOperator();
  if (operator.username === who.username) {
    writeFileSync(operatorFile('operator-totp.json'), JSON.stringify({ secret }));
  }
}

const lastSteps = new Map<string, number>();

/** The last step whose code was used for `secret` (-1: none). */
export function lastUsedStep(secret: string): number {
  const file = operatorFile('totp-steps.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8'))[secret] ?? -1) : -1;
  return Math.max(lastSteps.get(secret) ?? -1, stored);
}

function markUsed(secret: string, step: number): void {
  lastSteps.set(secret, step);
  const file = operatorFile('totp-steps.json');
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  all[secret] = Math.max(step, all[secret] ?? -1);
  writeFileSync(file, JSON.stringify(all));
}

/** A code of `secret` not used before: this step's, the next one's, or — after waiting — a
 * later one. Marked as used. */
export async function freshCode(secret: string): Promise<string> {
  for (;;) {
    const now = stepAt();
    const step = Math.max(now, lastUsedStep(secret) + 1);
    if (step <= now + 1) {
      markUsed(secret, step);
      return codeForStep(base32Decode(secret), step);
    }
    const msToNextStep = STEP_SECONDS * 1000 - (Date.now() % (STEP_SECONDS * 1000)) + 50;
    await new Promise((resolve) => setTimeout(resolve, msToNextStep));
  }
}

/** The setup key shown on the enrolment page, without its spaces. */
async function secretOnPage(page: Page): Promise<string> {
  const key = page.locator('#kurulum-anahtari');
  await expect(key).toBeVisible();
  return (await key.innerText()).replace(/\s+/g, '');
}

/**
 * Logs `who` in in the browser: password, then the TOTP code (or, on the first login, the
 * authenticator app set up from the key shown on the page, and the password change offered
 * then skipped). A password set by an operator is changed when the app asks (and remembered
 * in `who`). Ends on the staff member's home. `'operator'` is the first operator.
 */
export async function loginAsStaff(page: Page, who: StaffCredentials | 'operator'): Promise<StaffCredentials> {
  const staff = who === 'operator' ? firstOperator() : who;
  await page.goto('/personel/giris');
  await page.locator('#username').fill(staff.username);
  await page.locator('#password').fill(staff.password);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/personel\/dogrulama(-kurulumu)?$/);
  if (page.url().endsWith('/personel/dogrulama-kurulumu')) {
    const secret = await secretOnPage(page);
    rememberSecret(staff, secret);
    await page.locator('#dogrulama-kodu').fill(await freshCode(secret));
    await page.locator('form button[type=submit]').click();
    await expect(page).toHaveURL(/\/personel\/parola\?ilk=1$/);
    if (!(await changeGivenPassword(page, staff))) {
      await page.getByRole('link', { name: /^(Şimdi değil, devam et|Not now, continue)$/ }).click();
    }
  } else {
    if (!staff.totpSecret) throw new Error(`${staff.username} has set up TOTP, but the spec does not know the secret`);
    const secret = staff.totpSecret;
    // The code first: finding an unused one may mean waiting for the next 30-second step,
    // which must not eat into the wait for the answer.
    const code = await freshCode(secret);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/staff/session/totp'));
    await page.locator('#dogrulama-kodu').fill(code);
    await page.locator('form button[type=submit]').click();
    if ((await answer).status() !== 200) {
      // A step used by a process this one does not know of: the next code is new.
      await page.locator('#dogrulama-kodu').fill(await freshCode(secret));
      await page.locator('form button[type=submit]').click();
    }
    await expect(page).toHaveURL(/\/(kurum|kamusm)\/basvurular$|\/personel\/parola\?ilk=1$/);
    await changeGivenPassword(page, staff);
  }
  await expect(page).toHaveURL(HOME);
  return staff;
}

/** A password no list of common passwords holds. */
export function newStaffPassword(): string {
  return `e2e-${randomBytes(12).toString('hex')}`;
}

/**
 * When the password was set by an operator (a new account, a reset), the app asks for it to
 * be changed before anything else: changes it on the page (remembered in `staff`) and
 * continues home. Answers whether it was asked.
 */
async function changeGivenPassword(page: Page, staff: StaffCredentials): Promise<boolean> {
  const session = await (await page.request.get('/api/staff/session')).json();
  if (!session.password_change_required) return false;
  await expect(page).toHaveURL(/\/personel\/parola\?ilk=1$/);
  const next = newStaffPassword();
  await page.locator('#current-password').fill(staff.password);
  await page.locator('#new-password').fill(next);
  await page.locator('#new-password-again').fill(next);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('#parola-degisti')).toBeVisible();
  staff.password = next;
  await page.getByRole('link', { name: /^(Devam et|Continue)$/ }).click();
  return true;
}

/** An API session of `who` with both factors done (the enrolment too, on a first login). */
export async function staffApi(baseURL: string, who: StaffCredentials): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/staff/session', { data: { username: who.username, password: who.password } });
  expect(login.status(), await login.text()).toBe(200);
  const { stage } = await login.json();
  let csrf = (await (await api.get('/api/staff/session')).json()).csrf_token;
  if (stage === 'totp_enrolment') {
    const started = await api.post('/api/staff/totp-enrolment', { headers: { 'X-CSRF-Token': csrf } });
    expect(started.status(), await started.text()).toBe(200);
    const { secret } = await started.json();
    rememberSecret(who, secret);
    const confirmed = await api.post('/api/staff/totp-enrolment/confirmation', {
      headers: { 'X-CSRF-Token': csrf },
      data: { code: await freshCode(secret) },
    });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    csrf = (await confirmed.json()).csrf_token;
  } else {
    if (!who.totpSecret) throw new Error(`${who.username}: the TOTP secret is not known`);
    let verified = await api.post('/api/staff/session/totp', {
      headers: { 'X-CSRF-Token': csrf },
      data: { code: await freshCode(who.totpSecret) },
    });
    if (verified.status() === 401) {
      verified = await api.post('/api/staff/session/totp', {
        headers: { 'X-CSRF-Token': csrf },
        data: { code: await freshCode(who.totpSecret) },
      });
    }
    expect(verified.status(), await verified.text()).toBe(200);
    csrf = (await verified.json()).csrf_token;
  }
  const session = await (await api.get('/api/staff/session')).json();
  if (session.password_change_required) {
    // Set by an operator: nothing else is open until the person chooses their own.
    const next = newStaffPassword();
    const changed = await api.put('/api/staff/password', {
      headers: { 'X-CSRF-Token': csrf },
      data: { current_password: who.password, new_password: next },
    });
    expect(changed.status(), await changed.text()).toBe(204);
    who.password = next;
  }
  return { api, csrf };
}

/** The id of the development institution (`DEV`, the one of the development API key). */
async function devInstitutionId(api: APIRequestContext): Promise<string> {
  const response = await api.get('/api/operator/institutions');
  expect(response.status(), await response.text()).toBe(200);
  const { institutions } = await response.json();
  const dev = institutions.find((i: { code: string }) => i.code === 'DEV');
  if (!dev) throw new Error('no DEV institution');
  return dev.id;
}

/**
 * A new officer of `institutionId` (default: the development institution), made by the
 * first operator through `POST /api/operator/staff`, with the authenticator app already set
 * up through the API — ready for `loginAsStaff(page, officer)`.
 */
export async function createOfficer(
  baseURL: string,
  options: { username: string; displayName?: string; institutionId?: string },
): Promise<Officer> {
  const operator = await staffApi(baseURL, firstOperator());
  try {
    const institutionId = options.institutionId ?? (await devInstitutionId(operator.api));
    const created = await operator.api.post('/api/operator/staff', {
      headers: { 'X-CSRF-Token': operator.csrf },
      data: {
        username: options.username,
        display_name: options.displayName ?? `Sorumlu ${options.username}`,
        role: 'officer',
        institution_id: institutionId,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const body = await created.json();
    const officer: StaffCredentials = { username: body.account.username, password: body.initial_password };
    const enrolled = await staffApi(baseURL, officer);
    await enrolled.api.dispose();
    return { ...officer, totpSecret: officer.totpSecret ?? '', institutionId };
  } finally {
    await operator.api.dispose();
  }
}

/** The first operator's session, kept for the worker's life per server (a login may wait for a
 * fresh TOTP step, so it is done once, and again only when the session ended). What is kept is
 * the cookies and the CSRF token, not the request context: each use opens its own connection, as
 * a kept one may sit idle past the server's keep-alive and be closed just as a request is sent
 * on it (ECONNRESET, not an answer). */
type KeptSession = { storageState: Awaited<ReturnType<APIRequestContext['storageState']>>; csrf: string };
const operatorSessions = new Map<string, Promise<KeptSession>>();

async function keptOperatorSession(baseURL: string): Promise<KeptSession> {
  const { api, csrf } = await staffApi(baseURL, firstOperator());
  try {
    return { storageState: await api.storageState(), csrf };
  } finally {
    await api.dispose();
  }
}

/**
 * An API key of a new institution named `name`, made by the first operator. An institution
 * has one open application per person, so each pre-application of the few test citizens
 * comes from an institution of its own.
 */
export async function newInstitutionKey(baseURL: string, name: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    let session = operatorSessions.get(baseURL);
    if (!session) {
      session = keptOperatorSession(baseURL);
      operatorSessions.set(baseURL, session);
    }
    const { storageState, csrf } = await session;
    const api = await request.newContext({ baseURL, storageState });
    try {
      const code = `E2E-${randomBytes(6).toString('hex').toUpperCase()}`;
      const created = await api.post('/api/operator/institutions', {
        headers: { 'X-CSRF-Token': csrf },
        data: { code, name },
      });
      if (created.status() === 401 && attempt === 0) {
        // The session ended (a spec logged the operator out everywhere, say): log in again.
        operatorSessions.delete(baseURL);
        continue;
      }
      expect(created.status(), await created.text()).toBe(201);
      const { id } = await created.json();
      const key = await api.post(`/api/operator/institutions/${id}/api-keys`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { name: 'E2E HR' },
      });
      expect(key.status(), await key.text()).toBe(201);
      return (await key.json()).api_key;
    } finally {
      await api.dispose();
    }
  }
}
