// Wrong direction (direction sensor, relay stuck): latched after 10 cm (at least one pulse) of wrong-way travel; no false trip.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import {
  DRIVE_ENCODER_MATRIX,
  advance,
  describeAtBoardTimings,
  assertMotorCut,
  label,
  local,
  makeFaultRig,
  runUntilFault,
  selectDirection,
  startAndRun,
  stepOn,
  variant,
} from './fault-rig';

describeAtBoardTimings('faults: wrong direction (direction sensor fitted)', (board) => {
  describe('relay stuck: the belt runs against the selected direction and is cut within 10 cm (one pulse) of travel', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      (['backward', 'forward'] as Direction[]).forEach((selected) => {
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, hasDirectionSensor: true });
        it(selected + ' selected, relay stuck ' + (selected === 'backward' ? 'forward' : 'backward') + ', ' + label(v), () => {
          const rig = makeFaultRig(v);
          if (selected === 'forward') {
            // Get the relay to backward first, then let it stick there.
            selectDirection(rig, 'backward');
            advance(rig, 100);
            rig.sim.injectFault('directionRelayStuck');
            selectDirection(rig, 'forward');
          } else {
            rig.sim.injectFault('directionRelayStuck');
            selectDirection(rig, 'backward');
          }
          assert.equal(rig.sim.directionBackward(), selected === 'backward', 'the output follows the selection');
          stepOn(rig, selected);
          const startPositionM = rig.sim.belt.positionM;
          startAndRun(rig);
          const fault = runUntilFault(rig, 15000);
          assert.equal(fault, 'wrongDirection');
          assertMotorCut(rig, 'after wrong direction');
          const wrongWayM = (rig.sim.belt.positionM - startPositionM) * (selected === 'backward' ? 1 : -1);
          // Window: 10 cm and at least one pulse, judged the tick after; the first mark may be up to a pulse away.
          const metersPerPulse = rig.config.metersPerPulse;
          const limitM = Math.max(rig.config.faults.wrongDirectionTravelM, metersPerPulse) + metersPerPulse + (2 / 3.6) * (2 * rig.config.controlPeriodMs / 1000);
          assert.ok(wrongWayM > 0, 'the belt should have moved the wrong way');
          assert.ok(wrongWayM <= limitM, 'belt went ' + wrongWayM.toFixed(3) + ' m the wrong way (limit ' + limitM.toFixed(3) + ')');
        });
      });
    });
  });

  describe('no false trip', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, hasDirectionSensor: true });
      it('forward, backward, forward again with stops and the standstill dwell, ' + label(v), () => {
        const rig = makeFaultRig(v);
        (['forward', 'backward', 'forward', 'backward'] as Direction[]).forEach((direction) => {
          if (rig.firmware.status().direction !== direction) selectDirection(rig, direction);
          startAndRun(rig);
          stepOn(rig, direction);
          assert.equal(runUntilFault(rig, 8000), null, direction);
          local(rig, 'stop');
          rig.sim.setWalker('off', 70);
          assert.equal(runUntilFault(rig, 6000), null, direction + ' stopping');
          assert.equal(rig.firmware.status().state, 'idle');
        });
      });

      it('free belt pushed backward while forward is selected (the unpowered-belt exercise), ' + label(v), () => {
        const rig = makeFaultRig(v);
        local(rig, 'freeBelt');
        rig.sim.setPushSpeed(-2);
        rig.sim.setWalker('push', 70);
        assert.equal(runUntilFault(rig, 30000), null);
        assert.equal(rig.firmware.status().state, 'freeBelt');
        assert.ok(rig.sim.beltSpeedKph() < -1.5, 'the walker drives the belt backward');
      });
    });

    it('a walker rocking a stopped belt back and forth in idle is not a fault', () => {
      const rig = makeFaultRig(variant({ board, hasDirectionSensor: true, pulsesPerMeter: 100 }));
      for (let round = 0; round < 6; round++) {
        rig.sim.setPushSpeed(round % 2 === 0 ? -0.5 : 0.5);
        rig.sim.setWalker('push', 70);
        advance(rig, 600);
        rig.sim.setWalker('off', 70);
        advance(rig, 600);
      }
      assert.equal(rig.firmware.status().state, 'idle');
      assert.equal(rig.firmware.status().fault, null);
    });
  });
});
