/**
 * How the browser app reaches the browser (issue 13, "Size and speed budgets"): each bundle's
 * files in the coding the browser accepts (the brotli and gzip copies scripts/build-web
 * wrote), with the cache headers their names allow; the loading message of index.html before
 * the wasm runs; and each bundle's size against web/size-budget.toml
 * (scripts/measure-web-size).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { staffLabels } from '../pages/staff-labels';
import { labels } from '../support/labels';

const repo = resolve(__dirname, '..', '..');
const dist = join(repo, 'web', 'dist');
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The bundles built (the staff one once the app is split), as URL prefix and folder. */
const bundles = [
  { name: 'applicant', prefix: '/', dir: dist },
  { name: 'staff', prefix: '/staff/', dir: join(dist, 'staff') },
].filter((bundle) => existsSync(join(bundle.dir, 'index.html')));

/** The bundle's hashed wasm, JS and CSS files. */
function assets(dir: string): string[] {
  return readdirSync(dir).filter((name) => /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/.test(name));
}

async function fetchWith(request: APIRequestContext, url: string, acceptEncoding: string | null) {
  // Playwright's own default asks for every coding: say exactly what this browser accepts.
  const response = await request.get(url, { headers: { 'accept-encoding': acceptEncoding ?? 'identity' } });
  return { status: response.status(), headers: response.headers(), body: await response.body() };
}

test.describe('the browser app on the wire', () => {
  test('each file comes in the coding asked for, with its own length and ETag, and is cached a year', async ({ request }) => {
    expect(bundles.length).toBeGreaterThan(0);
    for (const bundle of bundles) {
      const files = assets(bundle.dir);
      expect(files.some((name) => name.endsWith('.wasm')), `${bundle.name}: a wasm file`).toBe(true);
      for (const name of files) {
        const url = `${bundle.prefix}${name}`;
        const plain = await fetchWith(request, url, null);
        expect(plain.status, url).toBe(200);
        expect(plain.headers['content-encoding'], url).toBeUndefined();
        expect(plain.body.equals(readFileSync(join(bundle.dir, name))), url).toBe(true);
        const etags = new Set([plain.headers['etag']]);
        for (const [accept, coding, suffix] of [
          ['br', 'br', '.br'],
          ['gzip', 'gzip', '.gz'],
          ['gzip, deflate, br, zstd', 'br', '.br'],
        ] as const) {
          const answer = await fetchWith(request, url, accept);
          expect(answer.status, `${url} ${accept}`).toBe(200);
          expect(answer.headers['content-encoding'], `${url} ${accept}`).toBe(coding);
          expect(answer.headers['vary'], `${url} ${accept}`).toBe('Accept-Encoding');
          expect(answer.headers['cache-control'], `${url} ${accept}`).toBe(IMMUTABLE);
          expect(answer.headers['content-type'], `${url} ${accept}`).toBe(plain.headers['content-type']);
          // The copy scripts/build-web wrote, sent as it is; Playwright decodes it to the file.
          expect(Number(answer.headers['content-length']), `${url} ${accept}`).toBe(statSync(join(bundle.dir, name + suffix)).size);
          expect(answer.body.equals(plain.body), `${url} ${accept}: decodes to the file`).toBe(true);
          etags.add(answer.headers['etag']);
        }
        expect(etags.size, `${url}: one ETag per coding`).toBe(3);
      }
    }
  });

  test('index.html and the pages that fall back to it are revalidated every time', async ({ request }) => {
    const paths = ['/', '/basvuru-islemleri', '/kurum', '/kamusm/basvurular', '/personel/giris'];
    for (const path of paths) {
      for (const accept of ['br', 'gzip', null]) {
        const answer = await fetchWith(request, path, accept);
        expect(answer.status, path).toBe(200);
        expect(answer.headers['cache-control'], path).toBe('no-cache');
        expect(answer.headers['content-type'], path).toMatch(/^text\/html/);
        expect(answer.headers['content-encoding'], `${path} ${accept}`).toBe(accept ?? undefined);
        expect(answer.body.toString('utf8'), path).toContain('<html');
      }
    }
    // Staff pages load the staff bundle once it is built; until then, the one app.
    const staffIndex = join(dist, existsSync(join(dist, 'staff', 'index.html')) ? 'staff' : '', 'index.html');
    const staffPage = await fetchWith(request, '/kamusm/basvurular', null);
    expect(staffPage.body.equals(readFileSync(staffIndex))).toBe(true);
  });
});

/** The loading message is index.html's own (its text says "Yükleniyor"): it shows while the
 * wasm is on its way and the app removes it when it mounts. */
test.describe('the loading message', () => {
  for (const { path, heading } of [
    { path: '/', heading: labels.tr.landing.heading },
    { path: '/personel/giris', heading: staffLabels.tr.loginTitle },
  ]) {
    test(`${path}: index.html says it is loading until the app replaces it`, async ({ page }) => {
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let asked = false;
      await page.route('**/*.wasm', async (route) => {
        asked = true;
        await released;
        await route.continue();
      });
      await page.goto(path, { waitUntil: 'commit' });
      const message = page.getByText(/yükleniyor/i).first();

      await test.step('while the wasm is held back, the page is not white', async () => {
        await expect(message).toBeVisible();
        await expect.poll(() => asked).toBe(true);
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
      });

      await test.step('the wasm arrives: the app takes the page', async () => {
        release();
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
        await expect(page.getByText(/yükleniyor/i)).toHaveCount(0);
      });
    });
  }
});

test.describe('the size budget (web/size-budget.toml)', () => {
  const script = join(repo, 'scripts', 'measure-web-size');
  const run = (...args: string[]) => {
    try {
      return { code: 0, output: execFileSync(script, args, { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      const failed = e as { status: number; stdout: string; stderr: string };
      return { code: failed.status, output: failed.stdout + failed.stderr };
    }
  };

  test('both bundles of this build are within their budgets', () => {
    const { code, output } = run();
    for (const bundle of ['applicant', 'staff']) {
      expect(output).toMatch(new RegExp(`${bundle}: first \\d+ bytes .* of \\d+ KB: ok; in all \\d+ bytes .* of \\d+ KB: ok`));
    }
    expect(code, output).toBe(0);
  });

  test('a bundle over a budget fails the check, which still prints both; lazy parts count only in all', () => {
    const fake = mkdtempSync(join(tmpdir(), 'nes-budget-'));
    try {
      mkdirSync(join(fake, 'staff'));
      const budget = join(fake, 'budget.toml');
      writeFileSync(
        budget,
        '[applicant]\ndir = "."\nmax_kb = 200\n\n[staff]\ndir = "staff"\nmax_kb = 300\nmax_total_kb = 400\n',
      );
      for (const dir of [fake, join(fake, 'staff')]) writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      // Random bytes do not compress: 250 KB gzipped is over 200 and under 300; twice that is over 400.
      const heavy = () => Buffer.from(Array.from({ length: 250 * 1024 }, () => Math.floor(Math.random() * 256)));
      writeFileSync(join(fake, 'web-0123456789abcdef_bg.wasm'), heavy());
      writeFileSync(join(fake, 'staff', 'web-staff-0123456789abcdef_bg.wasm'), heavy());
      writeFileSync(join(fake, 'staff', 'chunk-0123456789abcdef.wasm'), heavy());
      const over = run(fake, budget);
      expect(over.code, over.output).toBe(1);
      expect(over.output).toMatch(/applicant: first \d+ bytes .* of 200 KB: OVER by \d+ bytes/);
      expect(over.output).toMatch(/staff: first \d+ bytes .* of 300 KB: ok; in all \d+ bytes .* of 400 KB: OVER by \d+ bytes/);

      rmSync(join(fake, 'web-0123456789abcdef_bg.wasm'));
      rmSync(join(fake, 'staff', 'chunk-0123456789abcdef.wasm'));
      const within = run(fake, budget);
      expect(within.code, within.output).toBe(0);
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });
});
