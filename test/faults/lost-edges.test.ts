// Lost edges (input queue overflow): treated as an encoder fault at the first tick that sees the flag; no false trip.

import assert from 'node:assert/strict';
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
  pulseCount,
  runSteady,
  runUntilFault,
  selectDirection,
  setSpeed,
  startAndRun,
  stepOn,
  variant,
} from './fault-rig';

describeAtBoardTimings('faults: lost edges (input queue overflow)', (board) => {
  describe('the overflow flag latches lostEdges in the tick that first reads it', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
        it(direction + ' at 2 km/h, ' + label(v), () => {
          const rig = makeFaultRig(v);
          if (direction === 'backward') selectDirection(rig, 'backward');
          startAndRun(rig);
          stepOn(rig, direction);
          setSpeed(rig, 2);
          advance(rig, 10000);
          rig.sim.injectFault('inputOverflow');
          let flaggedMs = -1;
          const fault = runUntilFault(rig, 5000, () => {
            if (flaggedMs < 0 && pulseCount(rig).overflowed) flaggedMs = rig.scheduler.nowMs();
          });
          assert.equal(fault, 'lostEdges');
          assertMotorCut(rig, 'after lost edges');
          assert.ok(flaggedMs > 0);
          // The firmware's own read in that tick raised the flag: same tick.
          assert.equal(faultTimeMs(rig), flaggedMs);
        });
      });
    });

    it('also in free-belt mode: the walker-driven distance can no longer be trusted', () => {
      const rig = makeFaultRig(variant({ board }));
      local(rig, 'freeBelt');
      rig.sim.setPushSpeed(2.5);
      rig.sim.setWalker('push', 70);
      advance(rig, 5000);
      rig.sim.injectFault('inputOverflow');
      assert.equal(runUntilFault(rig, 3000), 'lostEdges');
      assertMotorCut(rig, 'free belt after lost edges');
    });
  });

  describe('latched until a restart: a local clear at rest with the key in is refused', () => {
    it('the belt stopped, the queue drained: clearFault still refused, the fault stays', () => {
      const rig = makeFaultRig(variant({ board }));
      runSteady(rig, 'forward', 3, 5000);
      rig.sim.injectFault('inputOverflow');
      assert.equal(runUntilFault(rig, 3000), 'lostEdges');
      rig.sim.clearFault('inputOverflow');
      rig.sim.setWalker('off', 70);
      advance(rig, 15000);
      assert.equal(rig.sim.beltSpeedKph(), 0, 'belt at rest');
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = rig.firmware.command({ name: 'clearFault', source: 'local' });
        assert.equal(result.accepted, false);
        assert.match(result.message, /restart the treadmill to clear/);
        advance(rig, 1000);
        assert.equal(rig.firmware.status().state, 'fault');
        assert.equal(rig.firmware.status().fault, 'lostEdges');
      }
      assert.equal(rig.firmware.command({ name: 'start', source: 'local' }).accepted, false);
      assertMotorCut(rig, 'lost edges latched');
    });
  });

  describe('no false trip', () => {
    it('a fine encoder at 16 km/h (444 pulses/s) for a minute counts every pulse and never flags', () => {
      const rig = makeFaultRig(variant({ board, pulsesPerMeter: 100 }));
      startAndRun(rig);
      stepOn(rig, 'forward');
      setSpeed(rig, 16);
      const startDistanceM = rig.sim.beltDistanceM();
      const startCount = pulseCount(rig).count;
      assert.equal(runUntilFault(rig, 60000), null);
      const countedM = (pulseCount(rig).count - startCount) / 100;
      const travelledM = rig.sim.beltDistanceM() - startDistanceM;
      assert.ok(travelledM > 200, 'belt travelled ' + travelledM.toFixed(1) + ' m');
      assert.ok(Math.abs(countedM - travelledM) < 0.05, 'counted ' + countedM.toFixed(2) + ' m of ' + travelledM.toFixed(2));
      assert.equal(pulseCount(rig).overflowed, false);
    });

    it('the flag is checked every tick without side effects when clear', () => {
      const rig = makeFaultRig(variant({ board }));
      startAndRun(rig);
      stepOn(rig, 'forward');
      let ticks = 0;
      assert.equal(
        runUntilFault(rig, 20000, () => {
          ticks++;
        }),
        null,
      );
      assert.equal(ticks, Math.ceil(20000 / rig.config.controlPeriodMs));
    });
  });
});
