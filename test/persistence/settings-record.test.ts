// The settings record, exact: each field's range at its edges, the answers of saveSettings, the loader's log lines, the overrides it makes.

import assert from 'node:assert/strict';
import { checkSettings, defaultSettings, loadSettings, saveSettings, settingsOverrides, type Settings } from '../../firmware/persistence/settings-record';
import { SimLog } from '../../sim/ports/sim-log';
import { SimStorage } from '../../sim/ports/sim-storage';

function settingsWith(changes: object): Settings {
  return Object.assign(defaultSettings(), changes);
}

/** Each number field's own range, written here (README, Settings and history; the hard caps 20 and 6.4 km/h, 15 and 10 %). */
const RANGES: [string, number, number][] = [
  ['userWeightKg', 20, 250],
  ['forwardMaxSpeedKph', 0.3, 20],
  ['backwardMaxSpeedKph', 0.3, 6.4],
  ['forwardMaxInclinePct', 0, 15],
  ['backwardMaxInclinePct', 0, 10],
];

describe('settings record', () => {
  it('the defaults: kph, nothing else set', () => {
    assert.deepEqual(defaultSettings(), { units: 'kph', userWeightKg: null, forwardMaxSpeedKph: null, backwardMaxSpeedKph: null, forwardMaxInclinePct: null, backwardMaxInclinePct: null });
  });

  RANGES.forEach((range) => {
    const field = range[0];
    it(field + ': ' + range[1] + '..' + range[2] + ' checked at both ends (above the ends refused, naming the field)', () => {
      // A speed cap below the start speed (0.8 km/h) passes the field check but not the configuration's.
      const low = field.indexOf('Speed') >= 0 ? 0.8 : range[1];
      assert.equal(checkSettings(settingsWith({ [field]: low })), null, 'low end');
      assert.equal(checkSettings(settingsWith({ [field]: range[2] })), null, 'high end');
      assert.equal(checkSettings(settingsWith({ [field]: range[1] - 0.01 })), field + ' must be within ' + range[1] + '..' + range[2] + ', got ' + (range[1] - 0.01));
      assert.equal(checkSettings(settingsWith({ [field]: range[2] + 0.5 })), field + ' must be within ' + range[1] + '..' + range[2] + ', got ' + (range[2] + 0.5));
    });
  });

  it('refuses what is not settings, and bad units', () => {
    assert.equal(checkSettings(null as unknown as Settings), 'settings must be an object');
    assert.equal(checkSettings(settingsWith({ units: 'knots' })), 'units must be "kph" or "mph"');
    assert.equal(checkSettings(settingsWith({ userWeightKg: '70' })), 'userWeightKg must be a number, got string');
  });

  it('refuses a value that is not an object as such, whatever its type', () => {
    [5, 'kph', true].forEach((value) => {
      assert.equal(checkSettings(value as unknown as Settings), 'settings must be an object', String(value));
    });
  });

  it('names the first bad field when several are bad', () => {
    assert.equal(checkSettings(settingsWith({ userWeightKg: 300, forwardMaxSpeedKph: 30, backwardMaxInclinePct: -1 })), 'userWeightKg must be within 20..250, got 300');
    assert.equal(checkSettings(settingsWith({ forwardMaxSpeedKph: 30, backwardMaxInclinePct: -1 })), 'forwardMaxSpeedKph must be within 0.3..20, got 30');
  });

  it('refuses caps the configuration refuses, with its message', () => {
    assert.match(checkSettings(settingsWith({ backwardMaxSpeedKph: 0.5 })) as string, /backward\.maxSpeedKph/);
  });

  it('saveSettings answers and logs; a refusal or a failed write stores nothing', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const good = settingsWith({ units: 'mph', userWeightKg: 82 });
    assert.deepEqual(saveSettings(storage, log, good), { accepted: true, message: 'settings saved; caps apply from the next start-up' });
    assert.deepEqual(log.lines, ['info settings saved']);
    assert.deepEqual(saveSettings(storage, log, settingsWith({ userWeightKg: 300 })), { accepted: false, message: 'settings refused: userWeightKg must be within 20..250, got 300' });
    storage.write = () => false;
    assert.deepEqual(saveSettings(storage, log, settingsWith({ userWeightKg: 90 })), { accepted: false, message: 'settings not saved: storage write failed' });
    assert.deepEqual(loadSettings(storage, log), good);
  });

  it('the loader keeps good fields, drops bad ones with a line each, and leaves null fields unset silently', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    storage.write('rt.settings.a', JSON.stringify({ format: 1, sequence: 0, units: 'miles', userWeightKg: 500, forwardMaxSpeedKph: 12, backwardMaxSpeedKph: null, forwardMaxInclinePct: '9', backwardMaxInclinePct: 8, colour: 'red' }));
    assert.deepEqual(loadSettings(storage, log), { units: 'kph', userWeightKg: null, forwardMaxSpeedKph: 12, backwardMaxSpeedKph: null, forwardMaxInclinePct: null, backwardMaxInclinePct: 8 });
    assert.deepEqual(log.lines, [
      'warn storage: rt.settings.a: unknown field "colour" ignored',
      'warn storage: rt.settings.a: units rejected (must be "kph" or "mph", got "miles"); default used',
      'warn storage: rt.settings.a: userWeightKg rejected (must be within 20..250, got 500); default used',
      'warn storage: rt.settings.a: forwardMaxInclinePct rejected (must be a number, got string); default used',
    ]);
    const missing = new SimLog();
    storage.write('rt.settings.b', JSON.stringify({ format: 1, sequence: 1, units: 'mph' }));
    assert.deepEqual(loadSettings(storage, missing), settingsWith({ units: 'mph' }));
    assert.deepEqual(missing.lines, []);
    const noUnits = new SimLog();
    storage.write('rt.settings.a', JSON.stringify({ format: 1, sequence: 2 }));
    assert.deepEqual(loadSettings(storage, noUnits), defaultSettings());
    assert.deepEqual(noUnits.lines, ['warn storage: rt.settings.a: units rejected (missing); default used']);
  });

  it('overrides: units always, every other field only when set', () => {
    assert.deepEqual(settingsOverrides(defaultSettings()), { units: 'kph', forward: {}, backward: {} });
    assert.deepEqual(settingsOverrides(settingsWith({ units: 'mph', userWeightKg: 60, forwardMaxSpeedKph: 10, backwardMaxSpeedKph: 3, forwardMaxInclinePct: 12, backwardMaxInclinePct: 6 })), {
      units: 'mph',
      userWeightKg: 60,
      forward: { maxSpeedKph: 10, maxInclinePct: 12 },
      backward: { maxSpeedKph: 3, maxInclinePct: 6 },
    });
  });
});
