/**
 * Driving a page with the keyboard alone: Tab / Shift+Tab to move, Enter / Space to act, and
 * typing into the field that has focus. No clicks, no `fill`, no `focus()`.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

const MAX_TAB_PRESSES = 80;

export class KeyboardUser {
  /** Every key pressed, for the report. */
  readonly keys: string[] = [];
  /** Elements reached with Tab whose focus could not be seen (WCAG 2.4.7). */
  readonly invisibleFocus: string[] = [];

  constructor(readonly page: Page) {}

  /** One of Tab, Shift+Tab, Enter, Space. */
  async press(key: 'Tab' | 'Shift+Tab' | 'Enter' | 'Space'): Promise<void> {
    this.keys.push(key);
    await this.page.keyboard.press(key);
  }

  private async isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === document.activeElement);
  }

  /** Whether `target` comes after the element that has focus (then Tab, else Shift+Tab). */
  private async isAhead(target: Locator): Promise<boolean> {
    return target.evaluate((element) => {
      const active = document.activeElement;
      if (!active || active === document.body) return true;
      return !!(active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
  }

  /** Tabs (forwards or backwards, whichever way `target` lies) until `target` has focus. */
  async tabTo(target: Locator): Promise<void> {
    await expect(target).toBeVisible();
    const key = (await this.isAhead(target)) ? ('Tab' as const) : ('Shift+Tab' as const);
    for (let presses = 0; presses < MAX_TAB_PRESSES; presses++) {
      if (await this.isFocused(target)) {
        await this.checkFocusVisible(target);
        return;
      }
      await this.press(key);
    }
    const active = await this.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`${MAX_TAB_PRESSES} × ${key} never reached ${target} (focus is on ${active})`);
  }

  /** The focused element shows an outline or a box shadow (what the style sheet uses for focus). */
  private async checkFocusVisible(target: Locator): Promise<void> {
    const shown = await target.evaluate((element) => {
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== 'none';
    });
    if (!shown) this.invisibleFocus.push(`${target} on ${this.page.url()}`);
  }

  async tabAndPress(target: Locator, key: 'Enter' | 'Space'): Promise<void> {
    await test.step(`Tab to ${target}, ${key}`, async () => {
      await this.tabTo(target);
      await this.press(key);
    });
  }

  /** Tabs to a field and types into it (after clearing what it held, with the keyboard). */
  async tabAndType(target: Locator, text: string): Promise<void> {
    await test.step(`Tab to ${target}, type "${text}"`, async () => {
      await this.tabTo(target);
      await this.type(text);
    });
  }

  async type(text: string): Promise<void> {
    this.keys.push(`type:${text}`);
    await this.page.keyboard.type(text, { delay: 5 });
  }

  async pressOnFocused(key: 'Enter' | 'Space'): Promise<void> {
    await test.step(`${key} on the focused element`, () => this.press(key));
  }
}
