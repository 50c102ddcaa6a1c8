/**
 * An integrator's whole flow through a client generated from the committed OpenAPI document
 * (`npm run generate-client`: openapi-typescript → generated/openapi.d.ts; calls through
 * openapi-fetch's `createClient<paths>()`), so that the document's operations, parameters and
 * schemas are checked against the real server (and, by `tsc --noEmit`, this spec against the
 * document):
 *
 * the development institution's HR system (`dev-integrator-key`) registers a webhook endpoint
 * on a local receiver, creates a person-paid prepaid pre-application with an `Idempotency-Key`
 * and retries it; the person logs in through the e-Devlet simulator, fills in the form,
 * verifies the phone and approves with E-Onay in the browser; the payment provider reports the
 * payment the person was shown (a signed `POST /api/payments/callback`); the receiver has every
 * event, each correctly signed; the change feed shows the application in production with its
 * messages; the evidence package verifies with `nes-admin verify-evidence`.
 *
 * Only this spec uses the development institution `DEV` (each run starts from an empty
 * database), so its endpoint receives this spec's events only.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import type { components, paths } from '../generated/openapi';
import type { PreApplication } from '../support/api';
import { citizens } from '../support/citizens';
import { test, expect } from '../support/fixtures';
import { approveWithEOnay, reachApproval } from '../support/flows';
import { dataDir } from '../support/staff';

type WebhookEvent = components['schemas']['WebhookEvent'];
type WebhookEventType = components['schemas']['WebhookEventType'];

/** The development institution's key, seeded by every development server. */
const DEV_INTEGRATOR_KEY = 'dev-integrator-key';
/** `PAYMENT_CALLBACK_SECRET`'s published development default (README, Configuration). */
const DEV_PAYMENT_CALLBACK_SECRET = 'whsec_bmVzLWRldmVsb3BtZW50LXBheW1lbnQtY2FsbGJhY2tzLXNlY3JldA==';
const NES_ADMIN = join(__dirname, '..', '..', 'target', 'debug', 'nes-admin');

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: Buffer;
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 with the secret's bytes over `id.timestamp.body`. */
function sign(secret: string, id: string, timestamp: string, body: Buffer | string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
}

/** What an integrator's receiver does before trusting a message. */
function verify(secret: string, message: Received): boolean {
  if (Math.abs(Date.now() / 1000 - Number(message.timestamp)) > 300) return false;
  const expected = Buffer.from(sign(secret, message.id, message.timestamp, message.body));
  return message.signature
    .split(' ')
    .map((entry) => Buffer.from(entry))
    .some((entry) => entry.length === expected.length && crypto.timingSafeEqual(entry, expected));
}

/** A local webhook receiver (plain http on 127.0.0.1: allowed in development). */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body: Buffer.concat(chunks),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/nes-webhooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test.describe('an integrator, through the client generated from docs/openapi.json', () => {
  test('idempotent creation, signed webhooks, payment callback, change feed and a verified evidence package', async ({
    app,
    sms,
    phone,
    page,
    baseURL,
    unique,
    consentedCitizen,
  }, testInfo) => {
    test.setTimeout(300_000);
    if (!baseURL) throw new Error('the project has no baseURL');
    const hr = createClient<paths>({ baseUrl: baseURL, headers: { Authorization: `Bearer ${DEV_INTEGRATOR_KEY}` } });
    const zeynep = await consentedCitizen(citizens.zeynep);
    const receiver = await startReceiver();

    try {
      const endpoint = await test.step('register a webhook endpoint on the local receiver', async () => {
        const { data, error, response } = await hr.POST('/api/webhooks/endpoints', {
          body: { url: receiver.url, description: `E2E HR ${unique}` },
        });
        expect(response.status, JSON.stringify(error)).toBe(201);
        expect(data!.secret).toMatch(/^whsec_/);
        return data!;
      });

      const institution = `İnsan Kaynakları ${unique}`;
      const created = await test.step('create a person-paid prepaid pre-application with an Idempotency-Key, then retry it', async () => {
        const idempotencyKey = crypto.randomUUID();
        const create = () =>
          hr.POST('/api/pre-applications', {
            params: { header: { 'Idempotency-Key': idempotencyKey } },
            body: {
              items: [
                {
                  tckn: zeynep.tckn,
                  first_name: zeynep.firstName,
                  last_name: zeynep.lastName,
                  email: 'zeynep.celik@kurum.gov.tr',
                  institution,
                  payer: 'person',
                  prepaid: true,
                },
              ],
            },
          });
        const first = await create();
        expect(first.response.status, JSON.stringify(first.error)).toBe(200);
        expect(first.response.headers.get('Idempotent-Replayed')).not.toBe('true');
        expect(first.data!.created).toBe(1);
        const row = first.data!.results[0];
        expect(row.outcome).toBe('created');
        expect(row.reference).toMatch(/^NES-\d{4}-\d{6}$/);

        const retry = await create();
        expect(retry.response.status).toBe(200);
        expect(retry.response.headers.get('Idempotent-Replayed')).toBe('true');
        expect(retry.data).toEqual(first.data);
        return { id: row.application_id!, reference: row.reference! };
      });

      const pre: PreApplication = {
        ...created,
        institution,
        email: 'zeynep.celik@kurum.gov.tr',
        citizen: zeynep,
        payer: 'person',
        prepaid: true,
      };
      await reachApproval(app, sms, phone, zeynep, pre);
      await approveWithEOnay(app);

      // The applicant's own session (the browser's cookie), through the same generated client.
      const cookies = await page.context().cookies(baseURL);
      const applicant = createClient<paths>({
        baseUrl: baseURL,
        headers: { Cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') },
      });

      const payment = await test.step('the result shows the payment reference and amount, production waiting for it', async () => {
        const { data, error, response } = await applicant.GET('/api/applications/{id}/result', {
          params: { path: { id: created.id } },
        });
        expect(response.status, JSON.stringify(error)).toBe(200);
        expect(data!.application.state).toBe('awaiting_payment');
        const instructions = data!.payment;
        if (instructions.kind !== 'paid_by_person') throw new Error(`payment: ${JSON.stringify(instructions)}`);
        expect(instructions.production_waits_for_payment).toBe(true);
        expect(instructions.paid).toBe(false);
        return instructions;
      });

      await test.step('the payment provider reports the payment, signed (and the same again answers the same)', async () => {
        const body = JSON.stringify({
          transaction_id: `TX-E2E-${unique}`,
          payment_reference: payment.payment_reference,
          amount_kurus: payment.amount_kurus,
          currency: 'TRY',
          paid_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        } satisfies components['schemas']['PaymentCallbackRequest']);
        const provider = createClient<paths>({ baseUrl: baseURL });
        const post = (id: string, signature?: string) => {
          const timestamp = Math.floor(Date.now() / 1000);
          return provider.POST('/api/payments/callback', {
            params: {
              header: {
                'webhook-id': id,
                'webhook-timestamp': timestamp,
                'webhook-signature': signature ?? sign(DEV_PAYMENT_CALLBACK_SECRET, id, String(timestamp), body),
              },
            },
            body: JSON.parse(body),
            // Exactly the bytes that were signed.
            bodySerializer: () => body,
          });
        };
        const forged = await post(`msg_${crypto.randomUUID()}`, `v1,${Buffer.alloc(32).toString('base64')}`);
        expect(forged.response.status).toBe(401);
        expect(forged.error?.code).toBe('payment_callback_signature_invalid');

        const id = `msg_${crypto.randomUUID()}`;
        const first = await post(id);
        expect(first.response.status, JSON.stringify(first.error)).toBe(200);
        expect(first.data!.outcome).toBe('applied');
        const again = await post(id);
        expect(again.response.status).toBe(200);
        expect(again.data).toEqual(first.data);
      });

      await test.step('the receiver got every event of the application, each correctly signed', async () => {
        const wanted: WebhookEventType[] = [
          'application.created',
          'application.form_submitted',
          'application.phone_verified',
          'application.approved',
          'application.payment_recorded',
          'application.in_production',
        ];
        const eventsOf = () =>
          receiver.received
            .map((message) => ({ message, event: JSON.parse(message.body.toString('utf8')) as WebhookEvent }))
            .filter(({ event }) => event.data.application_id === created.id);
        await expect
          .poll(() => [...new Set(eventsOf().map(({ event }) => event.type))].sort(), { timeout: 60_000 })
          .toEqual([...wanted].sort());
        for (const { message, event } of eventsOf()) {
          expect(verify(endpoint.secret, message), `signature of ${event.type} (${message.id})`).toBe(true);
          expect(event.data.reference).toBe(created.reference);
        }
        const approved = eventsOf().find(({ event }) => event.type === 'application.approved')!;
        expect(approved.event.data.method).toBe('e_onay');
        expect(eventsOf().find(({ event }) => event.type === 'application.in_production')!.event.data.state).toBe('in_production');

        const tampered = { ...approved.message, body: Buffer.from(approved.message.body.toString('utf8').replace('e_onay', 'e_imza')) };
        expect(verify(endpoint.secret, tampered), 'a tampered body fails the check').toBe(false);
        expect(verify(`whsec_${crypto.randomBytes(32).toString('base64')}`, approved.message), 'another secret fails').toBe(false);
      });

      await test.step('the change feed shows the application in production, with its e-mails and SMS', async () => {
        // Changes of the last 15 seconds are held back: poll.
        let found: components['schemas']['FeedItem'] | undefined;
        await expect
          .poll(
            async () => {
              let cursor: string | undefined;
              for (;;) {
                const { data, error, response } = await hr.GET('/api/pre-applications', {
                  params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } },
                });
                expect(response.status, JSON.stringify(error)).toBe(200);
                found = data!.items.find((item) => item.id === created.id) ?? found;
                if (!data!.has_more) break;
                cursor = data!.next_cursor;
              }
              return found?.state;
            },
            { timeout: 60_000, intervals: [2_000] },
          )
          .toBe('in_production');
        expect(found!.reference).toBe(created.reference);
        const channels = found!.messages.map((message) => message.channel);
        expect(channels, JSON.stringify(found!.messages)).toContain('email');
        expect(channels, JSON.stringify(found!.messages)).toContain('sms');
      });

      await test.step('the evidence package downloads and verifies with nes-admin verify-evidence', async () => {
        const { data, error, response } = await applicant.GET('/api/applications/{id}/evidence', {
          params: { path: { id: created.id } },
          parseAs: 'arrayBuffer',
        });
        expect(response.status, JSON.stringify(error)).toBe(200);
        expect(response.headers.get('Content-Disposition')).toContain(`${created.reference}-kanit.zip`);
        const zip = testInfo.outputPath(`${created.reference}-kanit.zip`);
        writeFileSync(zip, Buffer.from(data as ArrayBuffer));

        // As on the server: the API instance's environment (its data directory holds the key).
        const env = { ...process.env, NES_ENV: 'development', NES_DATA_DIR: dataDir() };
        const onServer = spawnSync(NES_ADMIN, ['verify-evidence', zip], { env, encoding: 'utf8' });
        expect(onServer.status, `${onServer.stdout}\n${onServer.stderr}`).toBe(0);

        // Elsewhere: with the key Kamu SM publishes.
        const key = await hr.GET('/api/evidence/public-key');
        expect(key.response.status).toBe(200);
        const pem = testInfo.outputPath('evidence-public-key.pem');
        writeFileSync(pem, key.data!.public_key_pem);
        const elsewhere = spawnSync(NES_ADMIN, ['verify-evidence', zip, '--public-key', pem], { env, encoding: 'utf8' });
        expect(elsewhere.status, `${elsewhere.stdout}\n${elsewhere.stderr}`).toBe(0);
        expect(elsewhere.stdout).toContain(key.data!.key_id);
      });

      await test.step('remove the webhook endpoint', async () => {
        const { response } = await hr.DELETE('/api/webhooks/endpoints/{id}', { params: { path: { id: endpoint.endpoint.id } } });
        expect(response.status).toBeLessThan(300);
      });
    } finally {
      await receiver.close();
    }
  });
});
