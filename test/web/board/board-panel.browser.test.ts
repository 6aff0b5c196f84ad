// The board panel in a real browser (headless system Chromium): a fake Web Serial port in the page, the real firmware on the simulator behind it in Node.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic } from '../../../scripts/static-server';
import { buildWebPage } from '../../../scripts/web-bundle';
import { FakeConsoleBoard } from './fake-console-board';
import { FAKE_WEB_SERIAL_SCRIPT } from './fake-web-serial-script';

/** The system's Chromium (Debian's package); the test is skipped, saying so, where it is missing. */
const CHROMIUM = process.env.RETROTREAD_CHROMIUM || '/usr/bin/chromium';
/** Flags for a quiet headless run: no GPU, no sandbox (root in CI), nothing fetched from the network. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
  let outDir = '';
  let userDataDir = '';
  let server: Server | null = null;
  let context: BrowserContext | null = null;
  let stopClock: (() => void) | null = null;
  let address = '';
  const end: BoardEnd = { board: null as unknown as FakeConsoleBoard, opens: [], output: '', lost: false };

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log('    (skipped: no Chromium at ' + CHROMIUM + '; set RETROTREAD_CHROMIUM)');
      this.skip();
    }
    outDir = mkdtempSync(join(tmpdir(), 'retrotread-web-board-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'retrotread-chromium-'));
    await buildWebPage(outDir);
    server = await serveStatic(outDir, 0);
    address = 'http://127.0.0.1:' + (server.address() as AddressInfo).port + '/';
    end.board = new FakeConsoleBoard();
    end.board.onOutput((output: string) => {
      end.output += output;
    });
    stopClock = runInRealTime(end.board);
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
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
    if (context !== null) await context.close();
    if (stopClock !== null) stopClock();
    if (server !== null) await new Promise((resolve) => (server as Server).close(resolve));
    [outDir, userDataDir].filter((dir) => dir !== '').forEach((dir) => rmSync(dir, { recursive: true, force: true }));
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
    assert.equal(await waitForText(page, 'board-status-0', /idle/, 5000), 'idle');
    assert.equal(await text(page, 'board-status-5'), 'in');
    assert.deepEqual(end.board.commands(), ['status', 'watch'], 'only read-only requests on connect');

    // A second tab of the page cannot take the link, and sends nothing.
    const second = await browser.newPage();
    await second.goto(address);
    await second.click('#board-connect-serial');
    await waitForText(second, 'board-link', /another tab of this page holds the board link/, 5000);
    await second.close();
    assert.deepEqual(end.opens, [115200]);

    await page.click('#board-start');
    await waitForText(page, 'board-answer', /^start: ok/, 5000);
    await waitForText(page, 'board-status-0', /^running$/, 10000);
    await page.fill('#board-speed-input', '4');
    await page.click('#board-set-speed');
    await waitForText(page, 'board-answer', /^setSpeed: ok/, 5000);
    await waitForText(page, 'board-status-2', /^4\.0 km\/h$/, 5000);
    await waitForText(page, 'board-status-3', /^(3\.[7-9]|4\.[0-3]) km\/h$/, 15000);
    assert.equal(end.board.firmware.status().targetSpeedKph, 4);
    await page.click('#board-stop');
    await waitForText(page, 'board-answer', /^stop: ok/, 5000);
    await waitForText(page, 'board-status-0', /^(stopping|idle)$/, 5000);
    assert.deepEqual(end.board.commands(), ['status', 'watch', 'start', 'speed', 'stop']);
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
    await waitForText(page, 'board-status-0', /^(stopping|idle)$/, 5000);
    end.lost = true;
    await waitForText(page, 'board-link', /^link lost .*does not stop the belt/, 5000);
    assert.match((await page.getAttribute('#board-link', 'class')) || '', /board-lost/);
    assert.equal(await waitForText(page, 'board-status-0', /unknown/, 2000), 'unknown');
    assert.equal(await text(page, 'board-status-3'), 'unknown');
    const written = end.board.received.length;
    await page.click('#board-start');
    await waitForText(page, 'board-answer', /^start: not sent: the board is not connected/, 2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(end.board.received.length, written, 'nothing written after the loss');
    assert.deepEqual(end.board.commands(), ['status', 'watch', 'start', 'speed', 'stop', 'status', 'watch']);
  });
});
