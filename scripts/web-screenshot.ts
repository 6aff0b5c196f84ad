// `npm run web:screenshot`: a PNG of the web console mid-session (docs/web-console.png, for the README), taken in headless Chromium.

import { join } from 'node:path';
import { openConsoleBrowser } from './headless-chromium';
import { ROOT } from './web-bundle';

/** Where the README's screenshot lives. */
const OUTPUT = join(ROOT, 'docs', 'web-console.png');
/** A desktop window: both columns, both plots. */
const VIEWPORT = { width: 1280, height: 1500 };

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
    // 40 s of walking at 5 km/h, an incline step, then a little more: the plots hold a story.
    await page.waitForTimeout(4000);
    await page.getByRole('button', { name: 'Incline up' }).click();
    await page.getByRole('button', { name: 'Incline up' }).click();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Speed up' }).click();
    await page.waitForTimeout(500);
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
