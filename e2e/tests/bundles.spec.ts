import type { APIRequestContext } from '@playwright/test';
import { citizens } from '../support/citizens';
import { expect, test } from '../support/fixtures';
import { logInWithEdevlet, openForm } from '../support/flows';

/**
 * Two apps, two downloads: the applicant's app carries nothing of the staff screens, and the
 * staff app is served for the staff areas. Read from what the server sends, the way a
 * browser gets it.
 */

/** Paths and texts only the staff screens have (route segments, menu paths, headings). */
const STAFF_ONLY = [
  'toplu-yukleme',
  '/kurum/on-basvuru',
  'odeme-bildirimleri',
  'webhooklar',
  'dogrulama-kurulumu',
  '/kamusm/personel',
  'API anahtarlar',
];

/** The text of what `url` answers (200 expected), each UTF-8 byte one char (latin1). */
async function fetched(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.body()).toString('latin1');
}

/**
 * An app's wasm as the browser can fetch it: index.html preloads the main module and the
 * loader of its lazily loaded parts, the loader names each part.
 */
async function wasmOf(request: APIRequestContext, page: string): Promise<{ main: string; all: string }> {
  const html = await (await request.get(page)).text();
  const main = html.match(/href="([^"]+_bg\.wasm)"/)?.[1];
  const loader = html.match(/href="([^"]+-split-[0-9a-f]+\.js)"/)?.[1];
  expect(main, `${page} preloads its wasm`).toBeTruthy();
  expect(loader, `${page} preloads the loader of its lazy parts`).toBeTruthy();
  const folder = loader!.slice(0, loader!.lastIndexOf('/') + 1);
  const parts = [...(await fetched(request, loader!)).matchAll(/"\.\/(chunk-[0-9a-f]+\.wasm)"/g)].map((m) => folder + m[1]);
  expect(parts.length, `${page}: lazily loaded parts`).toBeGreaterThan(0);
  const mainWasm = await fetched(request, main!);
  const partsWasm = await Promise.all(parts.map((part) => fetched(request, part)));
  return { main: mainWasm, all: [mainWasm, ...partsWasm].join('') };
}

test('the applicant downloads no staff screen, and staff paths get the staff app', async ({ request }) => {
  const applicant = (await wasmOf(request, '/basvuru-islemleri')).all;
  const staff = (await wasmOf(request, '/kurum/basvurular')).all;
  expect(applicant.includes('basvuru-islemleri'), 'the applicant app has its own routes').toBe(true);
  for (const marker of STAFF_ONLY) {
    // latin1 keeps UTF-8 bytes one char each, so ASCII markers compare as they are.
    expect(staff.includes(marker), `the staff app has ${marker}`).toBe(true);
    expect(applicant.includes(marker), `the applicant's app has no ${marker}`).toBe(false);
  }
  expect(applicant.length).toBeLessThan(staff.length);
});

test('a link from one app to the other loads the other app', async ({ page }) => {
  await page.goto('/');
  const staffLink = page.getByRole('link', { name: /e-İmza sorumlusu ve Kamu SM personeli/ });
  await staffLink.click();
  await expect(page).toHaveURL(/\/personel\/giris$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const scripts = await page.locator('link[rel="modulepreload"], script[type="module"]').evaluateAll(
    (nodes) => nodes.map((n) => n.getAttribute('href') ?? n.getAttribute('src') ?? n.textContent ?? ''),
  );
  expect(scripts.join(' ')).toContain('/staff/');
  await page.getByRole('link', { name: /Kamu SM/ }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'e-Devlet ile Giriş' })).toBeVisible();
});

test('the applications list comes with the first download; the form is fetched when it opens', async ({
  app,
  preApplicationFor,
}) => {
  const pre = await preApplicationFor(citizens.zeynep);
  const parts: string[] = [];
  app.page.on('request', (request) => {
    if (/\/chunk-[0-9a-f]+\.wasm$/.test(request.url())) parts.push(request.url());
  });
  await logInWithEdevlet(app, citizens.zeynep);

  await test.step('a reload of Başvuru İşlemleri fetches no lazy part', async () => {
    parts.length = 0;
    await app.page.reload();
    await app.list.expectLoaded();
    expect(parts).toEqual([]);
  });

  await test.step('"Başvuruyu Tamamla" fetches the part with the application\'s steps, once', async () => {
    await openForm(app, pre);
    expect(parts.length).toBeGreaterThan(0);
    const fetchedForForm = parts.length;
    await app.page.goBack();
    await app.list.expectLoaded();
    await openForm(app, pre);
    expect(parts.length, 'the part is kept, not fetched again').toBe(fetchedForForm);
  });
});

test('a part that cannot be fetched is an error the page shows, and "Tekrar dene" fetches it', async ({
  app,
  preApplicationFor,
}) => {
  const pre = await preApplicationFor(citizens.zeynep);
  const part = /\/chunk-[0-9a-f]+\.wasm$/;
  await logInWithEdevlet(app, citizens.zeynep);

  await test.step('the line drops while the form is fetched', async () => {
    await app.page.route(part, (route) => route.abort('internetdisconnected'));
    await app.list.completeApplication(pre.reference);
    await expect(app.page.getByRole('heading', { level: 1, name: 'Bağlantı kurulamadı' })).toBeVisible();
    await expect(app.page).toHaveURL(new RegExp(`/basvuru/${pre.id}/form$`));
  });

  await test.step('the line is back: "Tekrar dene" shows the form', async () => {
    await app.page.unroute(part);
    await app.page.getByRole('button', { name: 'Tekrar dene' }).click();
    await app.form.expectLoaded();
  });
});
