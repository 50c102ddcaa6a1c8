// Time from navigation to an interactive Başvuru İşlemleri page in headless Chromium on
// localhost: median of several cold loads (a new browser context each time, so nothing is
// cached) and warm loads (same context, HTTP cache filled). Reported in docs/benchmarks.md.
//
//   node scripts/bench-tti.mjs [runs] [--throttle] [--identity] [--landing]
//
// --throttle: every page on a Fast-3G-like line (Chromium's network emulation through CDP,
// Network.emulateNetworkConditions: 1.6 Mbps down, 750 kbps up, 150 ms latency).
// --identity: the browser asks for no compression (Accept-Encoding: identity), so the files
// come as the server sent them before it compressed them: the "before" of issue 13.
// --landing: an anonymous visitor's log-in page instead (`/` until "e-Devlet ile Giriş" shows).
// Needs web/dist, the API binary (BENCH_API_BIN, else the first built of target/production,
// target/release and target/debug) and e2e/node_modules; BENCH_PORT (default 8199) is the
// API's port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(join(repo, 'e2e', 'package.json'));
const { chromium } = require('@playwright/test');

const args = process.argv.slice(2);
const throttle = args.includes('--throttle');
const identity = args.includes('--identity');
const landing = args.includes('--landing');
const runs = Number(args.find((a) => !a.startsWith('--')) ?? 15);
const port = Number(process.env.BENCH_PORT ?? 8199);
const base = `http://localhost:${port}`;
const bin = process.env.BENCH_API_BIN
  ?? ['production', 'release', 'debug'].map((p) => join(repo, 'target', p, 'api')).find(existsSync);
/** Fast 3G: bytes per second and milliseconds, as CDP takes them. */
const FAST_3G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const dataDir = mkdtempSync(join(tmpdir(), 'nes-bench-'));
const server = spawn(bin, [], {
  env: {
    ...process.env,
    NES_BIND: `127.0.0.1:${port}`,
    NES_PUBLIC_URL: base,
    NES_DATA_DIR: dataDir,
    NES_STATIC_DIR: join(repo, 'web', 'dist'),
    RUST_LOG: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/readyz`)).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  await fetch(`${base}/api/pre-applications`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-integrator-key', 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ tckn: '10000000146', first_name: 'Ayşe', last_name: 'Yılmaz',
      email: 'ayse@kurum.gov.tr', institution: 'T.C. Örnek Bakanlığı', payer: 'person', prepaid: true }] }),
  });
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Log in once through the e-Devlet simulator and keep the session cookie.
  const login = await browser.newContext();
  const page = await login.newPage();
  await page.goto(`${base}/api/auth/edevlet/login`);
  await page.locator('input[name="tckn"]').fill('10000000146');
  await page.locator('input[name="password"]').fill('Test-1001');
  await Promise.all([page.waitForURL(`${base}/basvuru-islemleri`), page.locator('form button[type="submit"]').first().click()]);
  const state = await login.storageState();
  await login.close();

  // Interactive: the list has arrived and its "Başvuruyu Tamamla" link can be used (or, for
  // --landing, the log-in page's e-Devlet link).
  const [path, ready] = landing ? ['/', /e-Devlet ile Giriş/] : ['/basvuru-islemleri', /Başvuruyu Tamamla/];
  const prepared = new WeakSet();
  // What the wasm files cost on the wire in the first cold load, to report beside the times.
  const wasm = { files: 0, bytes: 0, encodings: new Set() };
  let counting = true;
  const interactive = async (p) => {
    if (!prepared.has(p)) {
      prepared.add(p);
      const cdp = await p.context().newCDPSession(p);
      await cdp.send('Network.enable');
      if (throttle) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
      p.on('response', async (response) => {
        if (!counting || !response.url().endsWith('.wasm')) return;
        const headers = await response.allHeaders();
        const sizes = await response.request().sizes();
        wasm.files += 1;
        wasm.bytes += sizes.responseBodySize;
        wasm.encodings.add(headers['content-encoding'] ?? 'identity');
      });
    }
    const start = Date.now();
    await p.goto(`${base}${path}`, { waitUntil: 'commit' });
    await p.getByRole('link', { name: ready }).first().waitFor({ state: 'visible' });
    return Date.now() - start;
  };
  const cold = [];
  const session = landing ? {} : { storageState: state };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(session);
    cold.push(await interactive(await context.newPage()));
    // The responses of the first load have been counted once the page is interactive.
    await new Promise((r) => setTimeout(r, 200));
    counting = false;
    await context.close();
  }
  const context = await browser.newContext(session);
  const warmPage = await context.newPage();
  await interactive(warmPage);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await interactive(warmPage));
  await browser.close();
  console.log(`page: ${path}; runs: ${runs}${throttle ? ', Fast 3G (1.6 Mbps down, 750 kbps up, 150 ms)' : ', no throttling'}`);
  console.log(`wasm on the wire (first cold load): ${wasm.bytes} bytes in ${wasm.files} files, Content-Encoding ${[...wasm.encodings].join(', ')}`);
  console.log(`cold (new context, empty cache): median ${median(cold)} ms  [${cold.join(', ')}]`);
  console.log(`warm (cached assets):            median ${median(warm)} ms  [${warm.join(', ')}]`);
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
