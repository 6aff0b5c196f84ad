// The wrong-direction check judges only pulses counted at the previous tick, with the test's own limits: a tick with none judges nothing, whatever the sensor says.

import assert from 'node:assert/strict';
import type { FaultLimits } from '../../firmware/config';
import { detectFault, makeFaultMonitorState } from '../../firmware/core/fault-monitor';
import { exactLimits } from './exact-limits';
import { drivenInputs } from './monitor-rig';

/** The test's own limits (exact in binary floating point): 0.5 m against the output trips, two pulses of 0.25 m. */
const LIMITS: FaultLimits = exactLimits({ encoderLossMinWindowMs: 100000, stallWindowMs: 100000, wrongDirectionTravelM: 0.5 });

describe('wrong direction: pulses judged one tick late', () => {
  it('a tick with no pending pulses leaves the count against the output as it is, even when the sensor agrees then', () => {
    const state = makeFaultMonitorState();
    const inputs = drivenInputs(4, 0.25);
    inputs.dtMs = 250;
    inputs.commandedBackward = false;
    // [pulses counted, sensor says backward] per tick, 250 ms apart; the output is forward.
    const ticks: [number, boolean][] = [
      [0, true], // first tick: takes the count
      [1, true], // one pulse, judged next tick
      [1, true], // judged against: 0.25 m
      [1, false], // nothing pending: the sensor's level judges nothing
      [2, true], // one pulse, judged next tick
      [2, true], // judged against: 0.5 m in a row
    ];
    const faults = ticks.map(([count, sensedBackward], i) => {
      inputs.nowMs = i * 250;
      inputs.pulseCount = count;
      inputs.pulses.count = count;
      inputs.sensedBackward = sensedBackward;
      return i * 250 + ' ms: ' + detectFault(state, inputs, LIMITS);
    });
    assert.deepEqual(faults, ['0 ms: null', '250 ms: null', '500 ms: null', '750 ms: null', '1000 ms: null', '1250 ms: wrongDirection']);
  });
});
