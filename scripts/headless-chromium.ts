// The system's Chromium, headless, driven by playwright-core, on the web console built and served on 127.0.0.1: for the browser tests, the screenshot and the page benchmark.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { serveStatic } from './static-server';
import { buildWebPage } from './web-bundle';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` names another. No browser is ever downloaded. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Chromium's switches: headless, no sandbox (CI runs as root in a container, where the sandbox
 * cannot start), no GPU, and nothing that reaches the network on its own (QUIC, first-run pages,
 * background updates, component downloads, sync), so a test talks only to the local server.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The browser to run: `CHROMIUM_PATH`, else the system's. Throws, saying how to install it, when it is not there. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  if (!existsSync(path)) {
    throw new Error('no Chromium at ' + path + ': install Debian\'s package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH to a Chromium executable');
  }
  return path;
}

/** The opt-out of the browser tests, for a machine that cannot run a browser at all. */
export const SKIP_BROWSER_TESTS_VARIABLE = 'RETROTREAD_SKIP_BROWSER_TESTS';
/** Set by `.ci/run` (which installs Chromium first): there a missing browser fails the tests instead of skipping them. */
export const REQUIRE_BROWSER_VARIABLE = 'RETROTREAD_REQUIRE_BROWSER';

/**
 * Why the browser tests do not run here, or null when they do. They skip, saying how to run
 * them, where no Chromium is installed (a fresh machine's `npm test` still passes its other
 * tests), unless `RETROTREAD_REQUIRE_BROWSER=1` (CI); a Chromium that is there but does not start
 * fails them (openConsoleBrowser rejects).
 */
export function browserTestsSkipReason(): string | null {
  if (process.env[SKIP_BROWSER_TESTS_VARIABLE] === '1') return SKIP_BROWSER_TESTS_VARIABLE + '=1';
  if (process.env[REQUIRE_BROWSER_VARIABLE] === '1') return null;
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  if (!existsSync(path)) return 'no Chromium at ' + path + ': install Debian\'s package (apt-get install chromium) or set CHROMIUM_PATH to run them (CI does)';
  return null;
}

/** A browser with a fresh profile, and the page's address on a local server; `close` ends both and removes the temporary files. */
export interface ConsoleBrowser {
  context: BrowserContext;
  /** http://127.0.0.1:PORT/ of the built page. */
  pageUrl: string;
  close(): Promise<void>;
}

/**
 * Build the web console into a temporary folder, serve it on 127.0.0.1 on a free port, and start
 * headless Chromium with a fresh user-data folder (nothing from an earlier run or the user's own
 * browser). Rejects when the browser cannot start: callers must fail, not pass quietly.
 */
export async function openConsoleBrowser(): Promise<ConsoleBrowser> {
  const executablePath = chromiumPath();
  const pageDir = mkdtempSync(join(tmpdir(), 'retrotread-page-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'retrotread-chromium-'));
  const removeFolders = () => {
    rmSync(pageDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  };
  let server: Awaited<ReturnType<typeof serveStatic>> | null = null;
  try {
    await buildWebPage(pageDir);
    server = await serveStatic(pageDir, 0);
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
    });
    const running = server;
    return {
      context: context,
      pageUrl: 'http://127.0.0.1:' + (running.address() as AddressInfo).port + '/',
      close: async () => {
        await context.close();
        await new Promise<void>((resolve) => running.close(() => resolve()));
        removeFolders();
      },
    };
  } catch (error) {
    if (server !== null) server.close();
    removeFolders();
    throw error;
  }
}
