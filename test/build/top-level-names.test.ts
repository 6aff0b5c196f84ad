// A device bundle runs at the interpreter's top level: the gate refuses names that would replace its globals.

import assert from 'node:assert/strict';
import { bundleFirmware, ROOT } from '../../scripts/device-bundles';
import { findGlobalCollisions, findPretokenKeywordNames, platformGlobalNames, topLevelNames } from '../../scripts/top-level-names';

describe('top-level names of a device bundle', () => {
  const platform = platformGlobalNames(ROOT);

  it('knows the interpreter globals the firmware relies on', () => {
    ['E', 'setWatch', 'digitalWrite', 'analogWrite', 'getTime', 'require', 'process'].forEach((name) => assert.ok(platform.has(name), name));
  });

  it('knows the globals the device boot makes (the console handle and the line protocol), so that no bundle names its own helper so', () => {
    ['treadmill', 'rt'].forEach((name) => assert.ok(platform.has(name), name));
    assert.equal(findGlobalCollisions('function rt(e){return e.toFixed(1)}', platform).length, 1);
  });

  it('lists every kind of top-level declaration', () => {
    assert.deepEqual(topLevelNames('var a=1,b=2;let c;const d=3;function e(){var inner=1}class f{}(function(){var g})();'), ['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('refuses a bundle that would replace E, a pin or setWatch, and passes ordinary names', () => {
    assert.deepEqual(findGlobalCollisions('var Xe=1,Yt=2;function qn(){}', platform), []);
    const problems = findGlobalCollisions('var E=1;function B4(){}class setWatch{}var LED1=0;', platform);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0], /"E"/);
    assert.match(problems[1], /"B4"/);
  });

  it('the build refuses such a bundle: the Pico firmware passes it, and its boot holds no configuration checker', async () => {
    const firmware = await bundleFirmware('pico', 'mc2100', {}, true);
    assert.deepEqual(findGlobalCollisions(firmware.text, platform), []);
    // The boot assigns the console globals by name: the minifier kept clear of them.
    assert.ok(/[;}]rt=/.test(firmware.text) && topLevelNames(firmware.text).indexOf('rt') < 0, 'rt is only assigned, never declared');
    // A preset edition: resolved and checked at build time, so neither the defaults' drive table
    // nor the checker's messages are in the bundle.
    assert.equal(firmware.text.indexOf('overrides must be an object'), -1);
    assert.ok(firmware.text.indexOf('bootPreset') < 0 && /maxDuty:\.85/.test(firmware.text), 'the resolved configuration is compiled in');
  });

  it('refuses a property or variable named as a word the espruino tool stores as a keyword (of, let), and passes the global undefined', () => {
    assert.deepEqual(findPretokenKeywordNames('var a={nf:8,pf:100};a.pf=a.nf;var b=undefined;for(var x of [1]){}'), []);
    const problems = findPretokenKeywordNames('var a={nf:8,of:4e4};a.let=1;var of=2;a["of"]=3;');
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]), ['property of', 'property let', 'name of']);
  });

  it('the full edition makes up no such name (its shortened names once reached `of`)', async () => {
    const firmware = await bundleFirmware('esp32', 'mc2100', {}, true);
    assert.deepEqual(findPretokenKeywordNames(firmware.text), []);
  });
});
