// Encoder loss (sensor cut, belt jammed, noisy sensor): detected within max(2.5 expected intervals, 1.5 s); no false trip.

import assert from 'node:assert/strict';
import { encoderLossWindowMs } from '../../firmware/core/fault-monitor';
import {
  DIRECTIONS,
  DRIVE_ENCODER_MATRIX,
  advance,
  nextTick,
  describeAtBoardTimings,
  assertMotorCut,
  faultTimeMs,
  label,
  local,
  makeFaultRig,
  pulseCount,
  runSteady,
  runUntilFault,
  selectDirection,
  setSpeed,
  startAndRun,
  stepOn,
  variant,
  type FaultRig,
} from './fault-rig';


/** Ms the belt sensor was silent before the trip, and the window that applied. */
function silenceAtTrip(rig: FaultRig, speedKph: number): { silentMs: number; windowMs: number } {
  const silentMs = faultTimeMs(rig) - pulseCount(rig).lastPulseMs;
  const windowMs = encoderLossWindowMs(rig.config.metersPerPulse, speedKph, rig.config.minSpeedKph, rig.config.faults);
  return { silentMs, windowMs };
}

describeAtBoardTimings('faults: encoder loss', (board) => {
  describe('sensor cut at steady speed: trips after max(2.5 expected pulse intervals, 1.5 s) of silence', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        [0.8, 4].forEach((speedKph) => {
          const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
          it(direction + ' at ' + speedKph + ' km/h, ' + label(v), () => {
            const rig = makeFaultRig(v);
            runSteady(rig, direction, speedKph, 12000);
            rig.sim.injectFault('encoderDisconnected');
            const fault = runUntilFault(rig, 10000);
            assert.equal(fault, 'encoderLoss');
            assertMotorCut(rig, 'after encoder loss');
            const result = silenceAtTrip(rig, speedKph);
            // The tick after the last pulse starts the count; travel is judged once per tick.
            assert.ok(result.silentMs >= result.windowMs - rig.config.controlPeriodMs, 'tripped early: ' + result.silentMs + ' ms < ' + result.windowMs);
            assert.ok(result.silentMs <= result.windowMs + 2 * rig.config.controlPeriodMs, 'tripped late: ' + result.silentMs + ' ms > ' + result.windowMs);
          });
        });
      });
    });
  });

  describe('sensor cut before the start: trips once the setpoint promised 3.5 pulses of travel (and 1.5 s) since the drive started', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
        it(direction + ', ' + label(v), () => {
          const rig = makeFaultRig(v);
          if (direction === 'backward') selectDirection(rig, 'backward');
          rig.sim.injectFault('encoderDisconnected');
          stepOn(rig, direction);
          startAndRun(rig);
          const limits = rig.config.faults;
          const allowedM = (limits.encoderLossPulses + limits.encoderStartAllowancePulses) * rig.config.metersPerPulse;
          // Mirror of the window from what the firmware applied: each tick judges the previous tick's duty and setpoint.
          let drivingSinceMs = -1;
          let promisedM = 0;
          let dueMs = -1;
          // Seeded with the tick that ended the countdown: at a long period it already drives.
          let lastDuty = rig.firmware.status().duty;
          let lastSetpointKph = rig.firmware.status().setpointKph;
          const fault = runUntilFault(rig, 15000, () => {
            const nowMs = rig.scheduler.nowMs();
            if (drivingSinceMs < 0 && lastDuty >= limits.drivingDuty) drivingSinceMs = nowMs;
            if (drivingSinceMs >= 0) promisedM += (lastSetpointKph / 3.6) * (rig.config.controlPeriodMs / 1000);
            if (dueMs < 0 && drivingSinceMs >= 0 && promisedM >= allowedM && nowMs - drivingSinceMs >= limits.encoderLossMinWindowMs) dueMs = nowMs;
            lastDuty = rig.firmware.status().duty;
            lastSetpointKph = rig.firmware.status().setpointKph;
          });
          assert.equal(fault, 'encoderLoss');
          assertMotorCut(rig, 'after encoder loss at start');
          assert.ok(dueMs > 0, 'the window never elapsed');
          assert.ok(Math.abs(faultTimeMs(rig) - dueMs) <= 2 * rig.config.controlPeriodMs, 'tripped at ' + faultTimeMs(rig) + ' ms, window ended at ' + dueMs + ' ms');
        });
      });
    });
  });

  describe('belt jammed: no pulses while driven, caught by the same window (a jam and a cut sensor look alike)', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
      it('forward at 4 km/h, ' + label(v), () => {
        const rig = makeFaultRig(v);
        runSteady(rig, 'forward', 4, 12000);
        rig.sim.injectFault('beltJammed');
        const fault = runUntilFault(rig, 10000);
        assert.equal(fault, 'encoderLoss');
        assertMotorCut(rig, 'after a jam');
        const result = silenceAtTrip(rig, 4);
        assert.ok(result.silentMs <= result.windowMs + 2 * rig.config.controlPeriodMs, 'tripped late: ' + result.silentMs + ' ms');
      });
    });
  });

  describe('noisy sensor (glitches and spurious edges): never a runaway; tolerated or latched', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const speedKph = direction === 'forward' ? 4 : 2;
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
        it(direction + ' at ' + speedKph + ' km/h, ' + label(v), () => {
          const rig = makeFaultRig(v);
          runSteady(rig, direction, speedKph, 12000);
          rig.sim.injectFault('encoderNoise');
          let topKph = 0;
          const marginKph = rig.config.faults.overspeedMarginKph + rig.config.faults.overspeedFraction * speedKph;
          runUntilFault(rig, 15000, () => {
            topKph = Math.max(topKph, Math.abs(rig.sim.beltSpeedKph()));
          });
          // Extra edges read as a faster belt, so the controller slows it: the safe side.
          assert.ok(topKph < speedKph + marginKph, 'belt reached ' + topKph.toFixed(2) + ' km/h');
          const status = rig.firmware.status();
          if (status.state === 'fault') assertMotorCut(rig, 'noisy sensor latched');
          else assert.ok(Math.abs(Math.abs(rig.sim.beltSpeedKph()) - speedKph) < 0.5, 'belt at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
        });
      });
    });
  });

  describe('no false trip', () => {
    // A program starts straight to its first segment's speed: the setpoint must not run away
    // from a heavy walker's belt before it has shown it moves (awaitingBeltMovement).
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        [100, 110].forEach((walkerMassKg) => {
          const targetKph = direction === 'forward' ? 4 : 3;
          const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, walkerMassKg });
          it('a start straight to ' + targetKph + ' km/h with a ' + walkerMassKg + ' kg walker, ' + direction + ', ' + label(v), () => {
            const rig = makeFaultRig(v);
            if (direction === 'backward') selectDirection(rig, 'backward');
            stepOn(rig, direction);
            startAndRun(rig);
            setSpeed(rig, targetKph);
            assert.equal(runUntilFault(rig, 30000), null);
            assert.ok(Math.abs(Math.abs(rig.sim.beltSpeedKph()) - targetKph) < 0.5, 'belt at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
          });
        });
      });
    });

    // Heavier walkers need more duty than the map holds, and the belt's place between two marks
    // decides when a sparse sensor's first pulses come: every combination must start.
    const HEAVY_STARTS = [
      { walkerMassKg: 90, startMarkFraction: 0 },
      { walkerMassKg: 110, startMarkFraction: 0 },
      { walkerMassKg: 110, startMarkFraction: 0.5 },
      { walkerMassKg: 110, startMarkFraction: 0.9 },
    ];
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        HEAVY_STARTS.forEach((start) => {
          const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, walkerMassKg: start.walkerMassKg, startMarkFraction: start.startMarkFraction });
          it('start-up with a ' + start.walkerMassKg + ' kg walker already on, ' + direction + ', ' + label(v), () => {
            const rig = makeFaultRig(v);
            if (direction === 'backward') selectDirection(rig, 'backward');
            stepOn(rig, direction);
            startAndRun(rig);
            assert.equal(runUntilFault(rig, 20000), null);
            assert.ok(Math.abs(rig.sim.beltSpeedKph()) > 0.5, 'belt at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
          });
        });
      });
    });

    DIRECTIONS.forEach((direction) => {
      [1, 2, 3, 4, 5].forEach((seed) => {
        it('stop from 0.8 km/h with one pulse per foot, ' + direction + ', seed ' + seed, () => {
          const rig = makeFaultRig(variant({ board, seed }));
          runSteady(rig, direction, 0.8, 12000);
          advance(rig, seed * 311);
          local(rig, 'stop');
          const deadlineMs = rig.scheduler.nowMs() + 15000;
          while (rig.firmware.status().state === 'stopping' && rig.scheduler.nowMs() < deadlineMs) nextTick(rig);
          assert.equal(rig.firmware.status().state, 'idle', 'ended in ' + rig.firmware.status().state + ' (' + rig.firmware.status().fault + ')');
        });
      });
    });

    it('walker steps on a running belt and off again at 0.8 km/h, one pulse per foot', () => {
      const rig = makeFaultRig(variant({ board, walkerMassKg: 100 }));
      startAndRun(rig);
      advance(rig, 6000);
      for (let round = 0; round < 4; round++) {
        stepOn(rig, 'forward');
        assert.equal(runUntilFault(rig, 7000), null);
        rig.sim.setWalker('off', 100);
        assert.equal(runUntilFault(rig, 5000), null);
      }
    });
  });
});
