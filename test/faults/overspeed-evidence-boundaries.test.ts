// The overspeed check's pulse evidence at its boundaries, with the test's own limits: the trip point itself, the trend's baseline (a period measurement of 0, several pulses of less than 1 m, a baseline at 0 ms) and a newest interval not after its baseline.

import assert from 'node:assert/strict';
import type { FaultLimits } from '../../firmware/config';
import { exactLimits } from './exact-limits';
import { pulses, startMonitor, tickAt, type MonitorRun } from './monitor-rig';

/**
 * The test's own limits, exact in binary floating point. Setpoint 4 km/h: line 4 + 1 + 0.25 x 4 =
 * 6 km/h; evidence trips from 6 + 1.5 = 7.5 km/h (an interval of 480 ms with 1 m a pulse). The
 * graded window never trips here (the period measurement stays at or under the setpoint), nor do
 * encoder loss and stall (windows far longer than the tests).
 */
const LIMITS: FaultLimits = exactLimits({ encoderLossMinWindowMs: 100000, overspeedEvidenceExcessKph: 1.5, stallDutyFraction: 0.9, stallWindowMs: 100000 });
const SETPOINT_KPH = 4;
const LINE_KPH = SETPOINT_KPH + LIMITS.overspeedMarginKph + LIMITS.overspeedFraction * SETPOINT_KPH;

/** A driven monitor at the setpoint, `metersPerPulse` a pulse (see startMonitor). */
function monitor(metersPerPulse: number): MonitorRun {
  const started = startMonitor(LIMITS, SETPOINT_KPH, metersPerPulse);
  assert.equal(started.firstFault, null);
  return started.run;
}

describe('overspeed: pulse evidence at its boundaries', () => {
  it('an interval exactly the evidence excess over the line trips (the limit is "at least"); one a millisecond longer does not', () => {
    // No baseline yet (the first judged interval): nothing is projected. 3600 / 480 ms = 7.5 km/h.
    assert.equal(3600 / 480 - LINE_KPH, LIMITS.overspeedEvidenceExcessKph, 'exact in floating point');
    const at = monitor(1);
    pulses(at, 1, 520, 1000);
    assert.equal(tickAt(at, 1000, 1000), 'overspeed', '480 ms: 7.5 km/h');
    const under = monitor(1);
    pulses(under, 1, 519, 1000);
    assert.equal(tickAt(under, 1000, 1000), null, '481 ms');
  });

  it('several pulses with a period measurement of 0 (none yet): the trend runs from the previous newest interval, not from a period', () => {
    // 1000 ms: an interval of 900 ms (4 km/h, middle 550). 2100 ms: two pulses, the newest interval
    // 600 ms (6 km/h, middle 1300), projected 800 ms (one tick) along 2 km/h per 750 ms: 8.13 km/h.
    const run = monitor(1);
    pulses(run, 1, 100, 1000);
    assert.equal(tickAt(run, 1000, 1000), null);
    run.inputs.measuredSpeedKph = 0;
    pulses(run, 2, 1000, 1600);
    const projectedKph = 6 + (2 * 800) / 750;
    assert.ok(6 < LINE_KPH + LIMITS.overspeedEvidenceExcessKph && projectedKph > LINE_KPH + LIMITS.overspeedEvidenceExcessKph, 'only the projection is over');
    assert.equal(tickAt(run, 2100, 1100), 'overspeed');
  });

  it('several pulses of 0.5 m: the period measurement\'s span is pulses x metres a pulse', () => {
    // Pulses at 1100, 1700 and 2000 ms, 0.5 m each: the period measurement 1 m in 900 ms (4 km/h),
    // its middle at 1550. The newest interval 300 ms (6 km/h, middle 1850), projected 250 ms
    // along 2 km/h per 300 ms: 7.67 km/h. (A span of 2 / 0.5 pulse lengths would put the middle at
    // 200 ms and project only to 6.3 km/h.)
    const run = monitor(0.5);
    pulses(run, 2, 1700, 2000);
    const projectedKph = 6 + (2 * 250) / 300;
    assert.ok(projectedKph > LINE_KPH + LIMITS.overspeedEvidenceExcessKph, 'the projection is over: ' + projectedKph);
    assert.equal(tickAt(run, 2100, 250), 'overspeed');
  });

  it('a baseline whose middle is at 0 ms on the clock is a baseline: the trend is projected from it', () => {
    // Two pulses, the last at 900 ms, period measurement 4 km/h: span 1800 ms, middle at 0. The
    // newest interval 600 ms (6 km/h, middle 600), projected 500 ms along 2 km/h per 600 ms: 7.67 km/h.
    const run = monitor(1);
    pulses(run, 2, 300, 900);
    assert.equal(900 - (2 * 3600) / SETPOINT_KPH / 2, 0, 'the baseline\'s middle');
    assert.equal(tickAt(run, 1100, 1000), 'overspeed');
  });

  describe('a newest interval whose middle is not after its baseline\'s (time stamps that went back) is not projected', () => {
    // 1000 ms: an interval of 1000 ms (3.6 km/h, middle 500): the baseline for the next tick.
    function afterBaseline(): MonitorRun {
      const run = monitor(1);
      pulses(run, 1, 0, 1000);
      assert.equal(tickAt(run, 1000, 1000), null);
      return run;
    }

    it('the same middle: no trend to divide by no time (4.5 km/h stays 4.5 km/h)', () => {
      const run = afterBaseline();
      pulses(run, 1, 100, 900);
      assert.equal(tickAt(run, 1200, 200), null);
    });

    it('the same middle with an interval fast enough on its own: it trips (7.5 km/h; a trend divided by no time would hide it)', () => {
      // 260..740 ms: 480 ms, exactly the trip point, middle 500 as the baseline's.
      const run = afterBaseline();
      pulses(run, 1, 260, 740);
      assert.equal(tickAt(run, 1200, 200), 'overspeed');
    });

    it('an earlier middle with a slower interval: no trend run backward, which would raise it over the trip point (6 km/h does not trip)', () => {
      // 100..700 ms: 600 ms (6 km/h), middle 400, before the baseline's 500. Run backward from the
      // baseline (3.6 km/h) the trend would give 6 + 2.4 = 8.4 km/h, over 7.5.
      const run = afterBaseline();
      pulses(run, 1, 100, 700);
      assert.equal(tickAt(run, 1200, 200), null);
    });

    it('an earlier middle: no trend run backward, which would bring a fast interval under the line (9 km/h trips)', () => {
      const run = afterBaseline();
      pulses(run, 1, 200, 600);
      assert.equal(tickAt(run, 1200, 200), 'overspeed');
    });
  });
});
