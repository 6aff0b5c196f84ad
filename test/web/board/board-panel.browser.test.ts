// A board in the web console, in a real browser (headless system Chromium): a fake Web Serial port in the page, the real firmware on the simulator behind it in Node, driven through the page's own controls and status panel.

import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { openConsoleBrowser, type ConsoleBrowser } from '../../../scripts/headless-chromium';
import { statusValue, waitForStatus } from '../page-status';
import { FakeConsoleBoard } from './fake-console-board';
import { FAKE_WEB_SERIAL_SCRIPT } from './fake-web-serial-script';
import { skipWithoutBrowser } from '../skip-without-browser';


/** The fake board's side of the port, in Node: what the page wrote, what it may read, and the cable. */
interface BoardEnd {
  board: FakeConsoleBoard;
  opens: number[];
  output: string;
  lost: boolean;
}

/** Move the board's simulated time with the wall clock, as a real board's runs. */
function runInRealTime(board: FakeConsoleBoard): () => void {
  let lastMs = performance.now();
  const timer = setInterval(() => {
    const nowMs = performance.now();
    const stepMs = Math.floor(nowMs - lastMs);
    board.scheduler.advance(stepMs);
    lastMs += stepMs;
  }, 20);
  return () => clearInterval(timer);
}

async function text(page: Page, id: string): Promise<string> {
  return (await page.textContent('#' + id)) || '';
}

/** Wait until `#id`'s text matches `pattern`; fails with the text last seen. */
async function waitForText(page: Page, id: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const endMs = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < endMs) {
    seen = await text(page, id);
    if (pattern.test(seen)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('#' + id + ' never matched ' + pattern + ': last "' + seen + '"');
}

describe('web console in Chromium: a board over a fake Web Serial port', function () {
  // The build, a browser start and about 20 s of a real-time session on a shared two-core machine.
  this.timeout(120000);
  let browser: ConsoleBrowser | null = null;
  let context: BrowserContext | null = null;
  let stopClock: (() => void) | null = null;
  let address = '';
  const end: BoardEnd = { board: null as unknown as FakeConsoleBoard, opens: [], output: '', lost: false };

  before(async function () {
    skipWithoutBrowser(this);
    browser = await openConsoleBrowser();
    address = browser.pageUrl;
    end.board = new FakeConsoleBoard();
    end.board.onOutput((output: string) => {
      end.output += output;
    });
    stopClock = runInRealTime(end.board);
    context = browser.context;
    await context.exposeFunction('__boardOpen', (baudRate: number) => {
      end.opens.push(baudRate);
      end.output = '';
      end.lost = false;
    });
    await context.exposeFunction('__boardRead', () => {
      if (end.lost) return { lost: true, text: '' };
      const output = end.output;
      end.output = '';
      return { lost: false, text: output };
    });
    await context.exposeFunction('__boardWrite', (written: string) => end.board.write(written));
    await context.exposeFunction('__boardClose', () => undefined);
    await context.addInitScript({ content: FAKE_WEB_SERIAL_SCRIPT });
  });

  after(async () => {
    if (browser !== null) await browser.close();
    if (stopClock !== null) stopClock();
  });

  it('connects, drives start, speed and stop through the console protocol, shows the replies and the status, and lets one tab only', async () => {
    const browser = context as BrowserContext;
    const page = browser.pages()[0] || (await browser.newPage());
    await page.goto(address);
    await waitForText(page, 'board-link', /Not connected/, 5000);
    assert.equal(await page.isEnabled('#board-connect-serial'), true, await text(page, 'board-support'));
    await page.click('#board-connect-serial');
    await waitForText(page, 'board-link', /^connected over Web Serial/, 10000);
    assert.deepEqual(end.opens, [115200]);
    // The page's own views show the board now, and the simulator's panel is out of sight.
    await waitForStatus(page, 'State', /^idle$/, 5000);
    assert.equal(await statusValue(page, 'Safety key'), 'in');
    assert.equal(await page.isVisible('#simulator-panel'), false, 'the simulator\'s panel is hidden while a board is shown');
    assert.match(await page.locator('#source-description').innerText(), /Web Serial/);
    assert.deepEqual(end.board.commands(), ['status', 'watch', 'settings'], 'only read-only requests on connect: status, the stream, the settings');

    // A second tab of the page cannot take the link, and sends nothing.
    const second = await browser.newPage();
    await second.goto(address);
    await second.click('#board-connect-serial');
    await waitForText(second, 'board-link', /another tab of this page holds the board link/, 5000);
    await second.close();
    assert.deepEqual(end.opens, [115200]);

    await page.click('button[data-command="start"]');
    await waitForText(page, 'answer', /^start: ok/, 5000);
    await waitForStatus(page, 'State', /^running$/, 10000);
    await page.fill('#set-speed-input', '4');
    await page.click('button[data-command="setSpeed"]');
    await waitForText(page, 'answer', /^setSpeed: ok/, 5000);
    await waitForStatus(page, 'Target speed', /^4\.0 km\/h$/, 5000);
    await waitForStatus(page, 'Measured speed', /^(3\.[7-9]|4\.[0-3]) km\/h$/, 15000);
    assert.equal(end.board.firmware.status().targetSpeedKph, 4);
    await page.click('button[data-command="stop"]');
    await waitForText(page, 'answer', /^stop: ok/, 5000);
    await waitForStatus(page, 'State', /^(stopping|idle)$/, 5000);
    assert.deepEqual(end.board.commands(), ['status', 'watch', 'settings', 'start', 'speed', 'stop']);
  });

  it('sends nothing after a reload, and shows a lost link as unknown figures with commands refused', async () => {
    const page = (context as BrowserContext).pages()[0];
    const before = end.board.received.length;
    await page.reload();
    await waitForText(page, 'board-link', /Not connected/, 5000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(end.board.received.length, before, 'a reload sends nothing');

    await page.click('#board-connect-serial');
    await waitForText(page, 'board-link', /^connected over Web Serial/, 10000);
    await waitForStatus(page, 'State', /^(stopping|idle)$/, 5000);
    end.lost = true;
    await waitForText(page, 'board-link', /^link lost .*does not stop the belt/, 5000);
    assert.match((await page.getAttribute('#board-link', 'class')) || '', /board-lost/);
    // Every figure unknown ("–"), and the console's buttons disabled while the link is down.
    await waitForStatus(page, 'State', /^–$/, 2000);
    assert.equal(await statusValue(page, 'Measured speed'), '–');
    assert.equal(await page.isEnabled('button[data-command="start"]'), false, 'Start is disabled while the link is lost');
    const written = end.board.received.length;
    // Asked anyway (the `s` key starts, as in the terminal view), the source refuses, says why and sends nothing.
    await page.locator('#log').focus();
    await page.keyboard.press('s');
    await waitForText(page, 'answer', /^start: not sent: the board is not connected/, 2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(end.board.received.length, written, 'nothing written after the loss');
    assert.deepEqual(end.board.commands(), ['status', 'watch', 'settings', 'start', 'speed', 'stop', 'status', 'watch', 'settings']);
  });
});
