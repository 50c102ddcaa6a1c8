import { expect, type Locator } from '@playwright/test';
import { BasePage } from './base-page';

export type ListSection = 'ongoing' | 'completed';

/**
 * `/basvuru-islemleri`: Devam Eden ve Tamamlanmış Başvurular — two tables (captions "Devam eden
 * başvurular", "Tamamlanmış başvurular"), one row per application with its reference as the row
 * header, its state with a "Başvuru geçmişi" disclosure, and the İşlem column's link.
 */
export class BasvuruIslemleriPage extends BasePage {
  protected get headingText(): string {
    return this.t.list.heading;
  }

  get sectionHeading(): Locator {
    return this.page.getByRole('heading', { name: this.t.list.section, exact: true });
  }

  table(section: ListSection): Locator {
    const caption = section === 'ongoing' ? this.t.list.ongoing : this.t.list.completed;
    return this.page.getByRole('table', { name: caption, exact: true });
  }

  private rowWith(scope: Locator, reference: string): Locator {
    return scope.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: reference, exact: true }) });
  }

  /** The row of one application, by its reference (NES-YYYY-NNNNNN), in either table. */
  row(reference: string): Locator {
    return this.rowWith(this.page.getByRole('main'), reference);
  }

  rowIn(section: ListSection, reference: string): Locator {
    return this.rowWith(this.table(section), reference);
  }

  /**
   * The link of the İşlem column. Its name starts with the visible text; a visually hidden
   * part names the application ("Başvuruyu Tamamla (NES-… numaralı başvuru)").
   */
  action(reference: string, text: string): Locator {
    return this.row(reference).getByRole('link', { name: text });
  }

  completeLink(reference: string): Locator {
    return this.action(reference, this.t.list.completeForm);
  }

  /** The application's history: a disclosure ("Başvuru geçmişi") in the state cell. */
  timelineToggle(reference: string): Locator {
    return this.row(reference).getByText(this.t.list.timeline, { exact: true });
  }

  timelineEntries(reference: string): Locator {
    return this.row(reference).getByRole('listitem');
  }

  async goto(): Promise<void> {
    await this.page.goto('/basvuru-islemleri');
    await this.expectLoaded();
  }

  async expectListed(reference: string, section: ListSection, state: string): Promise<void> {
    const row = this.rowIn(section, reference);
    await expect(row).toBeVisible();
    // The state is the cell's own text; the history below it has dates before its labels.
    await expect(row.getByText(state, { exact: true })).toBeVisible();
  }

  /** Opens the history of `reference` and gives its entries' texts. */
  async timeline(reference: string): Promise<string[]> {
    const entries = this.timelineEntries(reference);
    if (!(await entries.first().isVisible())) await this.timelineToggle(reference).click();
    await expect(entries.first()).toBeVisible();
    return (await entries.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  async completeApplication(reference: string): Promise<void> {
    await this.completeLink(reference).click();
    await expect(this.page).toHaveURL(/\/basvuru\/[^/]+\/form$/);
  }
}
