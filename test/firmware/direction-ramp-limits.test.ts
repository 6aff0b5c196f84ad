// Each direction ramps its setpoint with its own acceleration and deceleration limits (backward is slower), however the direction was reached.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { local, makeFaultRig, nextTick, selectDirection, setSpeed, startAndRun, stepOn, variant, type FaultRig } from '../faults/fault-rig';

/**
 * The limits the firmware is configured with here, km/h per s: the test's own, four distinct
 * figures (not the defaults), so a ramp that takes the other direction's or the other sense's
 * limit shows.
 */
const LIMITS: Record<Direction, { accelKphPerS: number; decelKphPerS: number }> = {
  forward: { accelKphPerS: 1.2, decelKphPerS: 1.8 },
  backward: { accelKphPerS: 0.3, decelKphPerS: 0.7 },
};
const LOW_KPH = 1;
const HIGH_KPH = 3.5;
const EPSILON_KPH = 1e-9;

/** Largest setpoint change per second over the ticks until the setpoint reaches `targetKph`, signed as the change. */
function steepestRateKphPerS(rig: FaultRig, targetKph: number): number {
  let steepest = 0;
  let previousKph = rig.firmware.status().setpointKph;
  let previousMs = rig.scheduler.nowMs();
  const deadlineMs = previousMs + 60000;
  while (Math.abs(rig.firmware.status().setpointKph - targetKph) > EPSILON_KPH && rig.scheduler.nowMs() < deadlineMs) {
    nextTick(rig);
    const setpointKph = rig.firmware.status().setpointKph;
    const rate = ((setpointKph - previousKph) * 1000) / (rig.scheduler.nowMs() - previousMs);
    if (Math.abs(rate) > Math.abs(steepest)) steepest = rate;
    previousKph = setpointKph;
    previousMs = rig.scheduler.nowMs();
  }
  assert.ok(Math.abs(rig.firmware.status().setpointKph - targetKph) <= EPSILON_KPH, 'the setpoint never reached ' + targetKph);
  return steepest;
}

function assertRampRate(measuredKphPerS: number, limitKphPerS: number, what: string): void {
  // At the limit in mid-ramp (the end is rounded off, never steeper), never above it.
  assert.ok(measuredKphPerS <= limitKphPerS + 1e-6, what + ': ' + measuredKphPerS.toFixed(3) + ' km/h/s, limit ' + limitKphPerS);
  assert.ok(measuredKphPerS >= 0.95 * limitKphPerS, what + ': only ' + measuredKphPerS.toFixed(3) + ' km/h/s, limit ' + limitKphPerS);
}

describe('setpoint ramps use the selected direction\'s limits', () => {
  const order: Direction[][] = [
    ['forward', 'backward'],
    ['backward', 'forward'],
  ];
  order.forEach((directions) => {
    it(directions.join(', then ') + ': up and down at each direction\'s own acceleration and deceleration', () => {
      const rig = makeFaultRig(variant({ pulsesPerMeter: 100 }), { forward: LIMITS.forward, backward: LIMITS.backward });
      directions.forEach((direction) => {
        if (rig.firmware.status().direction !== direction) selectDirection(rig, direction);
        startAndRun(rig);
        stepOn(rig, direction);
        setSpeed(rig, LOW_KPH);
        steepestRateKphPerS(rig, LOW_KPH);
        setSpeed(rig, HIGH_KPH);
        assertRampRate(steepestRateKphPerS(rig, HIGH_KPH), LIMITS[direction].accelKphPerS, direction + ' acceleration');
        setSpeed(rig, LOW_KPH);
        assertRampRate(-steepestRateKphPerS(rig, LOW_KPH), LIMITS[direction].decelKphPerS, direction + ' deceleration');
        local(rig, 'stop');
        const deadlineMs = rig.scheduler.nowMs() + 20000;
        while (rig.firmware.status().state !== 'idle' && rig.scheduler.nowMs() < deadlineMs) nextTick(rig);
        assert.equal(rig.firmware.status().state, 'idle');
        rig.sim.setWalker('off', 70);
      });
    });
  });
});
