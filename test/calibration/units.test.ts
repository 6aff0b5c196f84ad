// Units: km/h inside, mph or km/h shown; conversion, formatting, button steps and command messages in the user's units.

import assert from 'node:assert/strict';
import type { CommandResult } from '../../firmware/command';
import { resolveConfig } from '../../firmware/config-overrides';
import { applySpeedCommand } from '../../firmware/core/speed-targets';
import { formatSpeed, kphToMph, mphToKph, roundToSpeedStepKph, speedStepKph } from '../../firmware/core/units';
import { defaultSettings, settingsOverrides } from '../../firmware/persistence/settings-record';

describe('units', function () {
  it('converts km/h and mph both ways (1 mile = 1.609344 km)', function () {
    assert.ok(Math.abs(kphToMph(4.828032) - 3) < 1e-9);
    assert.ok(Math.abs(mphToKph(0.5) - 0.804672) < 1e-9);
    [0, 0.8, 4, 16, 20].forEach(function (speedKph) {
      assert.ok(Math.abs(mphToKph(kphToMph(speedKph)) - speedKph) < 1e-9);
    });
  });

  it('formats a speed in the user\'s units', function () {
    assert.equal(formatSpeed(mphToKph(3), 'mph'), '3.0 mph');
    assert.equal(formatSpeed(4, 'mph'), '2.5 mph');
    assert.equal(formatSpeed(4, 'kph'), '4.0 km/h');
  });

  it('steps 0.1 mph for mph users and lands on the mph grid', function () {
    assert.ok(Math.abs(speedStepKph('mph', 0.1) - 0.1609344) < 1e-9);
    assert.equal(speedStepKph('kph', 0.2), 0.2);
    assert.ok(Math.abs(kphToMph(roundToSpeedStepKph(4, 'mph', 0.1)) - 2.5) < 1e-9);
    assert.ok(Math.abs(roundToSpeedStepKph(4.04, 'kph', 0.1) - 4) < 1e-9);
  });

  it('command messages and button steps follow config.units', function () {
    const config = resolveConfig({ units: 'mph' });
    const result: CommandResult = { accepted: false, message: '' };
    const up = applySpeedCommand(mphToKph(2), { name: 'speedUp', source: 'local' }, 'forward', config, result);
    assert.ok(Math.abs(kphToMph(up) - 2.1) < 1e-9, String(kphToMph(up)));
    assert.equal(result.message, 'target 2.1 mph');
    applySpeedCommand(2, { name: 'setSpeed', source: 'local', speedKph: 5 }, 'backward', config, result);
    assert.equal(result.accepted, false);
    assert.equal(result.message, 'refused: 3.1 mph is above the backward cap of 2.5 mph');
    const metric = resolveConfig({});
    assert.equal(metric.units, 'kph');
    applySpeedCommand(2, { name: 'speedUp', source: 'local' }, 'forward', metric, result);
    assert.equal(result.message, 'target 2.1 km/h');
  });

  it('stored settings choose the units; a bad units setting is refused', function () {
    const settings = defaultSettings();
    settings.units = 'mph';
    assert.equal(resolveConfig(settingsOverrides(settings)).units, 'mph');
    assert.throws(() => resolveConfig({ units: 'furlongs' }), /units/);
  });
});
