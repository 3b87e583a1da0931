// Keyboard-only helpers: what has focus, and Tab until something named is reached — failing
// if it never is, which is what "not reachable by keyboard" looks like.

import type { Page } from 'playwright-core';

export interface Focused {
  tag: string;
  id: string;
  /** The accessible name, roughly: aria-label, the label of an input, or the text. */
  name: string;
  outline: string;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const doc = Reflect.get(globalThis, 'document') as {
      activeElement: { tagName: string; id: string; textContent: string | null; getAttribute(name: string): string | null; labels?: ArrayLike<{ textContent: string | null }> } | null;
    };
    const view = Reflect.get(globalThis, 'getComputedStyle') as (element: unknown) => { outlineStyle: string; outlineWidth: string };
    const element = doc.activeElement;
    if (element === null) return { tag: '', id: '', name: '', outline: '' };
    const label = element.labels && element.labels.length > 0 ? (element.labels[0]?.textContent ?? '') : null;
    const name = element.getAttribute('aria-label') ?? label ?? element.textContent ?? '';
    const style = view(element);
    return { tag: element.tagName.toLowerCase(), id: element.id, name: name.replace(/\s+/g, ' ').trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
  });
}

/** Presses Tab (Shift+Tab when `backwards`) until the focused element's name matches; returns the names passed. */
export async function tabTo(page: Page, name: RegExp, options: { max?: number; backwards?: boolean } = {}): Promise<string[]> {
  const passed: string[] = [];
  for (let step = 0; step < (options.max ?? 60); step += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (name.test(now.name)) return passed;
    passed.push(now.name);
  }
  throw new Error(`${String(name)} was not reached by keyboard; focus passed: ${passed.join(' → ')}`);
}
