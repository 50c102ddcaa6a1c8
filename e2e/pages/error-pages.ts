import type { Locator } from '@playwright/test';
import { BasePage } from './base-page';

/** "Oturumunuz sona erdi": shown when the API says the session is gone. */
export class SessionExpiredPage extends BasePage {
  protected get headingText(): string {
    return this.t.errors.sessionExpired;
  }
  get loginAgain(): Locator {
    return this.page.getByRole('link', { name: this.t.errors.loginAgain, exact: true });
  }
}

/** "Bağlantı kurulamadı": the API could not be reached. */
export class NetworkErrorPage extends BasePage {
  protected get headingText(): string {
    return this.t.errors.network;
  }
  get retry(): Locator {
    return this.page.getByRole('button', { name: this.t.errors.retry, exact: true });
  }
}

/** "Beklenmeyen bir hata oluştu": the API answered 5xx. */
export class ServerErrorPage extends BasePage {
  protected get headingText(): string {
    return this.t.errors.server;
  }
  get retry(): Locator {
    return this.page.getByRole('button', { name: this.t.errors.retry, exact: true });
  }
}

/** "Sayfa bulunamadı": an address the app does not know. */
export class NotFoundPage extends BasePage {
  protected get headingText(): string {
    return this.t.errors.notFound;
  }
  get goHome(): Locator {
    return this.page.getByRole('link', { name: this.t.errors.goHome, exact: true });
  }
}

/** "Başvuru bulunamadı": no such application, or not the person's own. */
export class ApplicationNotFoundPage extends BasePage {
  protected get headingText(): string {
    return this.t.errors.applicationNotFound;
  }
}
