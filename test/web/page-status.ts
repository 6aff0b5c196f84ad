// Reads the web console's status panel in a browser test: the value beside a label, and a wait until it matches.

import { strict as assert } from 'assert';
import type { Page } from 'playwright-core';

/** The value the status panel shows beside `label`. */
export function statusValue(page: Page, label: string): Promise<string> {
  return page.evaluate((wanted: string) => {
    const terms = Array.prototype.slice.call(document.querySelectorAll('#status-list dt')) as HTMLElement[];
    const term = terms.filter((item) => item.textContent === wanted)[0];
    if (term === undefined) throw new Error('no status row ' + wanted);
    return (term.nextElementSibling as HTMLElement).textContent || '';
  }, label);
}

/** Wait until the status row `label` matches `pattern` (the page rewrites the panel 10 times a second). */
export async function waitForStatus(page: Page, label: string, pattern: RegExp, timeoutMs?: number): Promise<void> {
  await page.waitForFunction(
    (args: { label: string; source: string }) => {
      const terms = Array.prototype.slice.call(document.querySelectorAll('#status-list dt')) as HTMLElement[];
      const term = terms.filter((item) => item.textContent === args.label)[0];
      return term !== undefined && new RegExp(args.source).test((term.nextElementSibling as HTMLElement).textContent || '');
    },
    { label: label, source: pattern.source },
    { timeout: timeoutMs || 10000 },
  );
  assert.match(await statusValue(page, label), pattern);
}

