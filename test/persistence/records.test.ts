// Persistence: valid records round-trip, a write cut by power loss loses at most that record, the history ring keeps the last 20.

import assert from 'node:assert/strict';
import { loadCalibration, saveCalibration } from '../../firmware/persistence/calibration-record';
import { eraseProgram, listPrograms, loadProgram, MAX_PROGRAM_TEXT_CHARS, saveProgram } from '../../firmware/persistence/program-records';
import { HISTORY_LENGTH, loadHistory, writeHistoryEntry, type HistoryEntry } from '../../firmware/persistence/session-history';
import { defaultSettings, loadSettings, saveSettings, type Settings } from '../../firmware/persistence/settings-record';
import { SimLog } from '../../sim/ports/sim-log';
import { SimStorage } from '../../sim/ports/sim-storage';
import { assertSafeIdle, bootWith, runSession, warnings } from './persistence-rig';

function settingsWith(changes: Partial<Settings>): Settings {
  return Object.assign(defaultSettings(), changes);
}

function entry(session: number): HistoryEntry {
  return { session, direction: 'backward', durationS: 60 * (session % 7) + 30, forwardDistanceM: 0, backwardDistanceM: session * 1.5, averageSpeedKph: 0.9, maxSpeedKph: 1.1, slowDownCount: session % 3, stopReason: 'user', peakInclinePct: 0 };
}

describe('persistence: records', () => {
  it('settings round-trip through two alternating slots, newest wins', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const first = settingsWith({ units: 'mph', userWeightKg: 82.5, backwardMaxSpeedKph: 3.2 });
    const second = settingsWith({ units: 'kph', userWeightKg: 80, forwardMaxInclinePct: 12 });
    assert.equal(saveSettings(storage, log, first).accepted, true);
    assert.deepEqual(loadSettings(storage, log), first);
    assert.equal(saveSettings(storage, log, second).accepted, true);
    assert.deepEqual(loadSettings(storage, log), second);
    assert.deepEqual(storage.list('rt.settings').sort(), ['rt.settings.a', 'rt.settings.b']);
    assert.equal(saveSettings(storage, log, first).accepted, true);
    assert.deepEqual(loadSettings(storage, log), first);
    assert.deepEqual(log.lines.filter((line) => line.indexOf('warn') >= 0), []);
  });

  it('settings outside the hard caps or malformed are refused with the field named, and nothing is written', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const rows: [Partial<Settings>, string][] = [
      [{ backwardMaxSpeedKph: 7 }, 'backwardMaxSpeedKph'],
      [{ forwardMaxSpeedKph: 25 }, 'forwardMaxSpeedKph'],
      [{ backwardMaxInclinePct: 12 }, 'backwardMaxInclinePct'],
      [{ forwardMaxInclinePct: -1 }, 'forwardMaxInclinePct'],
      [{ userWeightKg: NaN }, 'userWeightKg'],
      [{ units: 'furlongs' as 'kph' }, 'units'],
      [{ backwardMaxSpeedKph: 0.5 }, 'backward.maxSpeedKph'],
    ];
    rows.forEach(([changes, field]) => {
      const result = saveSettings(storage, log, settingsWith(changes));
      assert.equal(result.accepted, false, JSON.stringify(changes));
      assert.ok(result.message.indexOf(field) >= 0, result.message);
    });
    assert.equal(storage.writeCount, 0);
  });

  it('a settings write cut by power loss (truncated, or refused by the flash) keeps the previous settings', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const previous = settingsWith({ userWeightKg: 75, backwardMaxSpeedKph: 3 });
    saveSettings(storage, log, previous);
    saveSettings(storage, log, settingsWith({ userWeightKg: 90 }));
    // The second save went to slot b; power failed during it.
    storage.truncate('rt.settings.b', 20);
    assert.deepEqual(loadSettings(storage, log), previous);
    assert.ok(log.contains('rt.settings.b: record rejected (not JSON'));
    storage.failWrites = true;
    const refused = saveSettings(storage, log, settingsWith({ userWeightKg: 100 }));
    assert.equal(refused.accepted, false);
    assert.ok(refused.message.indexOf('write failed') >= 0);
    assert.deepEqual(loadSettings(storage, log), previous);
  });

  it('calibration round-trips and a refused map is named', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const calibration = { metersPerPulse: 0.2871, dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 1, duty: 0.15 }, { speedKph: 16, duty: 0.8 }] };
    assert.equal(saveCalibration(storage, log, calibration).accepted, true);
    assert.deepEqual(loadCalibration(storage, log), calibration);
    const falling = saveCalibration(storage, log, { metersPerPulse: null, dutyMap: [{ speedKph: 0, duty: 0.2 }, { speedKph: 1, duty: 0.1 }] });
    assert.equal(falling.accepted, false);
    assert.ok(falling.message.indexOf('point 1') >= 0, falling.message);
    assert.deepEqual(loadCalibration(storage, log), calibration);
  });

  describe('calibration duty above the hard cap', () => {
    /** The hard duty cap, written here rather than read from the firmware's HARD_CAPS, so a wrong cap there shows. */
    const HARD_CAP_DUTY = 0.95;
    const mapTo = (topDuty: number) => [{ speedKph: 0, duty: 0 }, { speedKph: 1, duty: 0.15 }, { speedKph: 17, duty: topDuty }];

    it('is refused by saveCalibration, naming the point, and nothing is stored (the cap itself is accepted)', () => {
      const storage = new SimStorage();
      const log = new SimLog();
      const atCap = { metersPerPulse: 0.3048, dutyMap: mapTo(HARD_CAP_DUTY) };
      assert.equal(saveCalibration(storage, log, atCap).accepted, true);
      const above = saveCalibration(storage, log, { metersPerPulse: 0.25, dutyMap: mapTo(HARD_CAP_DUTY + 0.01) });
      assert.equal(above.accepted, false);
      assert.match(above.message, /dutyMap point 2 duty/);
      assert.deepEqual(loadCalibration(storage, log), atCap, 'the refused calibration must not replace the stored one');
    });

    it('is dropped by the loader with a warning naming the field; the belt distance still applies', () => {
      const log = new SimLog();
      [HARD_CAP_DUTY, HARD_CAP_DUTY + 0.01].forEach((topDuty) => {
        const storage = new SimStorage();
        storage.corrupt('rt.calib.a', JSON.stringify({ format: 1, sequence: 0, metersPerPulse: 0.25, dutyMap: mapTo(topDuty) }));
        const loaded = loadCalibration(storage, log);
        assert.equal(loaded.metersPerPulse, 0.25);
        assert.deepEqual(loaded.dutyMap, topDuty > HARD_CAP_DUTY ? null : mapTo(topDuty), 'top duty ' + topDuty);
      });
      const rejected = log.lines.filter((line) => line.indexOf('warn') >= 0 && line.indexOf('rt.calib.a') >= 0 && line.indexOf('dutyMap') >= 0);
      assert.equal(rejected.length, 1, log.lines.join('\n'));
    });
  });

  it('programs: stored as text per record, listed, erased; size and name limits refuse with a message', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const text = '{"name":"hill","segments":[{"durationS":60,"speedKph":3}]}';
    assert.equal(saveProgram(storage, 'hill', text).accepted, true);
    assert.equal(saveProgram(storage, 'flat_2', '[]').accepted, true);
    assert.deepEqual(listPrograms(storage).sort(), ['flat_2', 'hill']);
    assert.equal(loadProgram(storage, log, 'hill'), text);
    assert.equal(saveProgram(storage, 'big', '"' + 'x'.repeat(MAX_PROGRAM_TEXT_CHARS) + '"').accepted, false);
    assert.equal(saveProgram(storage, 'a name too long for the storage', '[]').accepted, false);
    assert.equal(saveProgram(storage, '../x', '[]').accepted, false);
    assert.equal(saveProgram(storage, 'broken', '{"segments":').accepted, false);
    eraseProgram(storage, 'hill');
    assert.deepEqual(listPrograms(storage), ['flat_2']);
    assert.equal(loadProgram(storage, log, 'hill'), null);
  });

  it('the history ring keeps exactly the last 20 sessions', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    for (let session = 1; session <= 47; session++) assert.equal(writeHistoryEntry(storage, entry(session)), true);
    const entries = loadHistory(storage, log);
    assert.equal(entries.length, HISTORY_LENGTH);
    assert.deepEqual(entries.map((e) => e.session), Array.from({ length: 20 }, (_v, i) => 28 + i));
    assert.deepEqual(entries[5], entry(33));
    assert.equal(storage.list('rt.h').length, HISTORY_LENGTH);
  });

  it('a history write cut by power loss loses only that entry', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    for (let session = 1; session <= 25; session++) writeHistoryEntry(storage, entry(session));
    storage.truncate('rt.h5', 30); // session 25, being written
    const entries = loadHistory(storage, log);
    assert.deepEqual(entries.map((e) => e.session), Array.from({ length: 19 }, (_v, i) => 6 + i));
  });
});

describe('persistence: integration with the firmware', () => {
  it('sessions are appended at their end with number, direction, distance, speeds, slow-downs and stop reason', () => {
    const storage = new SimStorage();
    const rig = bootWith(storage);
    runSession(rig, 'forward', 3, 20000, 'stop');
    runSession(rig, 'backward', 1.2, 30000, 'slowDownThenStop');
    runSession(rig, 'backward', 1.5, 15000, 'key');
    const writes = storage.writeCount;
    const entries = loadHistory(storage, rig.sim.hal.log);
    assert.deepEqual(entries.map((e) => [e.session, e.direction, e.stopReason, e.slowDownCount]), [
      [1, 'forward', 'user', 0],
      [2, 'backward', 'user', 1],
      [3, 'backward', 'keyRemoved', 0],
    ]);
    assert.ok(entries[0].forwardDistanceM > 10 && entries[0].forwardDistanceM < 25 && entries[0].backwardDistanceM === 0, JSON.stringify(entries[0]));
    assert.ok(entries[1].backwardDistanceM > 5 && entries[1].forwardDistanceM === 0, JSON.stringify(entries[1]));
    assert.ok(entries[0].maxSpeedKph > 2.8 && entries[0].maxSpeedKph < 4, 'max ' + entries[0].maxSpeedKph);
    assert.ok(entries[0].averageSpeedKph > 0.5 && entries[0].averageSpeedKph < entries[0].maxSpeedKph);
    assert.ok(entries[0].durationS > 20 && entries[0].durationS < 30, 'duration ' + entries[0].durationS);
    // Never per tick: idle for a minute writes nothing.
    rig.scheduler.advance(60000);
    assert.equal(storage.writeCount, writes);
    // Power cycle: the numbering continues, nothing resumes.
    const again = bootWith(storage);
    assertSafeIdle(again, 3000);
    runSession(again, 'forward', 2, 5000, 'stop');
    assert.equal(loadHistory(storage, again.sim.hal.log).pop()?.session, 4);
  });

  it('stored settings and calibration apply at boot under the explicit overrides', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    saveSettings(storage, log, settingsWith({ forwardMaxSpeedKph: 10, backwardMaxSpeedKph: 3 }));
    saveCalibration(storage, log, { metersPerPulse: 0.3048, dutyMap: null });
    const rig = bootWith(storage, { forward: { maxSpeedKph: 12 } });
    assert.deepEqual(warnings(rig), []);
    rig.sim.setWalker('forward', 70);
    rig.firmware.command({ name: 'start', source: 'local' });
    rig.scheduler.advance(3100);
    // Explicit forward cap 12 wins over the stored 10.
    assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 11 }).accepted, true);
    assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 12.5 }).accepted, false);
  });

  it('a stored part the merged configuration refuses is dropped and logged; the rest still applies', () => {
    const storage = new SimStorage();
    // Settings pass their own field checks but clash with the composition root's start speed.
    storage.corrupt('rt.settings.a', JSON.stringify({ format: 1, sequence: 0, units: 'kph', userWeightKg: 70, forwardMaxSpeedKph: null, backwardMaxSpeedKph: 1, forwardMaxInclinePct: null, backwardMaxInclinePct: null }));
    storage.corrupt('rt.calib.a', JSON.stringify({ format: 1, sequence: 0, metersPerPulse: 0.25, dutyMap: null }));
    const rig = bootWith(storage, { startSpeedKph: 1.5, minSpeedKph: 1.5 });
    assertSafeIdle(rig, 500);
    assert.ok(warnings(rig).some((line) => line.indexOf('stored settings refused') >= 0 && line.indexOf('backward.maxSpeedKph') >= 0), warnings(rig).join('\n'));
    assert.ok(!warnings(rig).some((line) => line.indexOf('calibration refused') >= 0));
  });
});
