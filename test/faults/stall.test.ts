// Stall / overload (dragging belt, overloaded walker): duty near its ceiling and speed below half the setpoint for 3 s; no false trip.

import assert from 'node:assert/strict';
import {
  DIRECTIONS,
  DRIVE_ENCODER_MATRIX,
  advance,
  describeAtBoardTimings,
  assertMotorCut,
  faultTimeMs,
  label,
  makeFaultRig,
  runUntilFault,
  selectDirection,
  setSpeed,
  startAndRun,
  stepOn,
  variant,
  type FaultRig,
} from './fault-rig';

/** Friction that drags the belt slightly harder than each drive can push, N (MC-2100 450 N; H-bridge 40 A x 4 N/A). */
const DRAG_N: { [drive: string]: number } = { mc2100: 460, hbridge: 170 };

/** Walker mass whose deck friction just exceeds each drive's force, kg. */
const OVERLOAD_KG: { [drive: string]: number } = { mc2100: 380, hbridge: 130 };

/** Follow a stall: returns when the stall condition last began (duty >= 95 % of max, speed < half the setpoint). */
function watchStall(rig: FaultRig, maxMs: number): { fault: string | null; straining: number } {
  const limits = rig.config.faults;
  let strainingSinceMs = -1;
  let lastDuty = rig.firmware.status().duty;
  let lastSetpointKph = rig.firmware.status().setpointKph;
  const fault = runUntilFault(rig, maxMs, () => {
    const status = rig.firmware.status();
    // The firmware judges the duty it applied on the previous tick against this tick's measurement.
    const straining = lastDuty >= limits.stallDutyFraction * rig.config.maxDuty && status.measuredSpeedKph < limits.stallSpeedFraction * lastSetpointKph;
    if (!straining) strainingSinceMs = -1;
    else if (strainingSinceMs < 0) strainingSinceMs = rig.scheduler.nowMs();
    lastDuty = status.duty;
    lastSetpointKph = status.setpointKph;
  });
  return { fault, straining: strainingSinceMs };
}

function runAt(rig: FaultRig, speedKph: number): void {
  startAndRun(rig);
  stepOn(rig, 'forward');
  advance(rig, 3000);
  setSpeed(rig, speedKph);
  advance(rig, 15000);
  assert.equal(rig.firmware.status().state, 'running');
}

describeAtBoardTimings('faults: stall / overload', (board) => {
  describe('belt dragging harder than the drive can push at 10 km/h: tripped 3 s after duty saturates below half speed', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
      it(label(v), () => {
        const rig = makeFaultRig(v);
        runAt(rig, 10);
        rig.sim.belt.options.jamFrictionN = DRAG_N[machine.drive];
        rig.sim.injectFault('beltJammed');
        const result = watchStall(rig, 20000);
        assert.equal(result.fault, 'stall');
        assertMotorCut(rig, 'after a stall');
        const elapsedMs = faultTimeMs(rig) - result.straining;
        assert.ok(Math.abs(elapsedMs - rig.config.faults.stallWindowMs) <= rig.config.controlPeriodMs, 'tripped ' + elapsedMs + ' ms after the stall began');
        assert.ok(Math.abs(rig.sim.beltSpeedKph()) > 0, 'the belt still crept when it tripped (a stall, not a jam)');
      });
    });
  });

  describe('walker too heavy for the drive at 10 km/h: stall (belt creeping) or encoder loss (belt stopped), motor cut', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
      it(label(v) + ', walker becomes ' + OVERLOAD_KG[machine.drive] + ' kg', () => {
        const rig = makeFaultRig(v);
        runAt(rig, 10);
        const startMs = rig.scheduler.nowMs();
        rig.sim.setWalker('forward', OVERLOAD_KG[machine.drive]);
        const result = watchStall(rig, 30000);
        assert.ok(result.fault === 'stall' || result.fault === 'encoderLoss', 'fault ' + result.fault);
        assertMotorCut(rig, 'after an overload');
        // The belt takes seconds to lose speed; the stall window then adds 3 s.
        assert.ok(faultTimeMs(rig) - startMs < 15000, 'took ' + (faultTimeMs(rig) - startMs) + ' ms');
      });
    });
  });

  describe('no false trip', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, walkerMassKg: 100 });
        it('100 kg walker, accelerating to the ' + direction + ' cap and holding it (duty near its ceiling forward), ' + label(v), () => {
          const rig = makeFaultRig(v);
          if (direction === 'backward') selectDirection(rig, 'backward');
          startAndRun(rig);
          stepOn(rig, direction);
          advance(rig, 2000);
          setSpeed(rig, direction === 'forward' ? 16 : 4);
          let topDuty = 0;
          assert.equal(
            runUntilFault(rig, 40000, () => {
              topDuty = Math.max(topDuty, rig.sim.motorDuty());
            }),
            null,
          );
          if (direction === 'forward') assert.ok(topDuty >= 0.95 * rig.config.maxDuty, 'duty only reached ' + topDuty.toFixed(3));
        });
      });
    });
  });
});
