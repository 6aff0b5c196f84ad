// A runaway's early pulse is judged at the pulse, in its own event: the monitor's limit, the judgement at its boundary, and the cut between ticks.

import assert from 'node:assert/strict';
import { detectFault, earlyPulseOverspeed, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs, type FaultMonitorState } from '../../firmware/core/fault-monitor';
import type { PulseCounter, PulseReading } from '../../hal/pulse-counter';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { exactLimits } from './exact-limits';
import { advance, faultTimeMs, makeFaultRig, runSteady, variant } from './fault-rig';

// Line = reference + 1 + 0.25 x reference; the early trip is 0.5 over it.
const LIMITS = exactLimits({});
const METERS_PER_PULSE = 0.5;

function drivenInputs(setpointKph: number, nowMs: number): FaultMonitorInputs {
  const inputs = makeFaultMonitorInputs();
  inputs.nowMs = nowMs;
  inputs.dtMs = 250;
  inputs.motorDriven = true;
  inputs.duty = 0.5;
  inputs.setpointKph = setpointKph;
  inputs.measuredSpeedKph = setpointKph;
  inputs.speedCapKph = 20;
  inputs.metersPerPulse = METERS_PER_PULSE;
  return inputs;
}

/** The interval of a belt at `speedKph` with this test's pulse spacing, ms. */
function intervalAtMs(speedKph: number): number {
  return (METERS_PER_PULSE * 3600) / speedKph;
}

describe('faults: the early pulse (a runaway judged at the pulse)', () => {
  it('the monitor sets the limit at its line while driven, raised by the setpoint rise, and clears it when not driven', () => {
    const state: FaultMonitorState = makeFaultMonitorState();
    detectFault(state, drivenInputs(4, 1000), LIMITS);
    // Reference 4: line 4 + 1 + 1 = 6 km/h, and the rise from 0 to 4 at the first driven tick.
    assert.equal(state.earlyLineKph, 10);
    assert.equal(state.earlyPulseMinIntervalMs, intervalAtMs(10));
    detectFault(state, drivenInputs(4, 1250), LIMITS);
    assert.equal(state.earlyLineKph, 6, 'steady: the line itself');
    assert.equal(state.earlyPulseMinIntervalMs, intervalAtMs(6));
    detectFault(state, drivenInputs(6, 1500), LIMITS);
    // Setpoint 6: line 6 + 1 + 1.5 = 8.5, plus its rise of 2.
    assert.equal(state.earlyLineKph, 10.5);
    detectFault(state, drivenInputs(5, 1750), LIMITS);
    // A falling setpoint does not lower the line below the reference's (the rise counts only upward).
    assert.equal(state.earlyLineKph, state.referenceKph + 1 + 0.25 * state.referenceKph);
    const undriven = drivenInputs(0, 2000);
    undriven.motorDriven = false;
    undriven.duty = 0;
    detectFault(state, undriven, LIMITS);
    assert.equal(state.earlyPulseMinIntervalMs, 0, 'no early pulses judged while the motor may not drive');
    assert.equal(state.earlyLineKph, 0);
  });

  it('trips at the evidence margin over the line, not below it, and never without a limit', () => {
    const state: FaultMonitorState = makeFaultMonitorState();
    detectFault(state, drivenInputs(4, 1000), LIMITS);
    detectFault(state, drivenInputs(4, 1250), LIMITS);
    // Line 6; margin 0.5.
    assert.equal(earlyPulseOverspeed(state, intervalAtMs(6.5), METERS_PER_PULSE, LIMITS), true, 'exactly the margin over the line');
    assert.equal(earlyPulseOverspeed(state, intervalAtMs(6.25), METERS_PER_PULSE, LIMITS), false, 'over the line by less than the margin');
    assert.equal(earlyPulseOverspeed(state, 0, METERS_PER_PULSE, LIMITS), false, 'no interval');
    state.earlyPulseMinIntervalMs = 0;
    assert.equal(earlyPulseOverspeed(state, intervalAtMs(20), METERS_PER_PULSE, LIMITS), false, 'no limit: the motor may not drive');
  });

  /** A runaway on a fine encoder at the ESP32's timing; `withoutEarlyPulses` hides the port's early-pulse watch. */
  function runaway(withoutEarlyPulses: boolean): { faultMs: number; periodMs: number; log: string[]; fault: string | null } {
    const hideEarlyPulses = (hal: TreadmillHal) => {
      const counter = hal.beltEncoder;
      const plain: PulseCounter = { read: (into: PulseReading) => counter.read(into) };
      hal.beltEncoder = plain;
    };
    const rig = makeFaultRig(variant({ board: 'esp32', drive: 'hbridge', pulsesPerMeter: 100 }), undefined, withoutEarlyPulses ? hideEarlyPulses : undefined);
    runSteady(rig, 'forward', 5, 8000);
    rig.sim.injectFault('driverRunaway');
    advance(rig, 3000);
    return { faultMs: faultTimeMs(rig), periodMs: rig.config.controlPeriodMs, log: rig.sim.log.lines, fault: rig.firmware.status().fault };
  }

  it('cuts a runaway at the pulse, between ticks, and sooner than the tick alone', () => {
    const atPulse = runaway(false);
    const atTick = runaway(true);
    assert.equal(atPulse.fault, 'overspeed');
    assert.equal(atTick.fault, 'overspeed');
    assert.ok(
      atPulse.log.some((line) => line.indexOf('overspeed: found at a belt pulse') >= 0),
      'no early-pulse log line',
    );
    assert.notEqual(atPulse.faultMs % atPulse.periodMs, 0, 'latched at a tick (' + atPulse.faultMs + ' ms), not at the pulse');
    assert.equal(atTick.faultMs % atTick.periodMs, 0, 'without the early pulse the tick latches it');
    assert.ok(atPulse.faultMs < atTick.faultMs, 'at the pulse ' + atPulse.faultMs + ' ms, at the tick ' + atTick.faultMs + ' ms');
  });
});
