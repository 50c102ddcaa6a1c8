import type { Page } from '@playwright/test';
import type { Lang } from '../support/labels';
import { BasvuruFormuPage } from './basvuru-formu-page';
import { BasvuruIslemleriPage } from './basvuru-islemleri-page';
import { EImzaPage, EOnayPage } from './e-onay-page';
import { EdevletSimulatorPage } from './edevlet-simulator-page';
import { ApplicationNotFoundPage, NetworkErrorPage, NotFoundPage, ServerErrorPage, SessionExpiredPage } from './error-pages';
import { KontrolPage } from './kontrol-page';
import { LandingPage } from './landing-page';
import { NesIslemleriPage } from './nes-islemleri-page';
import { SmsOnayiPage } from './sms-onayi-page';
import { SonucPage } from './sonuc-page';

export {
  ApplicationNotFoundPage,
  BasvuruFormuPage,
  BasvuruIslemleriPage,
  EImzaPage,
  EOnayPage,
  EdevletSimulatorPage,
  KontrolPage,
  LandingPage,
  NesIslemleriPage,
  NetworkErrorPage,
  NotFoundPage,
  ServerErrorPage,
  SessionExpiredPage,
  SmsOnayiPage,
  SonucPage,
};

/** Every screen's page object, in one language. */
export class App {
  readonly landing: LandingPage;
  readonly simulator: EdevletSimulatorPage;
  readonly menu: NesIslemleriPage;
  readonly list: BasvuruIslemleriPage;
  readonly form: BasvuruFormuPage;
  readonly check: KontrolPage;
  readonly sms: SmsOnayiPage;
  readonly approval: EOnayPage;
  readonly result: SonucPage;
  readonly sessionExpired: SessionExpiredPage;
  readonly networkError: NetworkErrorPage;
  readonly serverError: ServerErrorPage;
  readonly notFound: NotFoundPage;
  readonly applicationNotFound: ApplicationNotFoundPage;
  readonly eImza: EImzaPage;

  constructor(
    readonly page: Page,
    readonly lang: Lang = 'tr',
  ) {
    this.landing = new LandingPage(page, lang);
    this.simulator = new EdevletSimulatorPage(page);
    this.menu = new NesIslemleriPage(page, lang);
    this.list = new BasvuruIslemleriPage(page, lang);
    this.form = new BasvuruFormuPage(page, lang);
    this.check = new KontrolPage(page, lang);
    this.sms = new SmsOnayiPage(page, lang);
    this.approval = new EOnayPage(page, lang);
    this.result = new SonucPage(page, lang);
    this.sessionExpired = new SessionExpiredPage(page, lang);
    this.networkError = new NetworkErrorPage(page, lang);
    this.serverError = new ServerErrorPage(page, lang);
    this.notFound = new NotFoundPage(page, lang);
    this.applicationNotFound = new ApplicationNotFoundPage(page, lang);
    this.eImza = new EImzaPage(page, lang);
  }

  /** The same screens read in the other language. */
  in(lang: Lang): App {
    return new App(this.page, lang);
  }
}
