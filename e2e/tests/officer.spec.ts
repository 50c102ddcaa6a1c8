/**
 * The institution's e-signature officer (TAL.01.16 §3.1): the officer logs in with password
 * and TOTP (the code computed here from the secret), uploads a CSV of three people with one
 * bad row — the dry run saves nothing and shows the error beside that row — commits, and the
 * two good people appear in the institution's list; one is opened (timeline) and cancelled
 * after the confirmation. A pre-application is also created one by one. axe-core on every
 * officer screen.
 *
 * Each test's officer works for an institution of the test's own (made by the first operator
 * through the API), so the list holds exactly the test's rows.
 */
import { expectNoA11yViolations } from '../support/a11y';
import { test, expect } from '../support/fixtures';
import { createOfficer, firstOperator, loginAsStaff, staffApi, type Officer } from '../support/staff';
import { OfficerApplicationPage } from '../pages/officer-application-page';
import { OfficerApplicationsPage } from '../pages/officer-applications-page';
import { OfficerCreatePage } from '../pages/officer-create-page';
import { OfficerImportPage } from '../pages/officer-import-page';

/** A valid T.C. Kimlik No from nine digits (the first not 0): the two check digits computed. */
function tckn(nine: number): string {
  const d = String(nine).padStart(9, '0').split('').map(Number);
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  d.push((odd * 7 + 100 - even) % 10);
  d.push(d.reduce((sum, n) => sum + n, 0) % 10);
  return d.join('');
}

/** An institution of the test's own, and its officer (authenticator app already set up). */
async function officerOfNewInstitution(baseURL: string, unique: string): Promise<Officer> {
  const code = `E2E-${unique.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
  const operator = await staffApi(baseURL, firstOperator());
  let institutionId: string;
  try {
    const created = await operator.api.post('/api/operator/institutions', {
      headers: { 'X-CSRF-Token': operator.csrf },
      data: { code, name: `Deneme Kurumu ${code}` },
    });
    expect(created.status(), await created.text()).toBe(201);
    institutionId = (await created.json()).id;
  } finally {
    await operator.api.dispose();
  }
  return createOfficer(baseURL, { username: `sorumlu.${code.toLowerCase()}`, institutionId });
}

test('the officer uploads a CSV with one bad row: the dry run shows it, the commit creates the others', async ({
  page,
  baseURL,
  unique,
}, testInfo) => {
  const officer = await test.step('an officer of a new institution', () => officerOfNewInstitution(baseURL!, unique));
  await test.step('the officer logs in with password and TOTP', () => loginAsStaff(page, officer));

  const list = new OfficerApplicationsPage(page);
  await list.expectLoaded();
  await expect(list.count).toHaveText('Bu ölçütlere uyan başvuru yok.');
  await expectNoA11yViolations(page, testInfo, 'officer-list-empty');

  const upload = new OfficerImportPage(page);
  const csv =
    'tckn;ad;soyad;eposta;odeme;on_odemeli\r\n' +
    `${tckn(123456781)};Ayşe;Yılmaz;ayse.yilmaz@kurum.gov.tr;kurum;hayır\r\n` +
    `${tckn(123456782)};;Kaya;kaya@kurum.gov.tr;kurum;\r\n` +
    `${tckn(123456783)};Mehmet Ali;Öztürk;mehmet.ozturk@kurum.gov.tr;kişi;evet\r\n`;

  await test.step('the dry run shows the error next to the bad row and saves nothing', async () => {
    await page.getByRole('navigation', { name: upload.o.nav }).getByRole('link', { name: upload.o.importTitle }).click();
    await upload.expectLoaded();
    await expectNoA11yViolations(page, testInfo, 'officer-import');
    await upload.dryRun(csv);
    await expect(upload.summary).toHaveText(
      '3 satır okundu: 2 satır geçerli, 1 satır hatalı. Henüz hiçbir şey kaydedilmedi.',
    );
    await expect(upload.row(2)).toContainText(upload.o.outcomeValid);
    await expect(upload.row(3)).toContainText(upload.o.outcomeRejected);
    await expect(upload.row(3)).toContainText(upload.o.firstNameMissing);
    await expect(upload.row(3)).toContainText('Kaya');
    await expect(upload.row(4)).toContainText(upload.o.outcomeValid);
    await expect(upload.row(2)).not.toContainText(upload.o.firstNameMissing);
    await expect(upload.commitButton).toHaveText('2 geçerli satırı kaydet');
    await expectNoA11yViolations(page, testInfo, 'officer-import-dry-run');
  });

  await test.step('the commit creates the two good rows only', async () => {
    await upload.commit();
    // "0 … zaten açık": the dry run had saved nothing.
    await expect(upload.commitSummary).toHaveText(
      '2 ön başvuru oluşturuldu, 0 kişi için zaten açık ön başvuru vardı, 1 hatalı satır oluşturulmadı.',
    );
    await expect(upload.row(2)).toContainText(upload.o.outcomeCreated);
    await expect(upload.row(2).getByRole('link', { name: /^NES-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(upload.row(3)).toContainText(upload.o.outcomeRejected);
    await expectNoA11yViolations(page, testInfo, 'officer-import-commit');
  });

  await test.step('the two appear in the institution list, the bad row does not', async () => {
    await list.goto();
    await expect(list.count).toHaveText('2 başvuru bulundu.');
    await expect(list.row('Ayşe Yılmaz')).toBeVisible();
    await expect(list.row('Mehmet Ali Öztürk')).toBeVisible();
    await expect(list.table).not.toContainText('Kaya');
    await expectNoA11yViolations(page, testInfo, 'officer-list');
  });

  await test.step('one is opened with its timeline and cancelled after the confirmation', async () => {
    await list.open('Ayşe Yılmaz');
    const detail = new OfficerApplicationPage(page);
    await detail.expectLoaded();
    await expect(detail.definition('E-posta')).toHaveText('ayse.yilmaz@kurum.gov.tr');
    await page.getByText('Başvuru geçmişi').click();
    await expect(page.getByText(/Ön başvuru oluşturuldu/i).first()).toBeVisible();
    await expectNoA11yViolations(page, testInfo, 'officer-application');
    await detail.cancel();
    await expect(detail.definition('Durum')).toHaveText('İptal edildi');
    await expectNoA11yViolations(page, testInfo, 'officer-application-cancelled');
  });

  await test.step('the state filter finds the cancelled one', async () => {
    await list.goto();
    await list.state.selectOption('cancelled');
    await list.apply.click();
    await expect(page).toHaveURL(/[?&]state=cancelled/);
    await expect(list.count).toHaveText('1 başvuru bulundu.');
    await expect(list.row('Ayşe Yılmaz')).toBeVisible();
    await expect(list.table).not.toContainText('Öztürk');
  });
});

test('the officer creates one pre-application, and a wrong T.C. Kimlik No is shown at its field', async ({
  page,
  baseURL,
  unique,
}, testInfo) => {
  const officer = await officerOfNewInstitution(baseURL!, unique);
  await loginAsStaff(page, officer);
  const create = new OfficerCreatePage(page);
  await create.goto();
  await expectNoA11yViolations(page, testInfo, 'officer-create');

  await test.step('a wrong TCKN and an empty name are shown at their fields and in the summary', async () => {
    await create.field(create.o.tckn).fill('12345678901');
    await create.field(create.o.email).fill('can.er@kurum.gov.tr');
    await page.getByLabel(create.o.payerInstitution, { exact: true }).check();
    await create.submit.click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bir sorun var' });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('link')).toHaveCount(3);
    await expect(create.field(create.o.tckn)).toHaveAttribute('aria-invalid', 'true');
    await expect(create.field(create.o.firstName)).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, testInfo, 'officer-create-errors');
  });

  await test.step('corrected, it is created and listed', async () => {
    await create.create({
      tckn: tckn(223456789),
      firstName: 'Can',
      lastName: 'Er',
      email: 'can.er@kurum.gov.tr',
    });
    const list = new OfficerApplicationsPage(page);
    await list.goto();
    await expect(list.row('Can Er')).toBeVisible();
  });
});
