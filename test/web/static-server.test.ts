// The web console's local server: serves the files of one folder and nothing outside it.

import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileForRequest, serveStatic } from '../../scripts/static-server';

describe('web console: static server', () => {
  let rootDir = '';
  let server: Server | null = null;
  let baseUrl = '';

  before(async () => {
    rootDir = mkdtempSync(join(tmpdir(), 'retrotread-serve-'));
    writeFileSync(join(rootDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(rootDir, 'console-page.js'), 'var x=1;');
    server = await serveStatic(rootDir, 0);
    baseUrl = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
  });

  after(() => {
    if (server !== null) server.close();
    rmSync(rootDir, { recursive: true, force: true });
  });

  it('serves index.html for / and scripts with their content type', async () => {
    const page = await fetch(baseUrl + '/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') || '', /^text\/html/);
    assert.equal(await page.text(), '<!doctype html><title>t</title>');
    const script = await fetch(baseUrl + '/console-page.js');
    assert.match(script.headers.get('content-type') || '', /^text\/javascript/);
  });

  it('answers 404 for a missing file and refuses paths out of the folder', async () => {
    assert.equal((await fetch(baseUrl + '/nothing.js')).status, 404);
    assert.equal(fileForRequest(rootDir, '/../secret'), null);
    assert.equal(fileForRequest(rootDir, '/%2e%2e/%2e%2e/etc/passwd'), null);
    assert.equal(fileForRequest(rootDir, '/a/../../etc/passwd'), null);
    assert.equal(fileForRequest(rootDir, '/%E0%A4%A'), null);
    assert.equal(fileForRequest(rootDir, '/sub/'), join(rootDir, 'sub', 'index.html'));
  });
});
