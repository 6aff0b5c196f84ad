// Reading pretokenised code back: the token table agrees with what the espruino tool writes.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/device-bundles';
import { detokenise, tokenValues } from '../../scripts/pretokenised';
import { flashUploadText, storedFilesOfUpload } from '../../scripts/upload-text';

/** Every operator and reserved word the lexer has a token for, in code the tool can read. */
const SAMPLE = [
  'var a = 1, b = 2; let c = 3; const d = 4;',
  'function f(x) {',
  '  if (x == 1) return x; else if (x === 2) return !x;',
  '  do { x++; } while (x != 3 && x !== 4 || x <= 5);',
  '  for (var k in {}) break; for (var v of []) continue;',
  '  a <<= 1; a = a << 1; a = a >= 1; a = a >> 1; a = a >>> 1; a >>= 1; a >>>= 1; a += 1; a -= 1; a--; a *= 2; a /= 2; a %= 2; a &= 1; a |= 1; a ^= 1;',
  '  try { throw new Error("e"); } catch (e) { } finally { }',
  '  var t = true, u = false, n = null, w = undefined, o = new Date() instanceof Date;',
  '  var s = "two words", q = \'it\\\'s\', z = `plain`, e = "", big = "' + 'x'.repeat(300) + '", ints = [0, 7, -7, 127, -128, 300, -300, 32767, -32768, 70000, 1e3, 2.5];',
  '  switch (a) { case 1: break; default: }',
  '  delete o.x; typeof a; void 0; debugger;',
  '  var g = () => this;',
  '}',
  'class K extends Object { static s() { return super.toString; } }',
].join('\n');

describe('pretokenised code', () => {
  it('reads back what the espruino tool stores, token for token', () => {
    const folder = mkdtempSync(join(tmpdir(), 'retrotread-pretokenised-'));
    const job = JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8')) as { espruino: { PRETOKENISE: number } };
    assert.equal(job.espruino.PRETOKENISE, 2, 'the flash job pretokenises keywords, strings and integers');
    const jobPath = join(folder, 'job.json');
    writeFileSync(jobPath, JSON.stringify(Object.assign({}, job, { board: join(ROOT, 'hal/espruino/boards/PICO_R1_3.json') })));
    const codePath = join(folder, 'sample.js');
    writeFileSync(codePath, SAMPLE);
    const stored = storedFilesOfUpload(flashUploadText(ROOT, jobPath, codePath))['.bootcde'];
    const tokens = stored.split('').filter((character) => character.charCodeAt(0) >= 138).length;
    assert.ok(tokens >= 60, tokens + ' token bytes');
    assert.deepEqual(tokenValues(detokenise(stored)), tokenValues(SAMPLE));
    [0xd1, 0xd2, 0xd3, 0xd4, 0xd5].forEach((code) => assert.ok(stored.indexOf(String.fromCharCode(code)) >= 0, 'the sample has a literal stored as 0x' + code.toString(16)));
  });

  it('refuses a byte it does not know', () => {
    assert.throws(() => detokenise('a' + String.fromCharCode(0xc8)), /unknown token code 200/);
  });

  it('compares by tokens: spacing, quoting and the way a number is written do not count', () => {
    assert.deepEqual(tokenValues('a = "x" + 1e3 + `t`'), tokenValues("a='x'+1000+\"t\""));
    assert.notDeepEqual(tokenValues('a = "x"'), tokenValues('a = "y"'));
  });
});
