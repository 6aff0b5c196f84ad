// The web console's build: the page and its bundle are written, carry no Node built-in and fetch nothing from outside, and a Node import fails the build.

import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebPage, isNodeBuiltin, WEB_BUNDLE_NAME, WEB_STYLE_NAME } from '../../scripts/web-bundle';

/** Node built-ins a bundle could name in a `require(...)` (esbuild's browser platform leaves such calls in place when told to). */
const NODE_REQUIRE = /require\(\s*["'`](node:)?(fs|path|os|child_process|net|http|https|tty|readline|util|events|stream|crypto|url|module|worker_threads|process)(\/[a-z]+)?["'`]\s*\)/;

/** Anything in a script that would reach the network at run time. */
const NETWORK_USE = /\bfetch\(|XMLHttpRequest|WebSocket\(|EventSource\(|importScripts\(|\bimport\(/;

/** Addresses in the page: only XML namespace names (identifiers, never fetched) may appear. */
function externalAddresses(text: string): string[] {
  const found = text.match(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi) || [];
  return found.filter((address) => !/^https?:\/\/www\.w3\.org\//.test(address));
}

describe('web console: build', function () {
  // esbuild bundles the firmware, the simulator and uPlot: a second or two on a busy machine.
  this.timeout(60000);
  let outDir = '';
  let bundle = '';
  let page = '';
  let style = '';

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'retrotread-web-'));
    await buildWebPage(outDir);
    bundle = readFileSync(join(outDir, WEB_BUNDLE_NAME), 'utf8');
    page = readFileSync(join(outDir, 'index.html'), 'utf8');
    style = readFileSync(join(outDir, WEB_STYLE_NAME), 'utf8');
  });

  after(() => {
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  it('writes index.html naming the one bundle and the one style sheet beside it', () => {
    assert.match(page, new RegExp('<script src="' + WEB_BUNDLE_NAME.replace('.', '\\.') + '">'));
    assert.match(page, new RegExp('<link rel="stylesheet" href="' + WEB_STYLE_NAME.replace('.', '\\.') + '">'));
    assert.equal((page.match(/<script/g) || []).length, 1);
    assert.ok(bundle.length > 10000, 'bundle of ' + bundle.length + ' characters');
  });

  it('bundles the firmware, the simulator and uPlot, with uPlot\'s CSS in the style sheet', () => {
    // Texts that survive minifying: a firmware fault message, a simulator error, uPlot's class names.
    assert.match(bundle, /SimScheduler\.every: periodMs must be above 0/);
    assert.match(bundle, /safety key/);
    assert.match(bundle, /u-legend/);
    assert.match(style, /\.uplot/);
    assert.match(style, /\.plot-area/);
  });

  it('has no require of a Node built-in and nothing that fetches from the network', () => {
    assert.doesNotMatch(bundle, NODE_REQUIRE);
    assert.doesNotMatch(bundle, NETWORK_USE);
    assert.deepEqual(externalAddresses(bundle), []);
    assert.deepEqual(externalAddresses(page), []);
    assert.deepEqual(externalAddresses(style), []);
  });

  it('the checks above find what they look for', () => {
    assert.match('var f=require("node:fs");', NODE_REQUIRE);
    assert.match('var p=require( "child_process" )', NODE_REQUIRE);
    assert.match('fetch("/x")', NETWORK_USE);
    assert.deepEqual(externalAddresses('<script src="https://cdn.example.com/uplot.js">'), ['https://cdn.example.com/uplot.js']);
    assert.deepEqual(externalAddresses('createElementNS("http://www.w3.org/2000/svg")'), []);
  });

  it('fails the build when web code imports a Node built-in, naming it', async () => {
    const entry = join(outDir, 'node-import.ts');
    writeFileSync(entry, "import { readFileSync } from 'node:fs';\nexport const text = readFileSync('x', 'utf8');\n");
    let message = '';
    try {
      await buildWebPage(join(outDir, 'refused'), entry);
    } catch (error) {
      message = ((error as { errors?: { text: string }[] }).errors || []).map((item) => item.text).join('\n');
    }
    assert.match(message, /must not import the Node built-in "node:fs"/);
  });

  it('tells Node built-ins from other modules', () => {
    assert.equal(isNodeBuiltin('fs'), true);
    assert.equal(isNodeBuiltin('node:fs'), true);
    assert.equal(isNodeBuiltin('fs/promises'), true);
    assert.equal(isNodeBuiltin('path'), true);
    assert.equal(isNodeBuiltin('uplot'), false);
    assert.equal(isNodeBuiltin('../sim/sim-treadmill'), false);
  });
});
