// Storage fuzzing: random, truncated and ill-typed records of every kind never prevent a safe boot, and the rejected parts are named.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadProgram } from '../../firmware/persistence/program-records';
import { loadHistory } from '../../firmware/persistence/session-history';
import { SimStorage } from '../../sim/ports/sim-storage';
import { assertSafeIdle, bootWith, runSession, warnings } from './persistence-rig';

/** A record as the fuzzer damaged it, and what the log must then name. */
interface Damaged {
  name: string;
  text: string;
  /** Text the log must contain on one warning line with the record name ('' when the data is valid). */
  mustName: string;
}

const VALID_SETTINGS = { format: 1, sequence: 3, units: 'mph', userWeightKg: 80, forwardMaxSpeedKph: 12, backwardMaxSpeedKph: 3, forwardMaxInclinePct: 12, backwardMaxInclinePct: 8 };
const VALID_CALIBRATION = { format: 1, sequence: 1, metersPerPulse: 0.3, dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 2, duty: 0.2 }, { speedKph: 16, duty: 0.85 }] };

function validHistory(slot: number): { [key: string]: unknown } {
  return { format: 1, session: slot + 20, direction: 'backward', durationS: 300, forwardDistanceM: 0, backwardDistanceM: 66.7, averageSpeedKph: 0.8, maxSpeedKph: 0.82, slowDownCount: 0, stopReason: 'user', peakInclinePct: 0 };
}

/** Values that no number field and no enumerated string field accepts. */
const BAD_VALUE = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', true, false, [], {}, [1, 2], { value: 1 }, 1e308, -1e308, -1, 1e15),
);

const RECORD_NAMES = ['rt.settings.a', 'rt.settings.b', 'rt.calib.a', 'rt.calib.b', 'rt.h0', 'rt.h7', 'rt.h19', 'rt.p.custom', 'rt.session'];

function baseFor(name: string): { [key: string]: unknown } {
  if (name.indexOf('rt.settings') === 0) return JSON.parse(JSON.stringify(VALID_SETTINGS));
  if (name.indexOf('rt.calib') === 0) return JSON.parse(JSON.stringify(VALID_CALIBRATION));
  if (name.indexOf('rt.h') === 0) return validHistory(parseInt(name.substring(4), 10));
  return { format: 1, name: 'custom', text: '{"segments":[]}' };
}

/** Damage of every kind for one record name. */
function damage(name: string): fc.Arbitrary<Damaged> {
  const base = baseFor(name);
  const baseText = JSON.stringify(base);
  const fields = Object.keys(base).filter((key) => !(name.indexOf('rt.p.') === 0 && key === 'name'));
  const randomText = fc.string({ maxLength: 40 }).map((text) => ({ name, text, mustName: isJsonObjectOfFormat1(text) ? '' : name }));
  const truncated = fc.integer({ min: 0, max: baseText.length - 1 }).map((length) => ({ name, text: baseText.substring(0, length), mustName: name }));
  const wrongField = fc.tuple(fc.constantFrom(...fields), BAD_VALUE).map(([field, value]) => {
    const object = JSON.parse(baseText);
    object[field] = value;
    // Settings caps and weight accept null ("not set"), calibration too: BAD_VALUE holds no null.
    // A program's text is any JSON text: a string that parses is a valid (if useless) program.
    const validProgramText = field === 'text' && typeof value === 'string' && parses(value);
    return { name, text: JSON.stringify(object), mustName: validProgramText ? '' : field };
  });
  const missingField = fc.constantFrom(...fields).map((field) => {
    const object = JSON.parse(baseText);
    delete object[field];
    const optional = name.indexOf('rt.settings') === 0 && field !== 'format' && field !== 'sequence' && field !== 'units';
    const optionalCalibration = name.indexOf('rt.calib') === 0 && (field === 'metersPerPulse' || field === 'dutyMap');
    return { name, text: JSON.stringify(object), mustName: optional || optionalCalibration ? '' : field };
  });
  const extraField = fc.tuple(fc.constantFrom('colour', 'x', 'sequel', 'speedKph'), fc.jsonValue()).map(([field, value]) => {
    const object = JSON.parse(baseText);
    object[field] = value;
    return { name, text: JSON.stringify(object), mustName: field };
  });
  const arbitraryJson = fc.jsonValue().map((value) => {
    const text = JSON.stringify(value) ?? 'null';
    return { name, text, mustName: isJsonObjectOfFormat1(text) ? '' : name };
  });
  return fc.oneof(randomText, truncated, wrongField, missingField, extraField, arbitraryJson);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (_error) {
    return false;
  }
}

function isJsonObjectOfFormat1(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && value.format === 1;
  } catch (_error) {
    return false;
  }
}

/** Some records, each damaged at most once (settings and calibration slot b only when slot a is untouched). */
const DAMAGED_SET = fc.subarray(RECORD_NAMES, { minLength: 1 }).chain((names) => fc.tuple(...names.map(damage)));

describe('persistence: storage fuzzing', () => {
  it('any mix of damaged records boots into safe idle, and each rejected part is named in the log', () => {
    fc.assert(
      fc.property(DAMAGED_SET, (records) => {
        const storage = new SimStorage();
        records.forEach((record) => storage.corrupt(record.name, record.text));
        const rig = bootWith(storage);
        assertSafeIdle(rig, 1500);
        const warned = warnings(rig);
        records.forEach((record) => {
          if (record.name === 'rt.session' || record.mustName === '') return;
          // Settings/calibration: the other slot may be the newest, so only slot-level damage is certain to be read.
          const otherSlotNewer = /\.b$/.test(record.name) && records.some((other) => other.name === record.name.replace(/\.b$/, '.a'));
          const slotLevel = record.mustName === record.name;
          if (otherSlotNewer && !slotLevel) return;
          if (!slotLevel && /\.a$/.test(record.name) && records.some((other) => other.name === record.name.replace(/\.a$/, '.b'))) return;
          assert.ok(
            warned.some((line) => line.indexOf(record.name) >= 0 && line.indexOf(record.mustName) >= 0),
            record.name + ' = ' + JSON.stringify(record.text) + ': no warning naming "' + record.mustName + '"\n' + warned.join('\n'),
          );
        });
        const program = records.find((record) => record.name === 'rt.p.custom');
        if (program) {
          const text = loadProgram(storage, rig.sim.hal.log, 'custom');
          assert.ok(text === null || typeof text === 'string');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('one bad field keeps the rest of the record: a wrong weight leaves the stored caps in force', () => {
    const storage = new SimStorage();
    const settings = Object.assign({}, VALID_SETTINGS, { userWeightKg: 'heavy' });
    storage.corrupt('rt.settings.a', JSON.stringify(settings));
    const rig = bootWith(storage);
    assertSafeIdle(rig, 500);
    assert.ok(warnings(rig).some((line) => line.indexOf('rt.settings.a: userWeightKg rejected') >= 0));
    // The caps came through: a speed above the stored forward cap (12) is refused once running.
    rig.sim.setWalker('forward', 70);
    rig.firmware.command({ name: 'start', source: 'local' });
    rig.scheduler.advance(3100);
    assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 13 }).accepted, false);
    assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 11.5 }).accepted, true);
  });

  it('a history with some bad entries keeps the good ones, and the next session takes the next number', () => {
    const storage = new SimStorage();
    for (let session = 1; session <= 20; session++) storage.corrupt('rt.h' + (session % 20), JSON.stringify(Object.assign(validHistory(0), { session })));
    // Sessions 1..20 live in slots 1..19 and 0; break three of them.
    storage.truncate('rt.h5', 17);
    storage.corrupt('rt.h6', '{"format":1,"session":6,"direction":"sideways"}');
    storage.corrupt('rt.h7', '');
    const rig = bootWith(storage);
    assertSafeIdle(rig, 200);
    assert.ok(rig.sim.log.contains('rt.h6: record rejected (durationS'), 'the first bad field is named');
    assert.ok(rig.sim.log.contains('rt.h5: record rejected (not JSON'));
    assert.ok(rig.sim.log.contains('rt.h7: record rejected (not JSON'));
    const entries = loadHistory(storage, rig.sim.hal.log);
    assert.deepEqual(entries.map((entry) => entry.session), [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    runSession(rig, 'backward', 1, 20000, 'stop');
    const after = loadHistory(storage, rig.sim.hal.log);
    assert.equal(after[after.length - 1].session, 21);
    assert.equal(storage.read('rt.h1') !== undefined && JSON.parse(storage.read('rt.h1') as string).session, 21, 'session 21 replaced the oldest (1) in rt.h1');
  });
});
