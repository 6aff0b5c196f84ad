// `npm run web:screenshot`: a PNG of the web console mid-session (docs/web-console.png, for the README), taken in headless Chromium.

import { join } from 'node:path';
import { openConsoleBrowser } from './headless-chromium';
import { ROOT } from './web-bundle';

/** Where the README's screenshot lives. */
const OUTPUT = join(ROOT, 'docs', 'web-console.png');
/** A desktop window: both columns, both plots. */
const VIEWPORT = { width: 1280, height: 1500 };
const KEY_PULL = join(ROOT, 'sim', 'scenarios', 'key-pull.json');

async function main(): Promise<void> {
  const browser = await openConsoleBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    // Ten times real time: the session below takes a few seconds instead of a minute.
    await page.goto(browser.pageUrl + '?speed=10');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForFunction(() => /running/.test(document.getElementById('status-list')!.textContent || ''));
    await page.fill('#set-speed-input', '5');
    await page.getByRole('button', { name: 'Set speed' }).click();
    // 25 s of walking at 5 km/h, two incline steps, then a little more: the plots hold the start, the ramp and the climb.
    await page.waitForTimeout(2500);
    await page.getByRole('button', { name: 'Incline up' }).click();
    await page.getByRole('button', { name: 'Incline up' }).click();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Speed up' }).click();
    // A scenario's report beside the simulator's controls.
    await page.setInputFiles('#scenario-file', KEY_PULL);
    await page.waitForFunction(() => /^(PASS|FAIL)/.test(document.getElementById('scenario-verdict')!.textContent || ''));
    await page.waitForTimeout(300);
    await page.screenshot({ path: OUTPUT, fullPage: false });
    console.log('web:screenshot: ' + OUTPUT);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error('web:screenshot: error: ' + ((error as Error).message || String(error)));
  process.exitCode = 1;
});
