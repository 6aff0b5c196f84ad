// Skips a browser suite, saying why, where the browser tests do not run (scripts/headless-chromium.ts: browserTestsSkipReason).

import { browserTestsSkipReason } from '../../scripts/headless-chromium';

/** Call first in a browser suite's `before`: skips the suite with a line saying why, or does nothing. */
export function skipWithoutBrowser(context: Mocha.Context): void {
  const skipReason = browserTestsSkipReason();
  if (skipReason === null) return;
  console.warn('    browser tests skipped: ' + skipReason);
  context.skip();
}
