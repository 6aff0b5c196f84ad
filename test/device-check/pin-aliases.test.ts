// Pin names of a bundle, their distinct Linux pins, and the harness's aliasing on the interpreter's global object.

import assert from 'node:assert/strict';
import vm from 'node:vm';
import { ROOT } from '../../scripts/device-bundles';
import { checkedProfile } from '../../scripts/device-check/boards';
import { boot0Text, bundleHarness } from '../../scripts/device-check/harness-bundle';
import type { HarnessConfig } from '../../scripts/device-check/harness-types';
import { linuxPin, pinAliases, pinNamesOf, profilePinNames } from '../../scripts/device-check/pin-aliases';

describe('device check: pin aliases', () => {
  it('finds every quoted pin name of a bundle once, with the profile\'s, sorted', () => {
    const bundle = 'var a={e:"B10",b:\'A0\'},c=`D13`;f("B10");g("B1O","X1","D130","ok")';
    assert.deepEqual(pinNamesOf(bundle, ['H0', 'A0']), ['A0', 'B10', 'D13', 'H0']);
  });

  it('lists every pin of a board profile: inputs, outputs, buttons, enable pins', () => {
    const names = profilePinNames(checkedProfile('pico'));
    ['B10', 'A0', 'B15', 'A8', 'A10', 'B14', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'B13', 'B8', 'B4', 'B5', 'B3'].forEach((pin) => assert.ok(names.indexOf(pin) >= 0, pin));
    assert.deepEqual(profilePinNames({ motor: { kind: 'hbridge', forwardPwmPin: 'D1', backwardPwmPin: 'D2', enablePins: ['D3', 'D4'] } }), ['D1', 'D2', 'D3', 'D4']);
  });

  it('gives each name its own Linux pin D0..D31, and refuses more names than pins', () => {
    const aliases = pinAliases(['A0', 'B4', 'D13']);
    assert.deepEqual(aliases, [['A0', 'D0'], ['B4', 'D1'], ['D13', 'D2']]);
    assert.equal(linuxPin(aliases, 'D13'), 'D2');
    assert.throws(() => linuxPin(aliases, 'C0'), /no Linux alias/);
    const many: string[] = [];
    for (let index = 0; index < 33; index++) many.push('D' + index);
    assert.throws(() => pinAliases(many), /33 pin names.*32 pins/);
  });

  it('the harness points each name at its own Linux pin, reading every pin before it assigns any', async () => {
    // D1 -> D0 and D0 -> D1: assigned one after the other without reading first, both would end on one pin.
    const config = { aliases: [['D1', 'D0'], ['D0', 'D1'], ['B4', 'D2']], idleInputs: [], key: { pin: 'D0', activeLow: true }, encoder: { pin: 'D1', activeLow: true } } as unknown as HarnessConfig;
    const pins: { [name: string]: object } = {};
    const context: { [name: string]: unknown } = { E: {}, console: { log: () => undefined }, process: { memory: () => ({ usage: 1, total: 2 }) } };
    ['D0', 'D1', 'D2', 'D3'].forEach((name) => {
      pins[name] = { toString: () => name };
      context[name] = pins[name];
    });
    context.global = context;
    vm.createContext(context);
    vm.runInContext(boot0Text(await bundleHarness(ROOT), config), context);
    assert.equal(context.D1, pins.D0);
    assert.equal(context.D0, pins.D1);
    assert.equal(context.B4, pins.D2);
    assert.equal(context.D3, pins.D3);
    assert.equal(typeof context.dc, 'function');
    assert.equal((context.DC_CONFIG as HarnessConfig).aliases.length, 0, 'the alias table is freed before the firmware loads');
  });
});
