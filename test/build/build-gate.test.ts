// The build gate can fail: syntax Espruino lacks is refused by the device build, and output traps are caught.

import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from '../../scripts/esbuild-options';

/** Bundle a snippet as device code; resolves to the output text or rejects with esbuild's errors. */
async function buildDeviceCode(source: string): Promise<string> {
  const result = await build({ ...ESPRUINO_BUILD_OPTIONS, ...DEVICE_MINIFY, stdin: { contents: source, loader: 'ts', sourcefile: 'device.ts' }, write: false, outfile: 'out.js' });
  return result.outputFiles[0].text;
}

async function refusal(source: string): Promise<string> {
  try {
    await buildDeviceCode(source);
  } catch (error) {
    const failure = error as { errors?: { text: string }[] };
    return (failure.errors || []).map((item) => item.text).join('\n');
  }
  return '';
}

describe('build gate', () => {
  it('builds plain ES2015 device code', async () => {
    const text = await buildDeviceCode('class Belt { speedKph = 1; faster(stepKph: number) { return this.speedKph + stepKph; } }\nconsole.log(new Belt().faster(0.1) ** 2);');
    assert.match(text, /console\.log/);
    assert.doesNotMatch(text, /\*\*/, 'the exponent operator is lowered');
  });

  [
    { what: 'destructuring', source: 'const settings = { speedKph: 1 };\nconst { speedKph } = settings;\nconsole.log(speedKph);', message: /destructuring/i },
    { what: 'a default parameter', source: 'function start(speedKph = 0.8) { return speedKph; }\nconsole.log(start());', message: /default/i },
    { what: 'a spread', source: 'const speeds = [1, 2];\nconsole.log(Math.max(...speeds));', message: /spread|rest arguments/i },
    { what: 'a rest parameter', source: 'function total(...speeds: number[]) { return speeds.length; }\nconsole.log(total(1));', message: /rest/i },
    { what: 'a generator', source: 'function* ticks() { yield 1; }\nconsole.log(ticks());', message: /generator/i },
    { what: 'an async function', source: 'async function boot() { return 1; }\nconsole.log(boot());', message: /async/i },
  ].forEach((row) => {
    it('refuses ' + row.what + ' in device code', async () => {
      const errors = await refusal(row.source);
      assert.notEqual(errors, '', 'the build accepted ' + row.what);
      assert.match(errors, row.message);
    });
  });

  it('catches a class that refers to its own name (a named class expression in the bundle)', async () => {
    const text = await buildDeviceCode('export class Random { static make() { return new Random(); } }\nconsole.log(Random.make());');
    const traps = findEspruinoTraps(text);
    assert.equal(traps.length, 1);
    assert.match(traps[0], /named class expression/);
  });

  it('finds no traps in an ordinary class', async () => {
    assert.deepEqual(findEspruinoTraps(await buildDeviceCode('class Belt { run() { return 1; } }\nconsole.log(new Belt().run());')), []);
  });
});
