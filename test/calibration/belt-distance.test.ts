// Belt distance per pulse: the roller and belt-length formulas, their validation, and the belt-length method on the simulator.

import assert from 'node:assert/strict';
import { metersPerPulseFromBeltLength, metersPerPulseFromRoller } from '../../firmware/core/belt-distance';
import { makeRig, startBelt } from '../closed-loop/harness';

describe('belt distance per pulse', function () {
  it('from the roller: pi x diameter / pulses per revolution', function () {
    const rows = [
      { diameterM: 0.05, pulses: 1 },
      { diameterM: 0.097, pulses: 1 },
      { diameterM: 0.06, pulses: 36 },
    ];
    rows.forEach(function (row) {
      const result = metersPerPulseFromRoller(row.diameterM, row.pulses);
      assert.equal(result.problem, null);
      assert.ok(Math.abs(result.metersPerPulse - (Math.PI * row.diameterM) / row.pulses) < 1e-12);
    });
  });

  it('from a measured belt: revolutions x belt length / pulses', function () {
    const result = metersPerPulseFromBeltLength(2.8, 10, 92);
    assert.equal(result.problem, null);
    assert.ok(Math.abs(result.metersPerPulse - 28 / 92) < 1e-12);
  });

  it('refuses bad inputs, naming the input and why', function () {
    const rows: { result: { metersPerPulse: number; problem: string | null }; words: string }[] = [
      { result: metersPerPulseFromRoller(0, 1), words: 'roller diameter must be above 0' },
      { result: metersPerPulseFromRoller(-0.05, 1), words: 'roller diameter must be above 0' },
      { result: metersPerPulseFromRoller(50, 1), words: 'in metres' },
      { result: metersPerPulseFromRoller(NaN, 1), words: 'roller diameter must be a number' },
      { result: metersPerPulseFromRoller(0.05, 0), words: 'pulses per revolution must be above 0' },
      { result: metersPerPulseFromRoller(0.05, 1.5), words: 'whole number' },
      { result: metersPerPulseFromRoller(0.0001, 1000), words: 'outside' },
      { result: metersPerPulseFromBeltLength(0, 10, 92), words: 'belt length must be above 0' },
      { result: metersPerPulseFromBeltLength(280, 10, 92), words: 'in metres' },
      { result: metersPerPulseFromBeltLength(2.8, 0, 92), words: 'revolutions must be above 0' },
      { result: metersPerPulseFromBeltLength(2.8, 2.5, 92), words: 'revolutions must be a whole number' },
      { result: metersPerPulseFromBeltLength(2.8, 10, 0), words: 'check the belt sensor' },
      { result: metersPerPulseFromBeltLength(2.8, 1, 1), words: 'outside' },
    ];
    rows.forEach(function (row) {
      assert.equal(row.result.metersPerPulse, 0);
      assert.ok(row.result.problem !== null && row.result.problem.indexOf(row.words) >= 0, String(row.result.problem) + ' should say ' + row.words);
    });
  });

  [3.28, 10, 41.7].forEach(function (pulsesPerMeter) {
    it('the belt-length method recovers the simulator\'s ' + pulsesPerMeter + ' pulses per metre within 2 %', function () {
      const rig = makeRig({ pulsesPerMeter: pulsesPerMeter, walkerMode: 'off' }, { metersPerPulse: 1 / pulsesPerMeter });
      startBelt(rig);
      rig.scheduler.advance(8000);
      // The user marks the belt and counts 20 turns of a 2.8 m belt: the simulator's true travel.
      const beltLengthM = 2.8;
      const revolutions = 20;
      const reading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
      rig.sim.hal.beltEncoder.read(reading);
      const startCount = reading.count;
      const startM = rig.sim.beltDistanceM();
      while (rig.sim.beltDistanceM() - startM < revolutions * beltLengthM) rig.scheduler.advance(1);
      rig.sim.hal.beltEncoder.read(reading);
      const result = metersPerPulseFromBeltLength(beltLengthM, revolutions, reading.count - startCount);
      assert.equal(result.problem, null);
      const trueMetersPerPulse = 1 / pulsesPerMeter;
      assert.ok(Math.abs(result.metersPerPulse - trueMetersPerPulse) / trueMetersPerPulse < 0.02, result.metersPerPulse + ' vs ' + trueMetersPerPulse);
    });
  });
});
