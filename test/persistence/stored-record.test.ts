// Field-by-field checks of stored records, exact: what each bad input is told, and what the log says about it.

import assert from 'node:assert/strict';
import { readAlternating, slotNames, writeAlternating } from '../../firmware/persistence/alternating-record';
import { numberProblem, parseRecord, readNumberField, warnUnknownFields } from '../../firmware/persistence/stored-record';
import { SimLog } from '../../sim/ports/sim-log';
import { SimStorage } from '../../sim/ports/sim-storage';

/** The log's warnings (a log without a clock writes no time stamps). */
function warnings(log: SimLog): string[] {
  return log.lines.filter((line) => line.startsWith('warn '));
}

describe('stored records: field checks', () => {
  describe('numberProblem', () => {
    const rows: [unknown, number, number, boolean, string | null][] = [
      [5, 0, 10, false, null],
      [0, 0, 10, false, null],
      [10, 0, 10, false, null],
      [2.5, 0, 10, false, null],
      [3, 0, 10, true, null],
      [-0.001, 0, 10, false, 'must be within 0..10, got -0.001'],
      [10.001, 0, 10, false, 'must be within 0..10, got 10.001'],
      [2.5, 0, 10, true, 'must be a whole number, got 2.5'],
      [NaN, 0, 10, false, 'must be a finite number'],
      [Infinity, 0, 10, false, 'must be a finite number'],
      ['5', 0, 10, false, 'must be a number, got string'],
      [null, 0, 10, false, 'must be a number, got null'],
      [[5], 0, 10, false, 'must be a number, got array'],
      [{}, 0, 10, false, 'must be a number, got object'],
      [undefined, 0, 10, false, 'must be a number, got undefined'],
    ];
    rows.forEach((row) => {
      it(String(JSON.stringify(row[0])) + ' in ' + row[1] + '..' + row[2] + (row[3] ? ', whole' : '') + ': ' + (row[4] === null ? 'accepted' : row[4]), () => {
        assert.equal(numberProblem(row[0], row[1], row[2], row[3]), row[4]);
      });
    });
  });

  describe('parseRecord', () => {
    it('a missing record is normal: null, nothing logged', () => {
      const log = new SimLog();
      assert.equal(parseRecord(undefined, 'rt.x', log), null);
      assert.deepEqual(log.lines, []);
    });

    it('returns the object of a current-format record', () => {
      const log = new SimLog();
      assert.deepEqual(parseRecord('{"format":1,"a":2}', 'rt.x', log), { format: 1, a: 2 });
      assert.deepEqual(log.lines, []);
    });

    const rows: [string, string][] = [
      ['{"format":1,"a"', 'warn storage: rt.x: record rejected (not JSON: truncated or corrupt, 15 characters)'],
      ['[1,2]', 'warn storage: rt.x: record rejected (not a JSON object but array)'],
      ['null', 'warn storage: rt.x: record rejected (not a JSON object but null)'],
      ['7', 'warn storage: rt.x: record rejected (not a JSON object but number)'],
      ['{"a":1}', 'warn storage: rt.x: record rejected (format undefined, expected 1)'],
      ['{"format":"1"}', 'warn storage: rt.x: record rejected (format "1", expected 1)'],
      ['{"format":2}', 'warn storage: rt.x: record rejected (format 2, expected 1)'],
    ];
    rows.forEach((row) => {
      it('rejects ' + row[0] + ' with the reason logged', () => {
        const log = new SimLog();
        assert.equal(parseRecord(row[0], 'rt.x', log), null);
        assert.deepEqual(warnings(log), [row[1]]);
      });
    });
  });

  describe('readNumberField and warnUnknownFields', () => {
    it('reads a good field, skips a missing optional one silently, and names a missing required or bad one', () => {
      const log = new SimLog();
      const object = { format: 1, weight: 70, height: 'tall', extra: true };
      assert.equal(readNumberField(object, 'weight', 20, 250, true, 'rt.s', log), 70);
      assert.equal(readNumberField(object, 'age', 1, 120, false, 'rt.s', log), null);
      assert.deepEqual(warnings(log), []);
      assert.equal(readNumberField(object, 'age', 1, 120, true, 'rt.s', log), null);
      assert.equal(readNumberField(object, 'height', 0.5, 2.5, false, 'rt.s', log), null);
      assert.equal(readNumberField(object, 'weight', 80, 250, false, 'rt.s', log), null);
      warnUnknownFields(object, ['format', 'weight', 'height'], 'rt.s', log);
      assert.deepEqual(warnings(log), [
        'warn storage: rt.s: age rejected (missing); default used',
        'warn storage: rt.s: height rejected (must be a number, got string); default used',
        'warn storage: rt.s: weight rejected (must be within 80..250, got 70); default used',
        'warn storage: rt.s: unknown field "extra" ignored',
      ]);
    });
  });

  describe('alternating slots', () => {
    it('names the two slots after the record', () => {
      assert.deepEqual(slotNames('rt.calib'), ['rt.calib.a', 'rt.calib.b']);
    });

    it('writes each slot in turn with a rising sequence, and reads the newest', () => {
      const storage = new SimStorage();
      const log = new SimLog();
      assert.equal(writeAlternating(storage, log, 'rt.r', { format: 1, value: 'one' }), true);
      assert.equal(writeAlternating(storage, log, 'rt.r', { format: 1, value: 'two' }), true);
      assert.equal(writeAlternating(storage, log, 'rt.r', { format: 1, value: 'three' }), true);
      assert.deepEqual(JSON.parse(storage.read('rt.r.a') as string), { format: 1, value: 'three', sequence: 2 });
      assert.deepEqual(JSON.parse(storage.read('rt.r.b') as string), { format: 1, value: 'two', sequence: 1 });
      assert.deepEqual(readAlternating(storage, log, 'rt.r'), { object: { format: 1, value: 'three', sequence: 2 }, slotName: 'rt.r.a', sequence: 2 });
      assert.deepEqual(log.lines, []);
    });

    it('an empty store reads as nothing, sequence -1', () => {
      assert.deepEqual(readAlternating(new SimStorage(), new SimLog(), 'rt.r'), { object: null, slotName: '', sequence: -1 });
    });

    const badSequences: [unknown, string][] = [
      [-1, 'sequence must be within 0..1000000000, got -1'],
      [1.5, 'sequence must be a whole number, got 1.5'],
      [1e9 + 1, 'sequence must be within 0..1000000000, got 1000000001'],
      ['7', 'sequence must be a number, got string'],
    ];
    badSequences.forEach((row) => {
      it('a slot whose sequence is ' + JSON.stringify(row[0]) + ' is rejected, and the other slot wins', () => {
        const storage = new SimStorage();
        const log = new SimLog();
        storage.write('rt.r.a', JSON.stringify({ format: 1, sequence: row[0], value: 'bad' }));
        storage.write('rt.r.b', JSON.stringify({ format: 1, sequence: 0, value: 'good' }));
        assert.equal(readAlternating(storage, log, 'rt.r').slotName, 'rt.r.b');
        assert.deepEqual(warnings(log), ['warn storage: rt.r.a: record rejected (' + row[1] + ')']);
      });
    });

    it('the sequence limits themselves are accepted: 0 and a billion', () => {
      const storage = new SimStorage();
      storage.write('rt.r.a', JSON.stringify({ format: 1, sequence: 1e9 }));
      storage.write('rt.r.b', JSON.stringify({ format: 1, sequence: 0 }));
      assert.equal(readAlternating(storage, new SimLog(), 'rt.r').sequence, 1e9);
    });

    it('equal sequences: the first slot read wins', () => {
      const storage = new SimStorage();
      storage.write('rt.r.a', JSON.stringify({ format: 1, sequence: 4, value: 'a' }));
      storage.write('rt.r.b', JSON.stringify({ format: 1, sequence: 4, value: 'b' }));
      assert.equal(readAlternating(storage, new SimLog(), 'rt.r').slotName, 'rt.r.a');
    });

    it('reports a write the storage refuses', () => {
      const storage = new SimStorage();
      storage.write = () => false;
      assert.equal(writeAlternating(storage, new SimLog(), 'rt.r', { format: 1 }), false);
    });
  });
});
