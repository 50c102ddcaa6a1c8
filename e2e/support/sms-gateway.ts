/**
 * A fake SMS gateway: the far end of the API's HTTP SMS transport (`NES_SMS_TRANSPORT=http`).
 *
 * The API posts `{"to": "+905…", "text": "…"}` with `Authorization: Bearer <token>` to
 * `POST /sms`, exactly as it would to an operator's gateway. The gateway keeps every message per
 * number and lets the tests read them back with `GET /messages?to=+905…` — the way a code
 * reaches a phone. Each test uses its own number (see `fixtures.ts`), so tests never see each
 * other's codes. The server runs in the Playwright runner (global setup); tests, in their worker
 * processes, talk to it over HTTP through {@link SmsInbox}.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export const SMS_GATEWAY_PORT = Number(process.env.E2E_SMS_GATEWAY_PORT ?? 8190);
export const SMS_GATEWAY_TOKEN = process.env.E2E_SMS_GATEWAY_TOKEN ?? 'e2e-token';

export interface Sms {
  to: string;
  text: string;
  /** ISO time the gateway received it. */
  receivedAt: string;
}

const MAX_BODY_BYTES = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** `to` from a query string, where an unencoded `+` arrives as a space. */
function numberParam(url: URL): string {
  const raw = url.searchParams.get('to') ?? '';
  return raw.startsWith(' ') ? `+${raw.slice(1)}` : raw.trim();
}

export interface RunningGateway {
  port: number;
  close(): Promise<void>;
}

export async function startSmsGateway(
  port: number = SMS_GATEWAY_PORT,
  token: string = SMS_GATEWAY_TOKEN,
): Promise<RunningGateway> {
  const inbox = new Map<string, Sms[]>();
  let rejected = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');

    if (req.method === 'POST' && url.pathname === '/sms') {
      if (req.headers.authorization !== `Bearer ${token}`) {
        rejected += 1;
        send(res, 401, { error: 'unauthorized' });
        req.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) {
          send(res, 413, { error: 'too_large' });
          return;
        }
        let message: { to?: unknown; text?: unknown };
        try {
          message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          send(res, 400, { error: 'not_json' });
          return;
        }
        if (typeof message.to !== 'string' || !/^\+\d{8,15}$/.test(message.to) || typeof message.text !== 'string') {
          send(res, 422, { error: 'expected {to: "+E164", text: string}' });
          return;
        }
        const sms: Sms = { to: message.to, text: message.text, receivedAt: new Date().toISOString() };
        const list = inbox.get(sms.to) ?? [];
        list.push(sms);
        inbox.set(sms.to, list);
        send(res, 200, { id: `${sms.to}-${list.length}`, status: 'queued' });
      });
      return;
    }

    if (req.method === 'GET' && url.pathname === '/messages') {
      const to = numberParam(url);
      if (!to) {
        send(res, 400, { error: 'give ?to=+905…' });
        return;
      }
      send(res, 200, inbox.get(to) ?? []);
      return;
    }

    if (req.method === 'GET' && url.pathname === '/healthz') {
      send(res, 200, { status: 'ok', numbers: inbox.size, rejected });
      return;
    }

    send(res, 404, { error: 'not_found' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`the fake SMS gateway cannot listen on 127.0.0.1:${port}: the port is taken (E2E_SMS_GATEWAY_PORT chooses another)`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The six-digit code in an SMS from the API ("… onay kodunuz: 123456. …"). */
export function codeIn(text: string): string {
  const match = /kodunuz:\s*(\d{6})/.exec(text) ?? /code:\s*(\d{6})/.exec(text);
  if (!match) throw new Error(`no verification code in the SMS: ${text}`);
  return match[1];
}

/** What a test's phone receives. */
export class SmsInbox {
  constructor(private readonly base = `http://127.0.0.1:${SMS_GATEWAY_PORT}`) {}

  async messagesTo(e164: string): Promise<Sms[]> {
    const response = await fetch(`${this.base}/messages?${new URLSearchParams({ to: e164 })}`);
    if (!response.ok) throw new Error(`the fake SMS gateway answered ${response.status}`);
    return (await response.json()) as Sms[];
  }

  /** Waits until `e164` has received at least `count` messages; returns them all. */
  async waitForMessages(e164: string, count: number, timeoutMs = 15_000): Promise<Sms[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.messagesTo(e164);
      if (messages.length >= count) return messages;
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} SMS to ${e164} within ${timeoutMs} ms, got ${messages.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The code of the `nth` SMS (from 1) sent to `e164`, waiting for it to arrive. */
  async codeFromMessage(e164: string, nth: number): Promise<string> {
    const messages = await this.waitForMessages(e164, nth);
    return codeIn(messages[nth - 1].text);
  }
}
