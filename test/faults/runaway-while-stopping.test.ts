// A driver that runs away during the stop ramp is still cut: the fault monitor keeps watching while the belt ramps down.

import assert from 'node:assert/strict';
import { advance, assertMotorCut, describeAtBoardTimings, DIRECTIONS, DRIVE_ENCODER_MATRIX, faultTimeMs, label, local, makeFaultRig, runSteady, runUntilFault, variant } from './fault-rig';

/**
 * How long after the driver starts ignoring its duty the motor must be cut, ms. Measured today:
 * 0.3-1.4 s over both drives, both encoders and both directions (the H-bridge's belt gains speed
 * slowest). Generous on purpose: this test guards that the check runs while stopping at all (a
 * monitor switched off there let the belt reach about 20 km/h, never tripping), not how fast.
 */
const CUT_WITHIN_MS = 2500;
/** Into the stop ramp before the runaway, ms: the setpoint is well on its way down. */
const INTO_RAMP_MS = 1000;

describeAtBoardTimings('faults: runaway during the stop ramp', (board) => {
  DRIVE_ENCODER_MATRIX.forEach((machine) => {
    DIRECTIONS.forEach((direction) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
      it(direction + ', stop pressed at ' + (direction === 'forward' ? 8 : 4) + ' km/h, ' + label(v), () => {
        const rig = makeFaultRig(v);
        runSteady(rig, direction, direction === 'forward' ? 8 : 4, 10000);
        local(rig, 'stop');
        advance(rig, INTO_RAMP_MS);
        assert.equal(rig.firmware.status().state, 'stopping');
        const runawayMs = rig.scheduler.nowMs();
        rig.sim.injectFault('driverRunaway');
        assert.equal(runUntilFault(rig, 8000), 'overspeed');
        assertMotorCut(rig, 'after a runaway while stopping');
        assert.ok(
          rig.sim.log.lines.some((line) => line.indexOf(' info stopping -> fault: ') >= 0),
          'the fault must be found in the stop ramp: ' + rig.sim.log.lines.filter((line) => line.indexOf('-> fault') >= 0).join('; '),
        );
        const cutAfterMs = faultTimeMs(rig) - runawayMs;
        assert.ok(cutAfterMs <= CUT_WITHIN_MS, 'motor cut ' + cutAfterMs + ' ms after the runaway');
      });
    });
  });
});
