import { expect, test, type APIRequestContext } from '@playwright/test';

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

/** The app's wasm as the browser fetches it: index.html names its JS, the JS its wasm. */
async function wasmOf(request: APIRequestContext, page: string): Promise<string> {
  const html = await (await request.get(page)).text();
  const wasm = html.match(/href="([^"]+_bg\.wasm)"/)?.[1];
  expect(wasm, `${page} preloads its wasm`).toBeTruthy();
  const response = await request.get(wasm!);
  expect(response.status()).toBe(200);
  return (await response.body()).toString('latin1');
}

test('the applicant downloads no staff screen, and staff paths get the staff app', async ({ request }) => {
  const applicant = await wasmOf(request, '/basvuru-islemleri');
  const staff = await wasmOf(request, '/kurum/basvurular');
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
