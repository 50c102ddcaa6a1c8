import { expect, type Locator, type Page } from '@playwright/test';
import { labels, type Labels, type Lang } from '../support/labels';
import { escapeRegExp } from '../support/text';

/** What every screen of the SPA has: one h1, the language switch, `<html lang>`. */
export abstract class BasePage {
  readonly t: Labels;

  constructor(
    readonly page: Page,
    readonly lang: Lang = 'tr',
  ) {
    this.t = labels[lang];
  }

  /** The h1 text this screen must show in `lang`. */
  protected abstract get headingText(): string;

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.headingText, exact: true });
  }

  /** The switch shows the other language, named in itself ("English" / "Türkçe"). */
  get languageSwitch(): Locator {
    return this.page.getByRole('button', { name: this.t.language.switchTo, exact: true });
  }

  /** "Yükleniyor…" while the screen's data loads (its h1 is already there). */
  get loading(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.t.layout.loading });
  }

  /** The screen's h1 in `lang`, `<html lang>` set, its data loaded, the title naming it. */
  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.page.locator('html')).toHaveAttribute('lang', this.t.language.htmlLang);
    await expect(this.loading).toHaveCount(0);
    await expect(this.page).toHaveTitle(`${this.headingText} — ${this.t.layout.brand}`);
  }

  /** The value (`dd`) after the term (`dt`) reading exactly `term`, in a description list. */
  definition(term: string): Locator {
    return this.page
      .getByRole('main')
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** Every heading text the screen shows, in document order. */
  async visibleHeadings(): Promise<string[]> {
    const headings = this.page.getByRole('heading');
    const texts: string[] = [];
    for (const heading of await headings.all()) {
      if (await heading.isVisible()) texts.push((await heading.innerText()).trim());
    }
    return texts;
  }
}
