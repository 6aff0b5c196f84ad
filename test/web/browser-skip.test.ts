// When the browser tests run: skipped with a reason on a machine without Chromium, unless CI requires them; never skipped where Chromium is.

import { strict as assert } from 'assert';
import { browserTestsSkipReason, REQUIRE_BROWSER_VARIABLE, SKIP_BROWSER_TESTS_VARIABLE } from '../../scripts/headless-chromium';

/** Run `body` with the environment variables set as given (undefined: unset), then restore them. */
function withEnvironment(values: { [name: string]: string | undefined }, body: () => void): void {
  const saved: { [name: string]: string | undefined } = {};
  Object.keys(values).forEach((name) => {
    saved[name] = process.env[name];
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  });
  try {
    body();
  } finally {
    Object.keys(saved).forEach((name) => {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    });
  }
}

describe('browser tests: run, skip or fail', () => {
  const missing = '/nonexistent/retrotread-test/chromium';

  it('no Chromium: skipped, saying how to run them', () => {
    withEnvironment({ CHROMIUM_PATH: missing, [REQUIRE_BROWSER_VARIABLE]: undefined, [SKIP_BROWSER_TESTS_VARIABLE]: undefined }, () => {
      assert.match(browserTestsSkipReason() || '', /^no Chromium at \/nonexistent\/retrotread-test\/chromium: install Debian's package/);
    });
  });

  it('no Chromium where CI requires the browser: not skipped, so the tests fail', () => {
    withEnvironment({ CHROMIUM_PATH: missing, [REQUIRE_BROWSER_VARIABLE]: '1', [SKIP_BROWSER_TESTS_VARIABLE]: undefined }, () => {
      assert.equal(browserTestsSkipReason(), null);
    });
  });

  it('a Chromium present: run (here the test runner itself stands in for the executable)', () => {
    withEnvironment({ CHROMIUM_PATH: process.execPath, [REQUIRE_BROWSER_VARIABLE]: undefined, [SKIP_BROWSER_TESTS_VARIABLE]: undefined }, () => {
      assert.equal(browserTestsSkipReason(), null);
    });
  });

  it('the explicit opt-out skips, even where CI would require them', () => {
    withEnvironment({ CHROMIUM_PATH: process.execPath, [REQUIRE_BROWSER_VARIABLE]: '1', [SKIP_BROWSER_TESTS_VARIABLE]: '1' }, () => {
      assert.equal(browserTestsSkipReason(), SKIP_BROWSER_TESTS_VARIABLE + '=1');
    });
  });
});
