// The fault monitor's first tick, with the test's own limits: it only takes the pulse count and starts every window from then.

import assert from 'node:assert/strict';
import type { FaultLimits } from '../../firmware/config';
import { detectFault, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs } from '../../firmware/core/fault-monitor';
import { exactLimits } from './exact-limits';
import { drivenInputs as drivenBelt } from './monitor-rig';

/** The test's own limits (exact in binary floating point); only overspeed and encoder loss matter here. */
const LIMITS: FaultLimits = exactLimits({ stallDutyFraction: 0.9, stallWindowMs: 100000 });

/** Inputs of a belt driven at a setpoint of 4 km/h (line 4 + 1 + 0.25 x 4 = 6 km/h), 1 m a pulse, `pulseCount` counted so far. */
function drivenInputs(pulseCount: number): FaultMonitorInputs {
  const inputs = drivenBelt(4, 1);
  inputs.pulseCount = pulseCount;
  inputs.pulses.count = pulseCount;
  inputs.dtMs = 250;
  return inputs;
}

describe('fault monitor: the first tick', () => {
  it('does not judge pulses counted before it: a fast interval already in the reading is no evidence', () => {
    // 3600 / 400 ms = 9 km/h, 3 km/h over the line: evidence at once if it were judged.
    [2, 100].forEach((pulseCount) => {
      const inputs = drivenInputs(pulseCount);
      inputs.pulses.previousPulseMs = 9600;
      inputs.pulses.lastPulseMs = 10000;
      inputs.nowMs = 10000;
      assert.equal(detectFault(makeFaultMonitorState(), inputs, LIMITS), null, pulseCount + ' pulses counted before the first tick');
    });
    // The same interval arriving after the first tick trips: the check itself works.
    const state = makeFaultMonitorState();
    const inputs = drivenInputs(100);
    inputs.nowMs = 9500;
    assert.equal(detectFault(state, inputs, LIMITS), null);
    inputs.pulseCount = 101;
    inputs.pulses.count = 101;
    inputs.pulses.previousPulseMs = 9600;
    inputs.pulses.lastPulseMs = 10000;
    inputs.nowMs = 10000;
    assert.equal(detectFault(state, inputs, LIMITS), 'overspeed');
  });

  it('a belt driven from the first tick gets the whole encoder-loss window from then (1000 ms at least)', () => {
    // Setpoint 4 km/h: 2 + 1 pulses of 1 m take 2700 ms, so the travel rule ends the window; the
    // minimum window is checked with a faster setpoint: 36 km/h travels 3 m in 300 ms.
    const state = makeFaultMonitorState();
    const inputs = drivenInputs(0);
    inputs.setpointKph = 36;
    inputs.measuredSpeedKph = 0;
    inputs.speedCapKph = 40;
    const faults: string[] = [];
    for (let nowMs = 50000; nowMs <= 51000; nowMs += 250) {
      inputs.nowMs = nowMs;
      faults.push(nowMs - 50000 + ' ms: ' + detectFault(state, inputs, LIMITS));
    }
    assert.deepEqual(faults, ['0 ms: null', '250 ms: null', '500 ms: null', '750 ms: null', '1000 ms: encoderLoss']);
  });

  it('fresh inputs carry a reading with no pulse yet and nothing lost (PulseReading: -1 before the first pulse)', () => {
    assert.deepEqual(makeFaultMonitorInputs().pulses, { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false });
  });
});
