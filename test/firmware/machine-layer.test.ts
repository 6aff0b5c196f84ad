// The machine description's place in the configuration: over the drive's defaults, beneath overrides and what the board stored, its caps a ceiling.

import assert from 'node:assert/strict';
import { resolveBootSettings } from '../../firmware/boot-settings';
import { resolveConfig } from '../../firmware/config-overrides';
import { saveCalibration } from '../../firmware/persistence/calibration-record';
import { defaultSettings, saveSettings } from '../../firmware/persistence/settings-record';
import { SimLog } from '../../sim/ports/sim-log';
import { SimStorage } from '../../sim/ports/sim-storage';

const MACHINE = { metersPerPulse: 0.25, forward: { maxSpeedKph: 10 }, backward: { maxSpeedKph: 3 } };

function storedSettings(storage: SimStorage, log: SimLog, forwardMaxSpeedKph: number): void {
  const settings = defaultSettings();
  settings.forwardMaxSpeedKph = forwardMaxSpeedKph;
  assert.equal(saveSettings(storage, log, settings).accepted, true);
}

describe('the machine description in the configuration', () => {
  it('goes over the drive\'s defaults and beneath the overrides', () => {
    const config = resolveConfig({ drive: 'hbridge', backward: { maxSpeedKph: 2 } }, { dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 10, duty: 0.5 }], backward: { maxSpeedKph: 3 }, metersPerPulse: 0.25 });
    assert.deepEqual(config.dutyMap, [{ speedKph: 0, duty: 0 }, { speedKph: 10, duty: 0.5 }], 'the machine\'s map, not the H-bridge default');
    assert.equal(config.loadAllowanceDuty, 0.088, 'the drive\'s other defaults stay');
    assert.equal(config.backward.maxSpeedKph, 2, 'the override wins');
    assert.equal(config.metersPerPulse, 0.25);
  });

  it('is checked like any override, naming the setting', () => {
    assert.throws(() => resolveConfig({}, { forward: { maxSpeedKph: 25 } }), /forward\.maxSpeedKph.*25/);
    assert.throws(() => resolveConfig({}, { beltLengthM: 3 }), /unknown setting "beltLengthM"/);
  });

  describe('at a full edition\'s boot, with what the board stored', () => {
    it('boots on the machine when nothing is stored', () => {
      const stored = resolveBootSettings(new SimStorage(), new SimLog(), { drive: 'mc2100' }, MACHINE);
      assert.equal(stored.config.metersPerPulse, 0.25);
      assert.equal(stored.config.forward.maxSpeedKph, 10);
    });

    it('a calibration the board measured wins over the file\'s belt distance, and the log says so', () => {
      const storage = new SimStorage();
      const log = new SimLog();
      assert.equal(saveCalibration(storage, log, { metersPerPulse: 0.31, dutyMap: null }).accepted, true);
      const stored = resolveBootSettings(storage, log, { drive: 'mc2100' }, MACHINE);
      assert.equal(stored.config.metersPerPulse, 0.31);
      assert.ok(log.lines.some((line) => line.indexOf('stored calibration\'s metersPerPulse is used') >= 0), log.lines.join('\n'));
    });

    it('stored settings may lower the machine\'s caps', () => {
      const storage = new SimStorage();
      const log = new SimLog();
      storedSettings(storage, log, 6);
      assert.equal(resolveBootSettings(storage, log, { drive: 'mc2100' }, MACHINE).config.forward.maxSpeedKph, 6);
    });

    it('stored settings above a machine cap are refused with a warning, and the machine\'s cap holds', () => {
      const storage = new SimStorage();
      const log = new SimLog();
      storedSettings(storage, log, 14);
      const stored = resolveBootSettings(storage, log, { drive: 'mc2100' }, MACHINE);
      assert.equal(stored.config.forward.maxSpeedKph, 10);
      assert.ok(log.lines.some((line) => /warn.*stored settings refused.*forward\.maxSpeedKph" 14 is above the machine's cap of 10/.test(line)), log.lines.join('\n'));
    });

    it('the composition root\'s own overrides still win over the machine\'s caps, without a warning', () => {
      const log = new SimLog();
      assert.equal(resolveBootSettings(new SimStorage(), log, { drive: 'mc2100', forward: { maxSpeedKph: 12 } }, MACHINE).config.forward.maxSpeedKph, 12);
      assert.deepEqual(log.lines.filter((line) => line.indexOf('warn') >= 0), []);
    });

    it('without a machine description, stored settings apply up to the hard caps as before', () => {
      const storage = new SimStorage();
      const log = new SimLog();
      storedSettings(storage, log, 14);
      assert.equal(resolveBootSettings(storage, log, { drive: 'mc2100' }).config.forward.maxSpeedKph, 14);
    });
  });
});
