// The overspeed check's pulse evidence, alone: the newest pulse interval, carried forward by its trend, trips at once.

import assert from 'node:assert/strict';
import type { FaultLimits } from '../../firmware/config';
import { exactLimits } from './exact-limits';
import { pulses, startMonitor, tickAt, type MonitorRun } from './monitor-rig';

/**
 * The test's own limits. Setpoint 4 km/h: line 4 + 1 + 0.25 x 4 = 6 km/h; evidence trips from
 * 6 + 1.2 = 7.2 km/h. The graded window never trips here: the period measurement stays at the
 * setpoint, so every trip below is the pulse evidence's.
 */
const LIMITS: FaultLimits = exactLimits({ encoderLossMinWindowMs: 100000, overspeedEvidenceExcessKph: 1.2, stallDutyFraction: 0.9, stallWindowMs: 100000 });
const SETPOINT_KPH = 4;
const LINE_KPH = SETPOINT_KPH + LIMITS.overspeedMarginKph + LIMITS.overspeedFraction * SETPOINT_KPH;
const TRIP_KPH = LINE_KPH + LIMITS.overspeedEvidenceExcessKph;

/** Speed of a pulse interval with 1 m a pulse, km/h. */
function intervalKph(intervalMs: number): number {
  return 3600 / intervalMs;
}

/** A driven monitor at the setpoint, 1 m a pulse (see startMonitor). */
function monitor(): MonitorRun {
  return startMonitor(LIMITS, SETPOINT_KPH, 1).run;
}

describe('overspeed: pulse evidence (the newest pulse interval)', () => {
  it('an interval over the line by the evidence excess trips at once, while the period measurement is still at the setpoint', () => {
    assert.ok(intervalKph(490) > TRIP_KPH && intervalKph(510) < TRIP_KPH, 'the intervals straddle the trip speed');
    const over = monitor();
    pulses(over, 1, 500, 990);
    assert.equal(tickAt(over, 1000, 1000), 'overspeed');
    const under = monitor();
    pulses(under, 1, 500, 1010);
    assert.equal(tickAt(under, 1020, 1020), null);
  });

  it('an interval is judged at the tick its pulse arrives, not again at a tick without a new pulse', () => {
    const run = monitor();
    // The reading holds a fast interval whose pulses were counted before the monitor's first tick.
    run.inputs.pulses.previousPulseMs = 500;
    run.inputs.pulses.lastPulseMs = 990;
    assert.equal(tickAt(run, 1000, 1000), null);
    assert.equal(tickAt(run, 1200, 200), null);
  });

  it('no previous pulse (a single pulse since the port was made): no evidence', () => {
    const run = monitor();
    pulses(run, 1, -1, 190);
    assert.equal(tickAt(run, 200, 200), null);
  });

  it('a previous pulse at 0 ms on the clock is a pulse: its interval is evidence', () => {
    const run = monitor();
    pulses(run, 1, 0, 400);
    assert.equal(tickAt(run, 400, 200), 'overspeed', '400 ms: 9 km/h');
  });

  it('two pulses with the same time stamp give no evidence (no interval, not an infinite speed)', () => {
    const run = monitor();
    pulses(run, 1, 990, 990);
    assert.equal(tickAt(run, 1000, 200), null);
  });

  describe('the trend carries the newest interval forward to now, at most one tick', () => {
    // Tick at 1000 ms: an interval of 900 ms (4 km/h) ends at 1000, its middle at 550. Tick at
    // 1800 ms: an interval of 600 ms (6 km/h, the line itself) ends at 1600, its middle at 1300.
    const baseKph = intervalKph(900);
    const latestKph = intervalKph(600);
    const riseKphPerMs = (latestKph - baseKph) / (1300 - 550);

    it('a rising trend projected 500 ms past the interval\'s middle trips', () => {
      const projectedKph = latestKph + riseKphPerMs * 500;
      assert.ok(latestKph < TRIP_KPH && projectedKph > TRIP_KPH, 'only the projection is over: ' + projectedKph);
      const run = monitor();
      pulses(run, 1, 100, 1000);
      assert.equal(tickAt(run, 1000, 1000), null);
      pulses(run, 1, 1000, 1600);
      assert.equal(tickAt(run, 1800, 800), 'overspeed');
    });

    it('but not further than one tick: at a 200 ms tick the same trend is projected only 200 ms', () => {
      assert.ok(latestKph + riseKphPerMs * 200 < TRIP_KPH);
      const run = monitor();
      pulses(run, 1, 100, 1000);
      assert.equal(tickAt(run, 1000, 1000), null);
      pulses(run, 1, 1000, 1600);
      assert.equal(tickAt(run, 1800, 200), null);
    });

    it('nor further than the trend\'s own span: a rise seen over 660 ms is carried at most 660 ms', () => {
      // 720 ms (5 km/h) ending at 1000 ms, middle 640; then 600 ms (6 km/h) ending at 1600, middle
      // 1300: 1 km/h over 660 ms. At 2200 ms, a 1200 ms tick, the middle is 900 ms back: carried
      // 900 ms the trend reaches 7.36 km/h, over the trip speed; carried its own 660 ms, 7.0.
      const riseKph = intervalKph(600) - intervalKph(720);
      assert.ok(intervalKph(600) + (riseKph * 900) / 660 > TRIP_KPH && intervalKph(600) + riseKph < TRIP_KPH);
      const run = monitor();
      pulses(run, 1, 280, 1000);
      assert.equal(tickAt(run, 1000, 1000), null);
      pulses(run, 1, 1000, 1600);
      assert.equal(tickAt(run, 2200, 1200), null);
    });

    it('a flat trend is not projected: the same newest interval after one as long', () => {
      const run = monitor();
      pulses(run, 1, 400, 1000);
      assert.equal(tickAt(run, 1000, 1000), null);
      pulses(run, 1, 1000, 1600);
      assert.equal(tickAt(run, 1800, 800), null);
    });

    it('a belt not driven in between forgets the trend\'s baseline', () => {
      const run = monitor();
      pulses(run, 1, 100, 1000);
      assert.equal(tickAt(run, 1000, 1000), null);
      run.inputs.motorDriven = false;
      assert.equal(tickAt(run, 1200, 200), null);
      run.inputs.motorDriven = true;
      pulses(run, 1, 1000, 1600);
      assert.equal(tickAt(run, 1800, 800), null);
    });
  });

  it('several pulses in a tick: the trend runs from the middle of the tick\'s period measurement to the newest interval', () => {
    // Three pulses, the last at 2000 ms, the period measurement 4 km/h: its span 3 x 900 ms, its
    // middle at 650. The newest interval of 600 ms (6 km/h) has its middle at 1700.
    const spanMiddleMs = 2000 - (3 * 3600) / SETPOINT_KPH / 2;
    const projectedKph = intervalKph(600) + ((intervalKph(600) - SETPOINT_KPH) * (2600 - 1700)) / (1700 - spanMiddleMs);
    assert.ok(projectedKph > TRIP_KPH, 'the projection is over: ' + projectedKph);
    const rising = monitor();
    pulses(rising, 3, 1400, 2000);
    assert.equal(tickAt(rising, 2600, 1000), 'overspeed');
    // A falling trend is not projected: an interval over the trip speed after a faster period
    // still trips at once (the period's own excess, 9 - 6 km/h, only starts the graded window).
    const falling = monitor();
    falling.inputs.measuredSpeedKph = 9;
    pulses(falling, 3, 1510, 2000);
    assert.ok(intervalKph(490) > TRIP_KPH);
    assert.equal(tickAt(falling, 2600, 1000), 'overspeed');
    // The same tick with the period measurement at the newest interval's speed: a flat trend.
    const flat = monitor();
    flat.inputs.measuredSpeedKph = intervalKph(600) - 0.001;
    flat.inputs.setpointKph = SETPOINT_KPH;
    pulses(flat, 3, 1400, 2000);
    assert.equal(tickAt(flat, 2600, 1000), null);
  });
});
