// `npm run bench:web`: the web console's pace in headless Chromium: simulated time per wall time and plot redraws per second, during a running session, at several time scales.

import { openConsoleBrowser } from './headless-chromium';

/*
 * Usage: npm run bench:web [-- --seconds N]
 * For each time scale (?speed=1, 10, 50) the page runs a session (started, walker on, at 5 km/h)
 * for N wall seconds (default 10) in a 1280x900 window, and the figures are read through the
 * page's hook (window.retrotreadPage): the simulator's time against performance.now(), and the
 * plots' setData calls. A page keeps up when its ratio is the time scale it was asked for; the
 * issue asks for real time or faster with at least 10 redraws a second. Figures live here, never
 * in a timed test (README, "Tests").
 */

const TIME_SCALES = [1, 10, 50];

interface PageFigures {
  simulatedMs: number;
  wallMs: number;
  redraws: number;
}

function parseSeconds(argv: string[]): number {
  const index = argv.indexOf('--seconds');
  if (index < 0) return 10;
  const seconds = Number(argv[index + 1]);
  if (!(seconds > 0)) throw new Error('--seconds needs a number above 0');
  return seconds;
}

async function main(): Promise<void> {
  const seconds = parseSeconds(process.argv.slice(2));
  const browser = await openConsoleBrowser();
  try {
    console.log('web console pace in headless Chromium, ' + seconds + ' s a row, session running at 5 km/h');
    console.log('requested  simulated/wall  redraws/s');
    for (const scale of TIME_SCALES) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(browser.pageUrl + '?speed=' + scale);
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await page.fill('#set-speed-input', '5');
      await page.getByRole('button', { name: 'Set speed' }).click();
      const read = () =>
        page.evaluate((): PageFigures => {
          const hook = (window as unknown as { retrotreadPage: { simulatedMs(): number; wallMs(): number; redraws(): number } }).retrotreadPage;
          return { simulatedMs: hook.simulatedMs(), wallMs: hook.wallMs(), redraws: hook.redraws() };
        });
      // A second to settle (the first frames compile the bundle's hot paths).
      await page.waitForTimeout(1000);
      const first = await read();
      await page.waitForTimeout(seconds * 1000);
      const last = await read();
      const wallMs = last.wallMs - first.wallMs;
      const ratio = (last.simulatedMs - first.simulatedMs) / wallMs;
      const redrawsPerS = ((last.redraws - first.redraws) * 1000) / wallMs;
      console.log(('x' + scale).padEnd(11) + ratio.toFixed(2).padStart(14) + redrawsPerS.toFixed(1).padStart(11));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error('bench:web: error: ' + ((error as Error).message || String(error)));
  process.exitCode = 1;
});
