// Shortened property names never take a word the interpreter's lexer reads as its own (`of` stopped the ESP32's bundle at boot).

import assert from 'node:assert/strict';
import { build, type BuildOptions } from 'esbuild';
import { ROOT } from '../../scripts/device-bundles';
import { INTERPRETER_WORDS, propertyManglingOptions } from '../../scripts/property-mangling';

/** Source with `count` properties that only it uses, so esbuild shortens each to a name of its own. */
function manyProperties(count: number): string {
  const names: string[] = [];
  for (let index = 0; index < count; index++) names.push('onlyHere' + index);
  return 'export const o = {' + names.map((name, index) => name + ': ' + index).join(', ') + '};\nexport function f(x) { return ' + names.map((name) => 'x.' + name).join(' + ') + '; }\n';
}

/** The property names the shortened code declares in its object literal. */
async function shortenedNames(options: BuildOptions): Promise<string[]> {
  const base: BuildOptions = { stdin: { contents: manyProperties(3000) }, write: false, minify: true, format: 'iife' };
  const result = await build(Object.assign(base, options));
  const files = result.outputFiles;
  if (files === undefined) throw new Error('esbuild wrote no output');
  const text = files[0].text;
  const literal = text.substring(text.indexOf('{'), text.indexOf('}'));
  return (literal.match(/[{,]([A-Za-z_$][\w$]*):/g) || []).map((match) => match.slice(1, -1));
}

describe('interpreter words in shortened names', () => {
  it('the build\'s options never make one (and without them esbuild does: the check can fail)', async function () {
    this.timeout(60000);
    const options = propertyManglingOptions(ROOT, true);
    const held = await shortenedNames({ mangleProps: /^onlyHere/, mangleCache: options.mangleCache });
    assert.equal(held.length, 3000);
    INTERPRETER_WORDS.forEach((word) => assert.ok(held.indexOf(word) < 0, word + ' made'));
    const bare = await shortenedNames({ mangleProps: /^onlyHere/ });
    assert.ok(bare.indexOf('of') >= 0, 'without the cache entries esbuild makes `of`');
  });
});
