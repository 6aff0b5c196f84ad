// Unit tests of the fault monitor's detection windows on synthetic ticks: each row trips at its window, not before.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { detectFault, encoderLossWindowMs, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs, type FaultMonitorState } from '../../firmware/core/fault-monitor';
import type { FaultCode } from '../../firmware/fault-code';

const LIMITS = DEFAULT_CONFIG.faults;
const TICK_MS = 20;
const FOOT_M = 0.3048;

/** A monitor fed by a scripted belt: each tick the script sets the inputs. */
interface Run {
  state: FaultMonitorState;
  inputs: FaultMonitorInputs;
  nowMs: number;
}

function makeRun(metersPerPulse: number): Run {
  const inputs = makeFaultMonitorInputs();
  inputs.metersPerPulse = metersPerPulse;
  inputs.maxDuty = DEFAULT_CONFIG.maxDuty;
  inputs.minSpeedKph = DEFAULT_CONFIG.minSpeedKph;
  inputs.speedCapKph = DEFAULT_CONFIG.forward.maxSpeedKph;
  inputs.dtMs = TICK_MS;
  return { state: makeFaultMonitorState(), inputs, nowMs: 0 };
}

/** Run ticks until a fault or `maxMs`; `script` sets the inputs for each tick. Returns [fault, time]. */
function runTicks(run: Run, maxMs: number, script: (inputs: FaultMonitorInputs, nowMs: number) => void): { fault: FaultCode | null; atMs: number } {
  const endMs = run.nowMs + maxMs;
  while (run.nowMs < endMs) {
    run.nowMs += TICK_MS;
    run.inputs.nowMs = run.nowMs;
    script(run.inputs, run.nowMs);
    const fault = detectFault(run.state, run.inputs, LIMITS);
    if (fault !== null) return { fault, atMs: run.nowMs };
  }
  return { fault: null, atMs: -1 };
}

/** An ideal belt at `speedKph` driven at `duty`: pulses at the exact period. */
function steadyBelt(speedKph: number, metersPerPulse: number, duty: number): (inputs: FaultMonitorInputs, nowMs: number) => void {
  const periodMs = (metersPerPulse / (speedKph / 3.6)) * 1000;
  return (inputs, nowMs) => {
    inputs.motorDriven = true;
    inputs.duty = duty;
    inputs.setpointKph = speedKph;
    inputs.measuredSpeedKph = speedKph;
    inputs.pulseCount = Math.floor(nowMs / periodMs);
  };
}

describe('fault monitor windows (pure)', () => {
  describe('encoder loss: no pulse for max(2.5 expected pulse intervals, 1.5 s) while driven', () => {
    const cases = [
      { speedKph: 0.8, metersPerPulse: FOOT_M, windowMs: 3429 },
      { speedKph: 2, metersPerPulse: FOOT_M, windowMs: 1500 },
      { speedKph: 4, metersPerPulse: FOOT_M, windowMs: 1500 },
      { speedKph: 0.8, metersPerPulse: 0.01, windowMs: 1500 },
      { speedKph: 16, metersPerPulse: 0.01, windowMs: 1500 },
    ];
    cases.forEach((c) => {
      it('at ' + c.speedKph + ' km/h with ' + c.metersPerPulse + ' m per pulse: window ' + c.windowMs + ' ms', () => {
        assert.ok(Math.abs(encoderLossWindowMs(c.metersPerPulse, c.speedKph, 0.8, LIMITS) - c.windowMs) < 1);
        const run = makeRun(c.metersPerPulse);
        const belt = steadyBelt(c.speedKph, c.metersPerPulse, 0.3);
        // Healthy pulses for 20 s: nothing trips.
        assert.equal(runTicks(run, 20000, belt).fault, null);
        let lastPulseMs = 0;
        let count = 0;
        const detected = runTicks(run, 10000, (inputs, nowMs) => {
          belt(inputs, nowMs);
          if (count === 0) count = inputs.pulseCount;
          if (inputs.pulseCount > count && lastPulseMs === 0) lastPulseMs = nowMs;
          // The sensor is cut right after the first pulse of this phase.
          if (lastPulseMs > 0) inputs.pulseCount = count + 1;
        });
        assert.equal(detected.fault, 'encoderLoss');
        const silentMs = detected.atMs - lastPulseMs;
        assert.ok(silentMs >= c.windowMs - TICK_MS && silentMs <= c.windowMs + TICK_MS, 'tripped after ' + silentMs + ' ms of silence, window ' + c.windowMs);
      });
    });

    it('from standstill: the window starts when the drive does, plus one pulse of travel until the first pulse', () => {
      const run = makeRun(FOOT_M);
      // The setpoint ramps at 1 km/h/s from 0 to 0.8; the drive counts as driving from duty 0.1.
      const detected = runTicks(run, 20000, (inputs, nowMs) => {
        inputs.motorDriven = true;
        inputs.setpointKph = Math.min(0.8, nowMs / 1000);
        inputs.duty = inputs.setpointKph >= 0.5 ? 0.12 : 0.05;
      });
      assert.equal(detected.fault, 'encoderLoss');
      // Driving from 500 ms; 3.5 pulses (1.067 m) of setpoint travel: 0.5..0.8 s ramp (0.0583 m), then 0.222 m/s.
      const expectedMs = 800 + ((3.5 * FOOT_M - 0.0583) / (0.8 / 3.6)) * 1000;
      assert.ok(Math.abs(detected.atMs - expectedMs) <= 2 * TICK_MS, 'tripped at ' + detected.atMs + ' ms, expected about ' + expectedMs.toFixed(0));
    });

    it('from standstill: a first pulse (a belt creeping over a mark) keeps the start allowance; the second ends it', () => {
      /** Drive at 0.8 km/h from 0 with pulses at the given times; returns when it tripped. */
      const tripAfterPulses = (pulseTimesMs: number[]) => {
        const run = makeRun(FOOT_M);
        return runTicks(run, 20000, (inputs, nowMs) => {
          inputs.motorDriven = true;
          inputs.setpointKph = 0.8;
          inputs.duty = 0.15;
          inputs.pulseCount = pulseTimesMs.filter((atMs) => atMs <= nowMs).length;
        });
      };
      const pulseIntervalMs = (FOOT_M / (0.8 / 3.6)) * 1000;
      // One creep pulse at 200 ms: 3.5 pulses of travel from there.
      const afterOne = tripAfterPulses([200]);
      assert.equal(afterOne.fault, 'encoderLoss');
      assert.ok(Math.abs(afterOne.atMs - (200 + 3.5 * pulseIntervalMs)) <= 2 * TICK_MS, 'one pulse: tripped at ' + afterOne.atMs);
      // A second at 1000 ms: the catalogue's 2.5 pulses from there.
      const afterTwo = tripAfterPulses([200, 1000]);
      assert.equal(afterTwo.fault, 'encoderLoss');
      assert.ok(Math.abs(afterTwo.atMs - (1000 + 2.5 * pulseIntervalMs)) <= 2 * TICK_MS, 'two pulses: tripped at ' + afterTwo.atMs);
    });

    it('never trips while the motor is not driven or below the driving duty', () => {
      const run = makeRun(FOOT_M);
      const idle = runTicks(run, 30000, (inputs) => {
        inputs.motorDriven = false;
        inputs.duty = 0;
        inputs.setpointKph = 0;
      });
      assert.equal(idle.fault, null);
      const deadBand = runTicks(run, 30000, (inputs) => {
        inputs.motorDriven = true;
        inputs.duty = LIMITS.drivingDuty - 0.01;
        inputs.setpointKph = 0.5;
      });
      assert.equal(deadBand.fault, null);
    });
  });

  describe('overspeed: above the reference + margin for a graded window (300 ms barely over, none 1 km/h over), above the cap + margin at once', () => {
    /** The window the catalogue gives an excess of `excessKph` over the reference plus margin, ms, written out here. */
    const gradedWindowMs = (excessKph: number): number => (excessKph >= 1 ? 0 : 300 * (1 - excessKph));
    /** The first tick at or after `waitMs` past the onset tick, ms after it. */
    const firstTickAfter = (waitMs: number): number => Math.ceil(waitMs / TICK_MS) * TICK_MS;

    it('the catalogue\'s figures are the configuration\'s (300 ms, 1 km/h)', () => {
      assert.equal(LIMITS.overspeedWindowMs, 300);
      assert.equal(LIMITS.overspeedImmediateExcessKph, 1);
    });

    [0.05, 0.25, 0.5, 0.75, 1, 3].forEach((excessKph) => {
      it('trips ' + gradedWindowMs(excessKph).toFixed(0) + ' ms after the belt exceeds setpoint + 0.8 km/h + 10 % by ' + excessKph + ' km/h', () => {
        const run = makeRun(0.01);
        const belt = steadyBelt(5, 0.01, 0.33);
        runTicks(run, 5000, belt);
        const thresholdKph = 5 + 0.8 + 0.1 * 5;
        let onsetMs = -1;
        const detected = runTicks(run, 5000, (inputs, nowMs) => {
          belt(inputs, nowMs);
          inputs.measuredSpeedKph = thresholdKph + excessKph;
          if (onsetMs < 0) onsetMs = nowMs;
        });
        assert.equal(detected.fault, 'overspeed');
        assert.equal(detected.atMs - onsetMs, firstTickAfter(gradedWindowMs(excessKph)));
      });
    });

    it('does not trip just under the margin, nor for excursions shorter than their graded window', () => {
      const run = makeRun(0.01);
      const belt = steadyBelt(5, 0.01, 0.33);
      const thresholdKph = 5 + LIMITS.overspeedMarginKph + LIMITS.overspeedFraction * 5;
      const under = runTicks(run, 10000, (inputs, nowMs) => {
        belt(inputs, nowMs);
        inputs.measuredSpeedKph = thresholdKph - 0.01;
      });
      assert.equal(under.fault, null);
      const brief = runTicks(run, 10000, (inputs, nowMs) => {
        belt(inputs, nowMs);
        // 0.2 km/h over (a 240 ms window) for 200 ms, then 800 ms below, repeatedly.
        inputs.measuredSpeedKph = nowMs % 1000 < 200 ? thresholdKph + 0.2 : 5;
      });
      assert.equal(brief.fault, null);
    });

    it('trips at once above the cap + margin', () => {
      const run = makeRun(0.01);
      const belt = steadyBelt(15, 0.01, 0.8);
      runTicks(run, 2000, belt);
      const capThresholdKph = 16 + LIMITS.overspeedMarginKph + LIMITS.overspeedFraction * 16;
      let onsetMs = -1;
      const detected = runTicks(run, 2000, (inputs, nowMs) => {
        belt(inputs, nowMs);
        inputs.measuredSpeedKph = capThresholdKph + 0.01;
        if (onsetMs < 0) onsetMs = nowMs;
      });
      assert.equal(detected.fault, 'overspeed');
      assert.equal(detected.atMs, onsetMs);
    });

    it('a belt coasting down behind a falling setpoint is not overspeed; one that speeds up again is', () => {
      const run = makeRun(0.01);
      runTicks(run, 5000, steadyBelt(12, 0.01, 0.65));
      // The setpoint falls at 1.5 km/h/s to 2 km/h; the belt lags 1.5 s behind it (2.25 km/h).
      const startMs = run.nowMs;
      const coasting = runTicks(run, 12000, (inputs, nowMs) => {
        const t = (nowMs - startMs) / 1000;
        inputs.motorDriven = true;
        inputs.duty = 0.2;
        inputs.pulseCount = Math.floor(nowMs / 10);
        inputs.setpointKph = Math.max(2, 12 - 1.5 * t);
        inputs.measuredSpeedKph = Math.max(2, 12 - 1.5 * Math.max(0, t - 1.5));
      });
      assert.equal(coasting.fault, null);
      // Slowed to 2 km/h, the belt then speeds up again at 1 km/h/s (a driver ignoring the duty).
      runTicks(run, 3000, steadyBelt(2, 0.01, 0.2));
      const turnMs = run.nowMs;
      let beltKph = 2;
      const runaway = runTicks(run, 20000, (inputs, nowMs) => {
        inputs.motorDriven = true;
        inputs.duty = 0.1;
        inputs.pulseCount = Math.floor(nowMs / 10);
        inputs.setpointKph = 2;
        beltKph = 2 + (nowMs - turnMs) / 1000;
        inputs.measuredSpeedKph = beltKph;
      });
      assert.equal(runaway.fault, 'overspeed');
      // Caught 300 ms after passing 2 + 0.8 + 10 % (3.0 km/h), not after the reference of the old 12 km/h decays.
      const thresholdKph = 2 + LIMITS.overspeedMarginKph + LIMITS.overspeedFraction * 2;
      const limitKph = thresholdKph + (LIMITS.overspeedWindowMs + 2 * TICK_MS) / 1000;
      assert.ok(beltKph > thresholdKph && beltKph <= limitKph, 'caught at ' + beltKph.toFixed(2) + ' km/h');
    });

    it('is not checked in free-belt mode (motor not driven): the walker sets the pace', () => {
      const run = makeRun(FOOT_M);
      const detected = runTicks(run, 5000, (inputs) => {
        inputs.motorDriven = false;
        inputs.measuredSpeedKph = 25;
      });
      assert.equal(detected.fault, null);
    });
  });

  describe('stall: duty at 95 % of its ceiling and speed below half the setpoint for 3 s', () => {
    it('trips 3 s after the condition begins', () => {
      const run = makeRun(0.01);
      let onsetMs = -1;
      const detected = runTicks(run, 10000, (inputs, nowMs) => {
        inputs.motorDriven = true;
        inputs.duty = DEFAULT_CONFIG.maxDuty;
        inputs.setpointKph = 8;
        inputs.measuredSpeedKph = 3.9;
        inputs.pulseCount = Math.floor(nowMs / 10);
        if (onsetMs < 0) onsetMs = nowMs;
      });
      assert.equal(detected.fault, 'stall');
      assert.equal(detected.atMs - onsetMs, LIMITS.stallWindowMs);
    });

    it('does not trip with duty below 95 % of the ceiling, or at half the setpoint', () => {
      const run = makeRun(0.01);
      const lowDuty = runTicks(run, 10000, (inputs, nowMs) => {
        inputs.motorDriven = true;
        inputs.duty = 0.94 * DEFAULT_CONFIG.maxDuty;
        inputs.setpointKph = 8;
        inputs.measuredSpeedKph = 1;
        inputs.pulseCount = Math.floor(nowMs / 10);
      });
      assert.equal(lowDuty.fault, null);
      const halfSpeed = runTicks(run, 10000, (inputs, nowMs) => {
        inputs.motorDriven = true;
        inputs.duty = DEFAULT_CONFIG.maxDuty;
        inputs.setpointKph = 8;
        inputs.measuredSpeedKph = 4;
        inputs.pulseCount = Math.floor(nowMs / 10);
      });
      assert.equal(halfSpeed.fault, null);
    });
  });

  describe('wrong direction: 10 cm (at least one pulse) sensed against the output while driven', () => {
    function againstRun(metersPerPulse: number, motorDriven: boolean, sensed: boolean | null): { fault: FaultCode | null; pulsesAtTrip: number } {
      const run = makeRun(metersPerPulse);
      let pulses = 0;
      const detected = runTicks(run, 5000, (inputs) => {
        inputs.motorDriven = motorDriven;
        inputs.duty = 0.2;
        inputs.setpointKph = 0.8;
        inputs.measuredSpeedKph = 0.8;
        inputs.commandedBackward = true;
        inputs.sensedBackward = sensed;
        // One pulse every 5th tick.
        if (run.nowMs % 100 === 0) pulses++;
        inputs.pulseCount = pulses;
      });
      return { fault: detected.fault, pulsesAtTrip: pulses };
    }

    it('one pulse with a one-per-foot sensor, judged at the next tick', () => {
      const result = againstRun(FOOT_M, true, false);
      assert.equal(result.fault, 'wrongDirection');
      assert.equal(result.pulsesAtTrip, 1);
    });

    it('ten pulses (10 cm) with a 100-pulse-per-metre encoder', () => {
      const result = againstRun(0.01, true, false);
      assert.equal(result.fault, 'wrongDirection');
      assert.equal(result.pulsesAtTrip, 10);
    });

    it('never without a sensor, never with the motor not driven (free belt pushed backward)', () => {
      assert.equal(againstRun(FOOT_M, true, null).fault, null);
      assert.equal(againstRun(FOOT_M, false, false).fault, null);
    });

    it('a stale sensor level at the tick of the first pulse after a switch is not a trip', () => {
      const run = makeRun(FOOT_M);
      let pulses = 0;
      const detected = runTicks(run, 10000, (inputs, nowMs) => {
        inputs.motorDriven = true;
        inputs.duty = 0.2;
        inputs.setpointKph = 0.8;
        inputs.commandedBackward = true;
        // A pulse every 1.4 s; the sensor catches up one tick after each pulse.
        const newPulse = nowMs % 1400 === 0;
        if (newPulse) pulses++;
        inputs.pulseCount = pulses;
        inputs.sensedBackward = pulses === 0 || newPulse ? pulses > 1 : true;
      });
      assert.equal(detected.fault, null);
    });
  });

  it('lost edges: at once, in any state', () => {
    const run = makeRun(FOOT_M);
    const detected = runTicks(run, 1000, (inputs, nowMs) => {
      inputs.motorDriven = false;
      inputs.edgesLost = nowMs >= 200;
    });
    assert.equal(detected.fault, 'lostEdges');
    assert.equal(detected.atMs, 200);
  });
});
