// The calibration record, exact: the duty map's checks and their messages, saveCalibration's answers, the loader's choices and lines.

import assert from 'node:assert/strict';
import { calibrationOverrides, dutyMapProblem, loadCalibration, saveCalibration } from '../../firmware/persistence/calibration-record';
import { SimLog } from '../../sim/ports/sim-log';
import { SimStorage } from '../../sim/ports/sim-storage';

const GOOD_MAP = [
  { speedKph: 0, duty: 0 },
  { speedKph: 2, duty: 0.2 },
  { speedKph: 16, duty: 0.8 },
];

function points(count: number): { speedKph: number; duty: number }[] {
  const map: { speedKph: number; duty: number }[] = [];
  for (let index = 0; index < count; index++) map.push({ speedKph: index, duty: index / 100 });
  return map;
}

describe('calibration record', () => {
  describe('dutyMapProblem', () => {
    const rows: [string, unknown, string | null][] = [
      ['a good map', GOOD_MAP, null],
      ['2 points, the fewest', points(2), null],
      ['32 points, the most', points(32), null],
      ['equal duties (a dead band)', [{ speedKph: 0, duty: 0.1 }, { speedKph: 1, duty: 0.1 }], null],
      ['speed at 40 km/h, twice the hard cap', [{ speedKph: 0, duty: 0 }, { speedKph: 40, duty: 0.9 }], null],
      ['not an array', { speedKph: 0, duty: 0 }, 'must be an array of {speedKph, duty}'],
      ['1 point', points(1), 'must have 2..32 points, got 1'],
      ['33 points', points(33), 'must have 2..32 points, got 33'],
      ['a point that is not an object', [{ speedKph: 0, duty: 0 }, 5], 'point 1 must be {speedKph, duty}'],
      ['a null point', [null, { speedKph: 1, duty: 0.1 }], 'point 0 must be {speedKph, duty}'],
      ['a point that is an array', [[0, 0], { speedKph: 1, duty: 0.1 }], 'point 0 must be {speedKph, duty}'],
      ['a negative speed', [{ speedKph: -1, duty: 0 }, { speedKph: 1, duty: 0.1 }], 'point 0 speedKph must be within 0..40, got -1'],
      ['a speed above twice the hard cap', [{ speedKph: 0, duty: 0 }, { speedKph: 40.5, duty: 0.9 }], 'point 1 speedKph must be within 0..40, got 40.5'],
      ['a negative duty', [{ speedKph: 0, duty: -0.1 }, { speedKph: 1, duty: 0.1 }], 'point 0 duty must be within 0..0.95, got -0.1'],
      ['a speed that does not rise', [{ speedKph: 1, duty: 0 }, { speedKph: 1, duty: 0.1 }], 'point 1 must rise in speed and not fall in duty'],
      ['a duty that falls', [{ speedKph: 0, duty: 0.2 }, { speedKph: 1, duty: 0.1 }], 'point 1 must rise in speed and not fall in duty'],
      ['only the first problem is named', [{ speedKph: 0, duty: 0 }, { speedKph: -1, duty: 0 }, { speedKph: 1, duty: 2 }], 'point 1 speedKph must be within 0..40, got -1'],
    ];
    rows.forEach((row) => {
      it(row[0] + ': ' + (row[2] === null ? 'accepted' : row[2]), () => {
        assert.equal(dutyMapProblem(row[1]), row[2]);
      });
    });
  });

  it('saveCalibration answers, logs, and stores nothing it refuses', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    const good = { metersPerPulse: 0.3, dutyMap: GOOD_MAP };
    assert.deepEqual(saveCalibration(storage, log, good), { accepted: true, message: 'calibration saved; applies from the next start-up' });
    assert.deepEqual(log.lines, ['info calibration saved']);
    assert.deepEqual(saveCalibration(storage, log, null as never), { accepted: false, message: 'calibration refused: must be an object' });
    assert.deepEqual(saveCalibration(storage, log, { metersPerPulse: 0.0004, dutyMap: null }), { accepted: false, message: 'calibration refused: metersPerPulse must be within 0.0005..2, got 0.0004' });
    assert.deepEqual(saveCalibration(storage, log, { metersPerPulse: 2.1, dutyMap: null }), { accepted: false, message: 'calibration refused: metersPerPulse must be within 0.0005..2, got 2.1' });
    assert.deepEqual(saveCalibration(storage, log, { metersPerPulse: null, dutyMap: points(1) }), { accepted: false, message: 'calibration refused: dutyMap must have 2..32 points, got 1' });
    assert.deepEqual(loadCalibration(storage, log), good);
    const failing = new SimStorage();
    failing.write = () => false;
    assert.deepEqual(saveCalibration(failing, log, good), { accepted: false, message: 'calibration not saved: storage write failed' });
  });

  it('the belt distance limits themselves are accepted, and either part may be left uncalibrated', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    [0.0005, 2].forEach((metersPerPulse) => {
      assert.equal(saveCalibration(storage, log, { metersPerPulse, dutyMap: null }).accepted, true);
      assert.deepEqual(loadCalibration(storage, log), { metersPerPulse, dutyMap: null });
    });
    assert.equal(saveCalibration(storage, log, { metersPerPulse: null, dutyMap: GOOD_MAP }).accepted, true);
    assert.deepEqual(loadCalibration(storage, log), { metersPerPulse: null, dutyMap: GOOD_MAP });
  });

  it('the loader drops a bad part with a line naming it and keeps the rest; nothing stored reads as uncalibrated', () => {
    assert.deepEqual(loadCalibration(new SimStorage(), new SimLog()), { metersPerPulse: null, dutyMap: null });
    const storage = new SimStorage();
    const log = new SimLog();
    storage.write('rt.calib.a', JSON.stringify({ format: 1, sequence: 0, metersPerPulse: 3, dutyMap: GOOD_MAP, note: 'x' }));
    assert.deepEqual(loadCalibration(storage, log), { metersPerPulse: null, dutyMap: GOOD_MAP });
    storage.write('rt.calib.a', JSON.stringify({ format: 1, sequence: 0, metersPerPulse: 0.3, dutyMap: 'flat' }));
    assert.deepEqual(loadCalibration(storage, log), { metersPerPulse: 0.3, dutyMap: null });
    assert.deepEqual(log.lines, [
      'warn storage: rt.calib.a: unknown field "note" ignored',
      'warn storage: rt.calib.a: metersPerPulse rejected (must be within 0.0005..2, got 3); default used',
      'warn storage: rt.calib.a: dutyMap rejected (must be an array of {speedKph, duty}); default used',
    ]);
  });

  it('an uncalibrated part, stored as null or left out of the record, loads as uncalibrated without a line', () => {
    const cases: [object, object][] = [
      [{ format: 1, sequence: 0, metersPerPulse: null, dutyMap: GOOD_MAP }, { metersPerPulse: null, dutyMap: GOOD_MAP }],
      [{ format: 1, sequence: 0, metersPerPulse: 0.3, dutyMap: null }, { metersPerPulse: 0.3, dutyMap: null }],
      [{ format: 1, sequence: 0, dutyMap: GOOD_MAP }, { metersPerPulse: null, dutyMap: GOOD_MAP }],
      [{ format: 1, sequence: 0, metersPerPulse: 0.3 }, { metersPerPulse: 0.3, dutyMap: null }],
    ];
    cases.forEach((entry) => {
      const storage = new SimStorage();
      const log = new SimLog();
      storage.write('rt.calib.a', JSON.stringify(entry[0]));
      assert.deepEqual(loadCalibration(storage, log), entry[1], JSON.stringify(entry[0]));
      assert.deepEqual(log.lines, [], JSON.stringify(entry[0]));
    });
  });

  it('saveCalibration refuses a value that is not an object as such, whatever its type', () => {
    const storage = new SimStorage();
    const log = new SimLog();
    [5, 'calibrated', true].forEach((value) => {
      assert.deepEqual(saveCalibration(storage, log, value as never), { accepted: false, message: 'calibration refused: must be an object' }, String(value));
    });
    assert.equal(storage.list('rt.calib').length, 0);
  });

  it('the loaded map is a copy of the points\' two fields', () => {
    const storage = new SimStorage();
    storage.write('rt.calib.a', JSON.stringify({ format: 1, sequence: 0, metersPerPulse: null, dutyMap: [{ speedKph: 0, duty: 0, extra: 1 }, { speedKph: 3, duty: 0.3 }] }));
    assert.deepEqual(loadCalibration(storage, new SimLog()).dutyMap, [{ speedKph: 0, duty: 0 }, { speedKph: 3, duty: 0.3 }]);
  });

  it('overrides only what is calibrated', () => {
    assert.deepEqual(calibrationOverrides({ metersPerPulse: null, dutyMap: null }), {});
    assert.deepEqual(calibrationOverrides({ metersPerPulse: 0.3, dutyMap: null }), { metersPerPulse: 0.3 });
    assert.deepEqual(calibrationOverrides({ metersPerPulse: null, dutyMap: GOOD_MAP }), { dutyMap: GOOD_MAP });
  });
});
