// The fault monitor at the exact edges of its rules, with the test's own limits: a window that ends exactly now trips, a reading exactly at a margin does not.

import assert from 'node:assert/strict';
import type { FaultLimits } from '../../firmware/config';
import { detectFault, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs, type FaultMonitorState } from '../../firmware/core/fault-monitor';
import type { FaultCode } from '../../firmware/fault-code';
import { exactLimits } from './exact-limits';

/** The test's own limits, chosen so that every sum below is exact in binary floating point. */
const LIMITS: FaultLimits = exactLimits({});
const TICK_MS = 250;

interface Monitor {
  state: FaultMonitorState;
  inputs: FaultMonitorInputs;
}

/** A fresh monitor, driven at `duty` with setpoint and measured speed `speedKph`, 1 m a pulse, cap 10 km/h. */
function monitor(duty: number, speedKph: number): Monitor {
  const inputs = makeFaultMonitorInputs();
  inputs.metersPerPulse = 1;
  inputs.maxDuty = 0.8;
  inputs.speedCapKph = 10;
  inputs.dtMs = TICK_MS;
  inputs.motorDriven = true;
  inputs.duty = duty;
  inputs.setpointKph = speedKph;
  inputs.measuredSpeedKph = speedKph;
  return { state: makeFaultMonitorState(), inputs };
}

/** One tick at `nowMs`. */
function tick(run: Monitor, nowMs: number): FaultCode | null {
  run.inputs.nowMs = nowMs;
  return detectFault(run.state, run.inputs, LIMITS);
}

/** Ticks every TICK_MS from `fromMs` until a fault; the time of the fault, or -1 by `untilMs`. */
function tripTimeMs(run: Monitor, fromMs: number, untilMs: number, expected: FaultCode): number {
  for (let nowMs = fromMs; nowMs <= untilMs; nowMs += TICK_MS) {
    const fault = tick(run, nowMs);
    if (fault !== null) {
      assert.equal(fault, expected);
      return nowMs;
    }
  }
  return -1;
}

/** Ticks from 0 ms with a pulse at each (so never encoder loss) until a fault: its time, or -1 by 5 s. */
function tripTimeWithPulsesMs(run: Monitor): number {
  for (let nowMs = 0; nowMs <= 5000; nowMs += TICK_MS) {
    run.inputs.pulseCount++;
    if (tick(run, nowMs) !== null) return nowMs;
  }
  return -1;
}

describe('fault monitor at the edges of its rules (the test\'s own limits)', () => {
  describe('encoder loss', () => {
    // 3.6 km/h is 1 m/s: 0.25 m (a quarter pulse) a tick. With no pulse, the start allowance makes
    // 3 pulses (3 m, 12 ticks, 3 s) the window, longer than the 1 s minimum.
    [0, 5000].forEach((startMs) => {
      it('driving that begins at ' + startMs + ' ms, at exactly the driving duty, trips when the promised travel reaches exactly 3 pulses', () => {
        const run = monitor(LIMITS.drivingDuty, 3.6);
        assert.equal(tripTimeMs(run, startMs, startMs + 10000, 'encoderLoss'), startMs + 11 * TICK_MS);
      });
    });

    it('after two pulses the window is 2 pulses of travel, but never under the 1 s minimum: exactly 1 s after the last pulse at 9 km/h', () => {
      // 9 km/h is 2.5 m/s: 2 m of travel after 0.8 s, so the 1 s minimum decides.
      const run = monitor(0.5, 9);
      tick(run, 0);
      run.inputs.pulseCount = 1;
      tick(run, 250);
      run.inputs.pulseCount = 2;
      tick(run, 500);
      assert.equal(tripTimeMs(run, 750, 5000, 'encoderLoss'), 1500);
    });

    it('fast from the first tick (36 km/h): the 1 s minimum runs from when driving began, at 5000 ms, not from boot', () => {
      const run = monitor(0.5, 36);
      run.inputs.speedCapKph = 50;
      assert.equal(tripTimeMs(run, 5000, 9000, 'encoderLoss'), 6000);
    });

    it('with no pulse before the first tick counted: pulses already counted at the first tick are not progress', () => {
      const run = monitor(0.5, 3.6);
      run.inputs.pulseCount = 7;
      assert.equal(tripTimeMs(run, 2000, 12000, 'encoderLoss'), 2000 + 11 * TICK_MS);
    });
  });

  describe('overspeed', () => {
    it('exactly at the cap + margin is not at once; just above is', () => {
      // Cap 10 km/h: margin 1 + 0.25 x 10 = 3.5 km/h.
      const atCap = monitor(0.5, 13.5);
      atCap.inputs.setpointKph = 13.5;
      assert.equal(tick(atCap, 1000), null);
      const above = monitor(0.5, 13.5);
      above.inputs.setpointKph = 13.5;
      above.inputs.measuredSpeedKph = 13.5001;
      assert.equal(tick(above, 1000), 'overspeed');
    });

    it('exactly at the reference + margin is never overspeed; barely above it trips at the first tick past its graded window, also when it begins at 0 ms', () => {
      // Setpoint 4 km/h: margin 1 + 0.25 x 4 = 2 km/h.
      const at = monitor(0.5, 4);
      at.inputs.measuredSpeedKph = 6;
      // Four windows long, before encoder loss (no pulse here) would end it.
      assert.equal(tripTimeMs(at, 0, 2000, 'overspeed'), -1);
      const above = monitor(0.5, 4);
      above.inputs.measuredSpeedKph = 6.5;
      // Excess 0.5 of 4: a window of 500 x (1 - 0.5 / 4) = 437.5 ms, so the tick at 500 ms.
      assert.equal(tripTimeMs(above, 0, 5000, 'overspeed'), 500);
    });

    it('the graded window: exactly the immediate excess over the reference + margin trips at once, just under it waits a tick', () => {
      // Setpoint 4 km/h: reference + margin 6 km/h; the immediate excess 4 km/h puts the line at 10.
      const atLine = monitor(0.5, 4);
      atLine.inputs.measuredSpeedKph = 10;
      assert.equal(tripTimeMs(atLine, 0, 2000, 'overspeed'), 0);
      const under = monitor(0.5, 4);
      under.inputs.measuredSpeedKph = 9.5;
      // Excess 3.5 of 4: a window of 500 x (1 - 3.5 / 4) = 62.5 ms, so the next tick.
      assert.equal(tripTimeMs(under, 0, 2000, 'overspeed'), TICK_MS);
    });

    it('the reference follows the belt down only at a pulse, by the decay over the time since the last one', () => {
      // The setpoint drops from 8 to 2 km/h; the belt reads 8 until a pulse says otherwise.
      const run = monitor(0.5, 8);
      // The monitor's first tick comes 10 s after boot: the decay counts from it, not from 0.
      tick(run, 10000);
      run.inputs.setpointKph = 2;
      // No pulse: the reference holds 8 (decays only with fresh evidence), so 8 is no overspeed.
      assert.equal(tripTimeMs(run, 10250, 14000, 'overspeed'), -1);
      // A pulse at 4.25 s: the reference decays by 0.5 km/h/s x 4.25 s to 5.875; 8 is within 5.875 + 1 + 1.47.
      run.inputs.pulseCount = 1;
      assert.equal(tick(run, 14250), null);
      // The belt speeds up: 10 km/h is 1.66 above 5.875 + 2.47; its graded window of 293 ms ends at the tick 500 ms later.
      run.inputs.measuredSpeedKph = 10;
      assert.equal(tripTimeMs(run, 14500, 18000, 'overspeed'), 14500 + 500);
    });

    /** Setpoint and belt at 2 km/h, a pulse at 10.25 s, none after it while the setpoint holds until 12 s; the setpoint 0.5 km/h from 12.25 s. */
    function heldThenFalling(metersPerPulse: number): Monitor {
      // Below the driving duty: the encoder-loss window, which fine pulses this far apart would end, stays shut.
      const run = monitor(0.2, 2);
      run.inputs.metersPerPulse = metersPerPulse;
      tick(run, 10000);
      run.inputs.pulseCount = 1;
      for (let nowMs = 10250; nowMs <= 12000; nowMs += TICK_MS) assert.equal(tick(run, nowMs), null);
      run.inputs.setpointKph = 0.5;
      for (let nowMs = 12250; nowMs <= 12750; nowMs += TICK_MS) assert.equal(tick(run, nowMs), null);
      return run;
    }

    it('the decay counts from the last tick the setpoint held the reference, not from the pulse before it', () => {
      // A 2.5 mm pulse at 4.5 km/h spans 2 ms: its middle is 1 ms before the tick at 13 s.
      const run = heldThenFalling(0.0025);
      run.inputs.pulseCount = 2;
      run.inputs.measuredSpeedKph = 4.5;
      tick(run, 13000);
      // 0.5 km/h/s over 12.000-12.999 s: 2 - 0.4995 (from the pulse at 10.25 s it would be 0.6255).
      assert.ok(Math.abs(run.state.referenceKph - 1.5005) < 1e-9, 'reference ' + run.state.referenceKph);
    });

    it('a period is judged against the reference at its span\'s middle, not at its end', () => {
      const run = heldThenFalling(1);
      // 2 km/h over 1 m: a span of 1.8 s, middle at 12.1 s: 0.1 s of decay, 2 - 0.05.
      run.inputs.pulseCount = 2;
      run.inputs.measuredSpeedKph = 2;
      assert.equal(tick(run, 13000), null);
      assert.ok(Math.abs(run.state.referenceKph - 1.95) < 1e-9, 'reference ' + run.state.referenceKph);
      // 2.4 km/h: a span of 1.5 s, middle at 13.25 s: 1.15 s more, 1.95 - 0.575 = 1.375, line
      // 1.375 + 1 + 0.34 = 2.72. Decayed to the tick instead (1.0, line 2.25), 2.4 would trip.
      run.inputs.pulseCount = 3;
      run.inputs.measuredSpeedKph = 2.4;
      assert.equal(tripTimeMs(run, 14000, 16000, 'overspeed'), -1);
      assert.ok(Math.abs(run.state.referenceKph - 1.375) < 1e-9, 'reference ' + run.state.referenceKph);
      // The same span's mean above that line still trips: 2.8 km/h (span 1.29 s) is 0.04 over its line.
      run.inputs.pulseCount = 4;
      run.inputs.measuredSpeedKph = 2.8;
      assert.equal(tripTimeMs(run, 17000, 18000, 'overspeed'), 17500);
    });
  });

  describe('stall', () => {
    it('at exactly the stall duty (0.5 x maxDuty 0.8) and below half the setpoint: trips after exactly the window, also from 0 ms', () => {
      const run = monitor(0.4, 4);
      run.inputs.measuredSpeedKph = 1.9;
      assert.equal(tripTimeWithPulsesMs(run), LIMITS.stallWindowMs);
    });

    it('at exactly the driving duty when that is the stall duty too (maxDuty 0.5): still a stall', () => {
      const run = monitor(LIMITS.drivingDuty, 4);
      run.inputs.maxDuty = 0.5;
      run.inputs.measuredSpeedKph = 1.9;
      assert.equal(tripTimeWithPulsesMs(run), LIMITS.stallWindowMs);
    });

    it('never with the motor not driven, nor below the driving duty, whatever the duty ceiling', () => {
      const free = monitor(0.7, 4);
      free.inputs.motorDriven = false;
      free.inputs.measuredSpeedKph = 0.5;
      const weak = monitor(0.2, 4);
      weak.inputs.maxDuty = 0.3;
      weak.inputs.measuredSpeedKph = 0.5;
      let count = 0;
      for (let nowMs = 0; nowMs <= 5000; nowMs += TICK_MS) {
        free.inputs.pulseCount = ++count;
        weak.inputs.pulseCount = count;
        assert.equal(tick(free, nowMs), null, 'free belt at ' + nowMs);
        assert.equal(tick(weak, nowMs), null, 'below the driving duty at ' + nowMs);
      }
    });
  });
});
