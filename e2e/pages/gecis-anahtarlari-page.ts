import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasePage } from './base-page';

/** The passkey texts of the SPA (web/src/i18n/texts.rs, "passkeys"). */
export const passkeyLabels = {
  tr: {
    heading: 'Geçiş Anahtarlarım',
    menuLink: 'Geçiş Anahtarlarım',
    loginButton: 'Geçiş Anahtarı ile Giriş',
    caption: 'Kayıtlı geçiş anahtarlarınız',
    none: 'Henüz bir geçiş anahtarınız yok.',
    nameLabel: 'Geçiş anahtarının adı',
    add: 'Geçiş anahtarı ekle',
    added: 'Geçiş anahtarı eklendi.',
    rename: 'Yeniden adlandır',
    newName: 'Yeni ad',
    saveName: 'Adı kaydet',
    renamed: 'Geçiş anahtarının adı değiştirildi.',
    remove: 'Kaldır',
    confirmRemove: 'Evet, kaldır',
    removed: 'Geçiş anahtarı kaldırıldı.',
    neverUsed: 'Henüz kullanılmadı',
    rejected: 'Geçiş anahtarı kabul edilmedi.',
  },
  en: {
    heading: 'My Passkeys',
    menuLink: 'My Passkeys',
    loginButton: 'Log in with a passkey',
    caption: 'Your registered passkeys',
    none: 'You have no passkeys yet.',
    nameLabel: 'Name of the passkey',
    add: 'Add a passkey',
    added: 'The passkey was added.',
    rename: 'Rename',
    newName: 'New name',
    saveName: 'Save the name',
    renamed: 'The passkey was renamed.',
    remove: 'Remove',
    confirmRemove: 'Yes, remove it',
    removed: 'The passkey was removed.',
    neverUsed: 'Not used yet',
    rejected: 'The passkey was not accepted.',
  },
} as const;

/**
 * Chromium's virtual authenticator (CDP WebAuthn domain): a platform authenticator with
 * resident keys and user verification that answers by itself, like a phone's fingerprint.
 */
export class VirtualAuthenticator {
  private constructor(
    private readonly cdp: CDPSession,
    readonly id: string,
  ) {}

  static async attach(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  /** The credentials the authenticator holds, and whether each is discoverable. */
  async credentials(): Promise<{ resident: boolean; signCount: number }[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.id });
    return credentials.map((c) => ({ resident: c.isResidentCredential, signCount: c.signCount }));
  }
}

/** `/hesabim/gecis-anahtarlari`: the applicant's passkeys. */
export class GecisAnahtarlariPage extends BasePage {
  readonly p: (typeof passkeyLabels)[Lang];

  constructor(page: Page, lang: Lang = 'tr') {
    super(page, lang);
    this.p = passkeyLabels[lang];
  }

  protected get headingText(): string {
    return this.p.heading;
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: this.p.caption });
  }

  get status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /./ });
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async goto(): Promise<void> {
    await this.page.goto('/hesabim/gecis-anahtarlari');
    await this.expectLoaded();
  }

  async add(name: string): Promise<void> {
    await this.page.getByRole('textbox', { name: this.p.nameLabel }).fill(name);
    await this.page.getByRole('button', { name: this.p.add, exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: this.p.added })).toBeVisible();
    await expect(this.row(name)).toBeVisible();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `${this.p.rename}: ${from}`, exact: true }).click();
    const field = this.page.getByRole('textbox', { name: this.p.newName, exact: true });
    await expect(field).toBeFocused();
    await field.fill(to);
    await this.page.getByRole('button', { name: this.p.saveName, exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: this.p.renamed })).toBeVisible();
    await expect(this.row(to)).toBeVisible();
  }

  /** "Kaldır", then the confirmation. */
  async askToRemove(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `${this.p.remove}: ${name}`, exact: true }).click();
    const confirm = this.page.getByRole('button', { name: this.p.confirmRemove, exact: true });
    await expect(confirm).toBeFocused();
    return confirm;
  }

  async expectEmpty(): Promise<void> {
    await expect(this.page.getByText(this.p.none, { exact: true })).toBeVisible();
  }
}
