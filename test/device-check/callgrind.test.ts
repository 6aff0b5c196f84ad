// Reading callgrind profiles: one function's inclusive instructions, per dump, and the per-tick figures made from them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costsPerDump, dumpFiles, inclusiveCost, MEASURED_FUNCTION } from '../../scripts/device-check/callgrind';
import { callsPerRunningTick, tickFigures } from '../../scripts/device-check/run-board';
import type { SessionResult } from '../../scripts/device-check/session-output';

/**
 * A profile as callgrind writes it: name compression (a name given once, then its id alone),
 * relative positions, and call lines followed by the call's inclusive cost. Totals, by hand:
 * jswrap_espruino_mapInPlace has self cost 5 + 7 = 12, calls jspeFunctionCall (1000) and
 * jsvNew (30, twice: 20 + 10); it is called from main. A recursive call of itself (50) is in
 * its own figure already and must not count twice.
 */
const PROFILE = [
  '# callgrind format',
  'version: 1',
  'positions: line',
  'events: Ir',
  'summary: 2000',
  '',
  'ob=(1) /work/espbuild/bin/espruino_timing32',
  'fl=(1) src/jswrap_espruino.c',
  'fn=(10) jswrap_espruino_mapInPlace',
  '120 5',
  'cfl=(2) src/jsparse.c',
  'cfn=(11) jspeFunctionCall',
  'calls=1 300',
  '+2 1000',
  '* 7',
  'cfn=(12) jsvNew',
  'calls=2 40',
  '-1 20',
  'cfn=(12)',
  'calls=1 40',
  '+1 10',
  'cfn=(10)',
  'calls=1 120',
  '* 50',
  '',
  'fl=(2)',
  'fn=(11)',
  '300 900',
  'cfn=(12)',
  'calls=3 40',
  '+5 100',
  '',
  'fl=(3) targets/linux/main.c',
  'fn=(13) main',
  '10 3',
  'cfi=(1)',
  'cfn=(10)',
  'calls=1 120',
  '12 1042',
  '',
  'totals: 2000',
].join('\n');

describe('device check: callgrind profiles', () => {
  it('sums a function\'s own lines and the calls it makes, names resolved by id', () => {
    assert.equal(inclusiveCost(PROFILE, MEASURED_FUNCTION), 5 + 1000 + 7 + 20 + 10);
    assert.equal(inclusiveCost(PROFILE, 'jspeFunctionCall'), 900 + 100);
    assert.equal(inclusiveCost(PROFILE, 'main'), 3 + 1042);
  });

  it('reads 0 for a function the profile does not hold', () => {
    assert.equal(inclusiveCost(PROFILE, 'jswrap_array_reduce'), 0);
  });

  it('takes the first event when a profile records several', () => {
    const twoEvents = ['events: Ir Dr', 'fn=(1) f', '1 10 99', 'cfn=(2) g', 'calls=1 2', '2 30 99'].join('\n');
    assert.equal(inclusiveCost(twoEvents, 'f'), 40);
  });

  it('lists the dumps of one run in call order (not name order) and leaves out the final part', () => {
    const folder = mkdtempSync(join(tmpdir(), 'callgrind-test-'));
    try {
      const part = (cost: number) => ['events: Ir', 'fn=(1) ' + MEASURED_FUNCTION, '1 ' + cost].join('\n');
      [1, 2, 10, 11].forEach((number) => writeFileSync(join(folder, 'callgrind.out.' + number), part(number * 100)));
      writeFileSync(join(folder, 'callgrind.out'), part(1));
      writeFileSync(join(folder, 'callgrind.out.2.old'), part(1));
      const files = dumpFiles(folder, 'callgrind.out');
      assert.deepEqual(files.map((file) => file.slice(folder.length + 1)), ['callgrind.out.1', 'callgrind.out.2', 'callgrind.out.10', 'callgrind.out.11']);
      assert.deepEqual(costsPerDump(files, MEASURED_FUNCTION), [100, 200, 1000, 1100]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('per tick: the wrapper\'s mean and the fakes\' extra cost over the natives taken off; mean and max over the running ticks, mean over all', () => {
    // Two wrapper calls (mean 110); digitalRead calibrated at 10 calls: fake 100110, native 20110
    // (8000 more per call); 2 digitalRead and 1 analogWrite (not calibrated) per running tick.
    const costs = [100, 120, 100110, 20110, 100110, 20110, 51100, 52100, 85100, 86100, 53100];
    const labels = ['w', 'w', 'fdigitalRead', 'ndigitalRead', 'fdigitalRead', 'ndigitalRead', 'i', 'i', 'r', 'r', 'i'];
    const figures = tickFigures(costs, labels, { digitalRead: 2, analogWrite: 1 }, 10);
    assert.equal(figures.wrapperInstructions, 110);
    assert.equal(figures.pinOverheadInstructions, 16000);
    assert.equal(figures.pinCallsPerTick, 3);
    assert.equal(figures.runningTicks, 2);
    assert.equal(figures.meanInstructions, (68990 + 69990) / 2);
    assert.equal(figures.maxInstructions, 69990);
    assert.equal(figures.allTicks, 5);
    assert.equal(figures.meanAllInstructions, Math.round((34990 + 35990 + 68990 + 69990 + 36990) / 5));
    assert.equal(figures.timerCalls, 0);
    assert.equal(figures.timerInstructions, 0);
  });

  it('other intervals (label o): summed apart with only the wrapper\'s cost off, and never among the ticks', () => {
    const costs = [100, 120, 100110, 20110, 51100, 5110, 85100, 7110, 86100];
    const labels = ['w', 'w', 'fdigitalRead', 'ndigitalRead', 'i', 'o', 'r', 'o', 'r'];
    const figures = tickFigures(costs, labels, { digitalRead: 2 }, 10);
    assert.equal(figures.timerCalls, 2);
    assert.equal(figures.timerInstructions, 5000 + 7000);
    assert.equal(figures.runningTicks, 2);
    assert.equal(figures.allTicks, 3);
    assert.equal(figures.meanInstructions, (85100 - 110 - 16000 + 86100 - 110 - 16000) / 2);
  });

  it('counts calls per running tick from a counting run\'s phase marks', () => {
    const result = { phases: 'w0 fgetTime2 i3 r5 i9', measuredCalls: 10, pinCalls: { getTime: 8, digitalRead: 12 } } as unknown as SessionResult;
    assert.deepEqual(callsPerRunningTick(result), { getTime: 2, digitalRead: 3 });
  });
});
