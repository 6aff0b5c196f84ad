// The fault monitor after a tick without drive, with the test's own limits: the overspeed and stall windows start afresh on the next driven tick.

import assert from 'node:assert/strict';
import type { FaultLimits } from '../../firmware/config';
import { detectFault, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs, type FaultMonitorState } from '../../firmware/core/fault-monitor';
import type { FaultCode } from '../../firmware/fault-code';
import { exactLimits } from './exact-limits';

/** The test's own limits (exact in binary floating point). Setpoint 4 km/h: overspeed line 4 + 1 + 0.25 x 4 = 6 km/h. */
const LIMITS: FaultLimits = exactLimits({ encoderLossMinWindowMs: 100000, overspeedEvidenceExcessKph: 2 });

interface Monitor {
  state: FaultMonitorState;
  inputs: FaultMonitorInputs;
}

function monitor(): Monitor {
  const inputs = makeFaultMonitorInputs();
  inputs.metersPerPulse = 1;
  inputs.maxDuty = 0.8;
  inputs.speedCapKph = 16;
  inputs.dtMs = 250;
  inputs.motorDriven = true;
  inputs.duty = 0.3;
  inputs.setpointKph = 4;
  inputs.measuredSpeedKph = 4;
  return { state: makeFaultMonitorState(), inputs };
}

function tick(run: Monitor, nowMs: number): FaultCode | null {
  run.inputs.nowMs = nowMs;
  return detectFault(run.state, run.inputs, LIMITS);
}

/** Driven 0-1000 ms at the setpoint, then one tick not driven at 1250 ms. */
function afterUndrivenTick(): Monitor {
  const run = monitor();
  for (let nowMs = 0; nowMs <= 1000; nowMs += 250) assert.equal(tick(run, nowMs), null);
  run.inputs.motorDriven = false;
  assert.equal(tick(run, 1250), null);
  run.inputs.motorDriven = true;
  return run;
}

describe('fault monitor: windows after a tick without drive', () => {
  it('a belt over the line when drive resumes gets the whole graded window from then (1 km/h over: 375 ms, trips at the tick at or after it)', () => {
    const run = afterUndrivenTick();
    run.inputs.measuredSpeedKph = 7;
    // Excess 1 km/h of an immediate 4: wait 500 x (1 - 1/4) = 375 ms from 1500 ms.
    assert.equal(tick(run, 1500), null, 'first driven tick over the line');
    assert.equal(tick(run, 1750), null, '250 ms over');
    assert.equal(tick(run, 2000), 'overspeed', '500 ms over');
  });

  it('a stalling belt when drive resumes gets the whole stall window from then (1000 ms)', () => {
    const run = afterUndrivenTick();
    run.inputs.duty = 0.5;
    run.inputs.measuredSpeedKph = 1;
    const faults: string[] = [];
    for (let nowMs = 1500; nowMs <= 2500; nowMs += 250) faults.push(nowMs + ' ms: ' + tick(run, nowMs));
    assert.deepEqual(faults, ['1500 ms: null', '1750 ms: null', '2000 ms: null', '2250 ms: null', '2500 ms: stall']);
  });

  it('the pulse evidence forgets its trend baseline: a slow interval from before is not a rise to project from', () => {
    // Trip at 6 + 2 = 8 km/h. Before: an interval of 1000 ms (3.6 km/h, middle 500 ms). After the
    // undriven tick: one of 460 ms (7.83 km/h, under the trip) with nothing to project it from.
    const run = monitor();
    assert.equal(tick(run, 0), null);
    run.inputs.pulseCount = 1;
    run.inputs.pulses.previousPulseMs = 0;
    run.inputs.pulses.lastPulseMs = 1000;
    assert.equal(tick(run, 1000), null);
    run.inputs.motorDriven = false;
    assert.equal(tick(run, 1100), null);
    run.inputs.motorDriven = true;
    run.inputs.pulseCount = 2;
    run.inputs.pulses.previousPulseMs = 1000;
    run.inputs.pulses.lastPulseMs = 1460;
    assert.equal(tick(run, 1500), null);
  });
});
