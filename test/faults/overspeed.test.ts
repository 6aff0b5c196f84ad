// Overspeed / runaway (driver ignoring duty): above target + margin for a graded window, at once on pulse evidence or above the cap; no false trip.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { speedCapKph } from '../../firmware/core/speed-targets';
import {
  DIRECTIONS,
  DRIVE_ENCODER_MATRIX,
  advance,
  describeAtBoardTimings,
  assertMotorCut,
  faultTimeMs,
  label,
  local,
  makeFaultRig,
  runSteady,
  runUntilFault,
  setSpeed,
  stepOn,
  variant,
  type FaultRig,
} from './fault-rig';


/**
 * Watch a runaway: returns when the measured speed last began to stay above setpoint + margin (the
 * target window's start) and when it first passed the cap + margin (the at-once limit), and the fault.
 */
function watchRunaway(rig: FaultRig, direction: Direction): { fault: string | null; aboveTargetMs: number; aboveCapMs: number; beltOverLineAtTrip: boolean } {
  const limits = rig.config.faults;
  const capKph = speedCapKph(rig.config, direction);
  let aboveTargetMs = -1;
  let aboveCapMs = -1;
  let lastSetpointKph = rig.firmware.status().setpointKph;
  let beltOverLineAtTrip = false;
  const fault = runUntilFault(rig, 10000, () => {
    // The true belt at the tick, against the line of the setpoint the tick judged.
    beltOverLineAtTrip = Math.abs(rig.sim.beltSpeedKph()) > lastSetpointKph + limits.overspeedMarginKph + limits.overspeedFraction * lastSetpointKph;
    // The firmware judged this tick against the setpoint it held before the tick.
    const measuredKph = rig.firmware.status().measuredSpeedKph;
    const nowMs = rig.scheduler.nowMs();
    const above = measuredKph > lastSetpointKph + limits.overspeedMarginKph + limits.overspeedFraction * lastSetpointKph;
    if (!above) aboveTargetMs = -1;
    else if (aboveTargetMs < 0) aboveTargetMs = nowMs;
    if (aboveCapMs < 0 && measuredKph > capKph + limits.overspeedMarginKph + limits.overspeedFraction * capKph) aboveCapMs = nowMs;
    lastSetpointKph = rig.firmware.status().setpointKph;
  });
  return { fault, aboveTargetMs, aboveCapMs, beltOverLineAtTrip };
}

describeAtBoardTimings('faults: overspeed / runaway', (board) => {
  describe('driver ignoring duty at steady speed: tripped 300 ms after exceeding target + margin (at once above the cap)', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const speeds = direction === 'forward' ? [0.8, 4, 10] : [0.8, 4];
        speeds.forEach((speedKph) => {
          const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
          it(direction + ' at ' + speedKph + ' km/h, ' + label(v), () => {
            const rig = makeFaultRig(v);
            runSteady(rig, direction, speedKph, 15000);
            rig.sim.injectFault('driverRunaway');
            const result = watchRunaway(rig, direction);
            assert.equal(result.fault, 'overspeed');
            assertMotorCut(rig, 'after overspeed');
            const tripMs = faultTimeMs(rig);
            // Pulse evidence may trip before the tick's period measurement shows the excess: then
            // only a belt truly over the line excuses it (else it is a false trip).
            if (result.aboveTargetMs < 0) {
              assert.ok(result.beltOverLineAtTrip, 'tripped at ' + tripMs + ' ms with neither the measured nor the true belt speed over target + margin');
              return;
            }
            const windowEndMs = result.aboveTargetMs + rig.config.faults.overspeedWindowMs;
            const dueMs = result.aboveCapMs > 0 ? Math.min(result.aboveCapMs, windowEndMs) : windowEndMs;
            assert.ok(tripMs <= dueMs + rig.config.controlPeriodMs, 'tripped at ' + tripMs + ' ms, due by ' + dueMs + ' ms');
          });
        });
      });
    });
  });

  describe('driver ignoring duty after slowing down: the reference follows the belt down, not a slow decay', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
      it('forward 12 -> 2 km/h, runaway 2 s after the ramp ends, ' + label(v), () => {
        const rig = makeFaultRig(v);
        runSteady(rig, 'forward', 12, 15000);
        setSpeed(rig, 2);
        // 10 km/h at 1.5 km/h/s: 6.7 s of ramp, then 2 s.
        advance(rig, 8700);
        assert.ok(Math.abs(rig.sim.beltSpeedKph() - 2) < 0.5, 'belt at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
        rig.sim.injectFault('driverRunaway');
        const result = watchRunaway(rig, 'forward');
        assert.equal(result.fault, 'overspeed');
        assertMotorCut(rig, 'after overspeed');
        // Tripped before the tick's period measurement showed the excess (pulse evidence): only a
        // belt truly over the line excuses it, as at a steady speed above.
        if (result.aboveTargetMs < 0) {
          assert.ok(result.beltOverLineAtTrip, 'tripped at ' + faultTimeMs(rig) + ' ms with neither the measured nor the true belt speed over 2 km/h + margin');
          return;
        }
        assert.ok(faultTimeMs(rig) <= result.aboveTargetMs + rig.config.faults.overspeedWindowMs + rig.config.controlPeriodMs, 'tripped ' + (faultTimeMs(rig) - result.aboveTargetMs) + ' ms after exceeding 2 km/h + margin');
      });
    });
  });

  describe('no false trip', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
        it('from the ' + direction + ' cap: slow-down, then stop, ' + label(v), () => {
          const rig = makeFaultRig(v);
          const capKph = speedCapKph(rig.config, direction);
          runSteady(rig, direction, capKph, 15000);
          local(rig, 'slowDown');
          assert.equal(runUntilFault(rig, 20000), null);
          setSpeed(rig, capKph);
          assert.equal(runUntilFault(rig, 20000), null);
          local(rig, 'stop');
          assert.equal(runUntilFault(rig, 20000), null);
          assert.equal(rig.firmware.status().state, 'idle');
        });
      });
    });

    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      it('walker steps off at 8 km/h and on again, ' + machine.drive + ', ' + machine.pulsesPerMeter + ' pulses/m', () => {
        const rig = makeFaultRig(variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, walkerMassKg: 100 }));
        runSteady(rig, 'forward', 8, 15000);
        for (let round = 0; round < 3; round++) {
          rig.sim.setWalker('off', 100);
          assert.equal(runUntilFault(rig, 5000), null);
          stepOn(rig, 'forward');
          assert.equal(runUntilFault(rig, 5000), null);
        }
      });
    });

    it('speed steps up and down by 0.1 km/h buttons at walking pace, backward, one pulse per foot', () => {
      const rig = makeFaultRig(variant({ board }));
      runSteady(rig, 'backward', 2, 15000);
      for (let press = 0; press < 15; press++) {
        local(rig, 'speedUp');
        assert.equal(runUntilFault(rig, 700), null);
      }
      for (let press = 0; press < 25; press++) {
        local(rig, 'speedDown');
        assert.equal(runUntilFault(rig, 500), null);
      }
    });
  });
});
