// The web console in a real browser (the system's headless Chromium): a session clicked through on the simulator, the keyboard, a phone-sized window, units, faults, and a scenario file with its trace.

import { strict as assert } from 'assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openConsoleBrowser, type ConsoleBrowser } from '../../scripts/headless-chromium';
import { runScenarioCli } from './cli-scenario-run';
import { statusValue, waitForStatus } from './page-status';
import { skipWithoutBrowser } from './skip-without-browser';

/** The page fast-forwarded: ten simulated seconds each wall second, so a session takes seconds. */
const FAST = '?speed=10';
const KEY_PULL = join(__dirname, '..', '..', 'sim', 'scenarios', 'key-pull.json');

function answer(page: Page): Promise<string> {
  return page.locator('#answer').innerText();
}

/** A figure in km/h (or mph) from a status text such as "3.4 km/h". */
function speedOf(text: string): number {
  return Number(text.split(' ')[0]);
}

describe('web console in headless Chromium', function () {
  // Launching the browser and building the page take a few seconds on a busy machine.
  this.timeout(60000);
  let browser: ConsoleBrowser | null = null;

  before(async function () {
    skipWithoutBrowser(this);
    browser = await openConsoleBrowser();
  });

  after(async () => {
    if (browser !== null) await browser.close();
  });

  async function openPage(search: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await browser!.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(browser!.pageUrl + search);
    await waitForStatus(page, 'State', /^idle$/);
    assert.deepEqual(errors, []);
    return page;
  }

  it('a session: start, speed up, the plot moves, key pull to a fault, refused and accepted clear, a program with its segment, pause', async () => {
    const page = await openPage(FAST);
    assert.match(await page.locator('#source-description').innerText(), /^simulator: MC-2100/);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    assert.match(await answer(page), /^start: ok/);
    await waitForStatus(page, 'State', /^running$/);

    for (let press = 0; press < 10; press++) await page.getByRole('button', { name: 'Speed up' }).click();
    assert.match(await answer(page), /^speedUp: ok/);
    await waitForStatus(page, 'Target speed', /^1\.8 km\/h$/);
    // The belt follows: the measured speed comes within 0.3 km/h of the target.
    await page.waitForFunction(() => {
      const values = Array.prototype.slice.call(document.querySelectorAll('#status-list dd')) as HTMLElement[];
      return Math.abs(Number((values[3].textContent || '').split(' ')[0]) - 1.8) <= 0.3;
    });

    const hook = () => page.evaluate(() => {
      const page = (window as unknown as { retrotreadPage: { redraws(): number; plotXRange(): { min: number; max: number }; simulatedMs(): number } }).retrotreadPage;
      return { redraws: page.redraws(), range: page.plotXRange(), simulatedMs: page.simulatedMs() };
    });
    const first = await hook();
    await page.waitForTimeout(400);
    const second = await hook();
    assert.ok(second.redraws > first.redraws, first.redraws + ' then ' + second.redraws + ' redraws');
    assert.ok(second.range.max > first.range.max, 'x range ended at ' + first.range.max + ' then ' + second.range.max);
    // The window is 60 s wide and slides.
    assert.ok(Math.abs(second.range.max - second.range.min - 60) < 1e-6, JSON.stringify(second.range));
    const points = await page.evaluate(() => document.querySelectorAll('#speed-plot canvas').length);
    assert.equal(points, 1);

    await page.getByRole('button', { name: 'Pull safety key' }).click();
    await waitForStatus(page, 'State', /^fault$/);
    await waitForStatus(page, 'Fault', /^keyRemoved: safety key removed/);
    assert.equal(await statusValue(page, 'Safety key'), 'pulled');
    assert.equal(await page.locator('#status-list dd.warning').count() >= 2, true);
    await page.getByRole('button', { name: 'Clear fault' }).click();
    assert.match(await answer(page), /^clearFault: refused/);
    await page.getByRole('button', { name: 'Insert safety key' }).click();
    assert.equal(await answer(page), 'safety key inserted');
    // The clear needs the belt still: at 10 times real time it stops within a second or two.
    await waitForStatus(page, 'Measured speed', /^0\.0 km\/h$/);
    await page.waitForFunction(() => {
      (document.querySelector('button[data-command="clearFault"]') as HTMLButtonElement).click();
      return /^clearFault: ok/.test(document.getElementById('answer')!.textContent || '');
    }, undefined, { polling: 300, timeout: 15000 });
    await waitForStatus(page, 'State', /^idle$/);
    assert.equal(await statusValue(page, 'Fault'), 'none');

    assert.equal(await statusValue(page, 'Program'), 'none');
    await page.selectOption('#program-select', '12-3-30');
    await page.getByRole('button', { name: 'Start program' }).click();
    assert.match(await answer(page), /^startProgram 12-3-30: ok/);
    await waitForStatus(page, 'Program', /^12-3-30, segment 1\/\d+/);
    await waitForStatus(page, 'State', /^running$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(page, 'Program', /^12-3-30 \(paused\)/);
    await page.close();
  });

  it('the keyboard: Tab reaches Start first, its outline shows, and the terminal view\'s keys act', async () => {
    const page = await openPage(FAST);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).textContent), 'Start');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as HTMLElement).outlineStyle);
    assert.equal(outline, 'solid');
    // Space on the focused Start button presses it (the browser's), not the stop shortcut.
    await page.keyboard.press('Space');
    assert.match(await answer(page), /^start: ok/);
    await waitForStatus(page, 'State', /^running$/);
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('+');
    await waitForStatus(page, 'Target speed', /^1\.0 km\/h$/);
    await page.keyboard.press('k');
    await waitForStatus(page, 'Safety key', /^pulled$/);
    await waitForStatus(page, 'State', /^fault$/);
    await page.keyboard.press('k');
    await waitForStatus(page, 'Safety key', /^in$/);
    // Typing in a field is typing: "s" in the speed box starts nothing.
    await page.focus('#set-speed-input');
    await page.keyboard.press('s');
    assert.equal(await statusValue(page, 'State'), 'fault');
    // The help lists every key.
    assert.match(await page.locator('#shortcut-list').innerText(), /space \/ x\s+stop/);
    await page.close();
  });

  it('a phone-sized window: one column, no horizontal scroll, every control inside the width and reachable', async () => {
    const page = await openPage('', { width: 390, height: 844 });
    // The fault settings' fields show only with their fault: each set must fit too.
    for (const fault of ['keyBounce', 'encoderNoise']) {
      await page.selectOption('#fault-select', fault);
      const shown = await page.evaluate(() => {
        const fields = Array.prototype.slice.call(document.querySelectorAll('.fault-settings:not([hidden]) input')) as HTMLElement[];
        return fields.filter((field) => {
          const box = field.getBoundingClientRect();
          return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth + 0.5;
        }).length;
      });
      assert.equal(shown, 2, fault + ': its two fields inside the width');
    }
    const layout = await page.evaluate(() => {
      // Every control but the settings of a fault not selected (hidden until it is).
      const controls = (Array.prototype.slice.call(document.querySelectorAll('button, input, select')) as HTMLElement[]).filter((control) => control.closest('[hidden]') === null);
      const outside = controls.filter((control) => {
        const box = control.getBoundingClientRect();
        return box.width === 0 || box.left < 0 || box.right > window.innerWidth + 0.5;
      });
      const status = document.querySelector('.status')!.getBoundingClientRect();
      const controlsBox = document.querySelector('.controls')!.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        controls: controls.length,
        outside: outside.map((control) => control.id || control.textContent),
        stacked: status.top >= controlsBox.bottom,
      };
    });
    assert.ok(layout.scrollWidth <= layout.clientWidth, 'page ' + layout.scrollWidth + ' px wide in a ' + layout.clientWidth + ' px window');
    assert.deepEqual(layout.outside, []);
    assert.ok(layout.controls >= 25, layout.controls + ' controls');
    assert.equal(layout.stacked, true);
    // Tab reaches the last control of the simulator panel (the restart) without a mouse.
    let reached = false;
    for (let press = 0; press < 60 && !reached; press++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => /Restart the simulated treadmill/.test((document.activeElement as HTMLElement).textContent || ''));
    }
    assert.equal(reached, true);
    await page.close();
  });

  it('no layout jump while the plots and the panel update', async () => {
    const page = await openPage(FAST, { width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const boxes = () =>
      page.evaluate(() =>
        (Array.prototype.slice.call(document.querySelectorAll('section, .plot-area, #status-list dd')) as HTMLElement[]).map((item) => {
          const box = item.getBoundingClientRect();
          return [box.left, box.top, box.width, box.height].map((value) => Math.round(value)).join(',');
        }),
      );
    const before = await boxes();
    // Through the countdown into running, speeds and times changing every redraw.
    await waitForStatus(page, 'State', /^running$/);
    await page.waitForTimeout(500);
    assert.deepEqual(await boxes(), before);
    await page.close();
  });

  it('units and machine: a restart in mph on an H-bridge shows mph everywhere; an injected encoder loss trips the fault', async () => {
    const page = await openPage(FAST);
    await page.selectOption('#settings-units', 'mph');
    await page.selectOption('#machine-drive', 'hbridge');
    await page.getByRole('button', { name: 'Restart the simulated treadmill with these' }).click();
    assert.match(await answer(page), /^simulated treadmill restarted: simulator: H-bridge/);
    assert.match(await page.locator('#source-description').innerText(), /H-bridge/);
    assert.equal(await page.locator('#set-speed-units').innerText(), 'mph');
    await waitForStatus(page, 'Target speed', / mph$/);
    assert.match((await page.locator('#speed-plot').getAttribute('aria-label')) || '', /belt speed in mph/);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForStatus(page, 'State', /^running$/);
    // The start speed, 0.8 km/h, reads 0.5 mph.
    assert.equal(speedOf(await statusValue(page, 'Target speed')), 0.5);
    await page.selectOption('#fault-select', 'encoderDisconnected');
    await page.getByRole('button', { name: 'Inject' }).click();
    assert.equal(await page.locator('#active-faults').innerText(), 'encoderDisconnected');
    await waitForStatus(page, 'Fault', /^encoderLoss/, 15000);
    await page.close();
  });

  it('a fault with settings of its own: only its fields shown, checked as a scenario\'s are, passed to the simulator', async () => {
    const page = await openPage('');
    assert.equal(await page.isVisible('#fault-bounces'), false, 'no key-bounce fields for another fault');
    await page.selectOption('#fault-select', 'keyBounce');
    assert.equal(await page.isVisible('#fault-bounces'), true);
    assert.equal(await page.isVisible('#fault-rate-hz'), false);
    await page.fill('#fault-bounces', '2.5');
    await page.getByRole('button', { name: 'Inject' }).click();
    assert.match(await answer(page), /^fault not injected: keyBounce\.bounces: expected a whole number of bounces, got 2\.5/);
    assert.equal(await page.locator('#active-faults').innerText(), 'none');
    await page.fill('#fault-bounces', '2');
    await page.fill('#fault-bounce-ms', '5');
    await page.getByRole('button', { name: 'Inject' }).click();
    assert.equal(await answer(page), 'simulator: keyBounce injected (bounces 2, bounceMs 5)');
    assert.equal(await page.locator('#active-faults').innerText(), 'keyBounce');
    await page.selectOption('#fault-select', 'encoderNoise');
    assert.equal(await page.isVisible('#fault-rate-hz'), true);
    assert.equal(await page.isVisible('#fault-bounces'), false);
    await page.close();
  });

  it('another source drops in: a board-like source shows in the same views, its unknowns as unknown, its unsupported commands disabled, no simulator panel', async () => {
    const page = await openPage('');
    // Plain JavaScript text: tsx would wrap the functions below in a helper the page does not have.
    const script = `(() => {
      const sent = [];
      const board = {
        kind: 'board',
        description: 'board on a test link',
        units: 'kph',
        series: { timeS: [1, 2, 3], targetKph: [3, 3, 3], measuredKph: [2.9, 3, 3.1], beltKph: [null, null, null], duty: [null, null, null], inclinePct: [0, 0, 0] },
        logLines: ['1.0 s  from the board'],
        lastAnswer: 'connected',
        connected: function () { return true; },
        status: function () {
          return { state: 'running', direction: 'forward', pendingDirection: null, targetSpeedKph: 3, measuredSpeedKph: 3.1, beltKph: null, duty: null, inclinePct: 0, targetInclinePct: null, keyPresent: null, fault: null, countdownRemainingMs: 0, reason: '', elapsedMs: 61000, distanceForwardM: 50, distanceBackwardM: 0, energyKcal: null };
        },
        command: function (name) { sent.push(name); board.lastAnswer = name + ': sent'; },
        supports: function (name) { return name !== 'clearFault'; },
      };
      window.retrotreadPage.useSource(board);
      document.querySelector('button[data-command="stop"]').click();
      const rows = {};
      document.querySelectorAll('#status-list dt').forEach(function (term) { rows[term.textContent] = term.nextElementSibling.textContent; });
      return {
        rows: rows,
        sent: sent,
        answer: document.getElementById('answer').textContent,
        description: document.getElementById('source-description').textContent,
        clearDisabled: document.querySelector('button[data-command="clearFault"]').disabled,
        stopDisabled: document.querySelector('button[data-command="stop"]').disabled,
        simulatorHidden: document.getElementById('simulator-panel').hidden,
        log: document.getElementById('log').textContent,
      };
    })()`;
    const shown = (await page.evaluate(script)) as { rows: { [label: string]: string }; sent: string[]; answer: string; description: string; clearDisabled: boolean; stopDisabled: boolean; simulatorHidden: boolean; log: string };
    assert.equal(shown.description, 'board on a test link');
    assert.equal(shown.rows['State'], 'running');
    assert.equal(shown.rows['Measured speed'], '3.1 km/h');
    assert.equal(shown.rows['True belt speed'], '–');
    assert.equal(shown.rows['Safety key'], '–');
    assert.equal(shown.rows['Program'], '–');
    assert.equal(shown.rows['Time'], '1:01');
    assert.deepEqual(shown.sent, ['stop']);
    assert.equal(shown.answer, 'stop: sent');
    assert.equal(shown.clearDisabled, true);
    assert.equal(shown.stopDisabled, false);
    assert.equal(shown.simulatorHidden, true);
    assert.equal(shown.log, '1.0 s  from the board');
    // The simulator's key shortcut does nothing to a board.
    await page.keyboard.press('k');
    assert.equal(await page.locator('#answer').innerText(), 'stop: sent');
    await page.close();
  });

  it('a scenario file: the verdict and report as npm run sim prints them, and the downloaded trace byte for byte', async () => {
    const cli = runScenarioCli(KEY_PULL);
    const page = await openPage('');
    await page.setInputFiles('#scenario-file', KEY_PULL);
    await page.waitForFunction(() => /^(PASS|FAIL)/.test(document.getElementById('scenario-verdict')!.textContent || ''), undefined, { timeout: 20000 });
    assert.match(await page.locator('#scenario-verdict').innerText(), /^PASS: safety key pulled while walking/);
    const report = (await page.locator('#scenario-report').evaluate((element) => element.textContent || '')).split('\n');
    assert.deepEqual(report, cli.lines);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download trace (CSV)' }).click()]);
    assert.equal(download.suggestedFilename(), 'key-pull.trace.csv');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const trace = Buffer.concat(chunks).toString('utf8');
    assert.ok(trace.length > 10000, trace.length + ' characters');
    assert.ok(trace === cli.trace, 'traces differ: ' + trace.length + ' and ' + cli.trace.length + ' characters');
    await page.close();
  });
});
