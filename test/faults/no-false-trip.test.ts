// Normal use never trips any fault row: walking load, speed changes both ways, sparse pulses, both directions and drives.

import assert from 'node:assert/strict';
import {
  BACKWARD_SESSION,
  DIRECTIONS,
  DRIVE_ENCODER_MATRIX,
  FORWARD_SESSION,
  advance,
  nextTick,
  describeAtBoardTimings,
  label,
  local,
  makeFaultRig,
  runNormalSession,
  selectDirection,
  setSpeed,
  startAndRun,
  stepOn,
  variant,
} from './fault-rig';

describeAtBoardTimings('faults: no false trip in normal use', (board) => {
  // Every variant has a direction sensor so the wrong-direction row is exercised too.
  DRIVE_ENCODER_MATRIX.forEach((machine) => {
    DIRECTIONS.forEach((direction) => {
      const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, hasDirectionSensor: true });
      it(direction + ' session, ' + label(v) + ': speed changes up and down, slow-down, stop', () => {
        const rig = makeFaultRig(v);
        let topKph = 0;
        runNormalSession(rig, direction, direction === 'forward' ? FORWARD_SESSION : BACKWARD_SESSION, () => {
          topKph = Math.max(topKph, Math.abs(rig.sim.beltSpeedKph()));
        });
        // The session really covered the range (the test could fail, not just idle along).
        assert.ok(topKph > (direction === 'forward' ? 14 : 3.6), 'top speed only ' + topKph.toFixed(2) + ' km/h');
        assert.equal(rig.sim.watchdog.expiredCount, 0, 'watchdog expired in a healthy session');
        assert.deepEqual(rig.scheduler.errors, []);
      });
    });
  });

  [50, 100].forEach((massKg) => {
    DIRECTIONS.forEach((direction) => {
      const v = variant({ board, walkerMassKg: massKg, hasDirectionSensor: true, seed: 11 });
      it(direction + ' session with a ' + massKg + ' kg walker on one pulse per foot', () => {
        const rig = makeFaultRig(v);
        runNormalSession(rig, direction, direction === 'forward' ? FORWARD_SESSION : BACKWARD_SESSION);
        assert.equal(rig.firmware.status().fault, null);
      });
    });
  });

  DRIVE_ENCODER_MATRIX.forEach((machine) => {
    it('slow walking at 0.8 km/h for 2 minutes, both directions, ' + machine.drive + ', ' + machine.pulsesPerMeter + ' pulses/m', () => {
      DIRECTIONS.forEach((direction) => {
        const rig = makeFaultRig(variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, hasDirectionSensor: true, seed: 3 }));
        if (direction === 'backward') selectDirection(rig, 'backward');
        startAndRun(rig);
        stepOn(rig, direction);
        for (let elapsedMs = 0; elapsedMs < 120000; elapsedMs += rig.config.controlPeriodMs) {
          nextTick(rig);
          assert.equal(rig.firmware.status().fault, null, direction + ' at ' + rig.scheduler.nowMs() + ' ms');
        }
        assert.ok(Math.abs(Math.abs(rig.sim.beltSpeedKph()) - 0.8) < 0.3, 'belt at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
      });
    });
  });

  it('backward requested while running at 8 km/h forward: stop, dwell, switch, start backward, no trip', () => {
    const rig = makeFaultRig(variant({ board, hasDirectionSensor: true }));
    startAndRun(rig);
    stepOn(rig, 'forward');
    setSpeed(rig, 8);
    advance(rig, 15000);
    const result = rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    assert.ok(result.accepted);
    rig.sim.setWalker('off', 70);
    const deadlineMs = rig.scheduler.nowMs() + 20000;
    while (rig.firmware.status().direction !== 'backward' && rig.scheduler.nowMs() < deadlineMs) {
      nextTick(rig);
      assert.equal(rig.firmware.status().fault, null, 'at ' + rig.scheduler.nowMs() + ' ms');
    }
    assert.equal(rig.firmware.status().direction, 'backward');
    startAndRun(rig);
    stepOn(rig, 'backward');
    for (let elapsedMs = 0; elapsedMs < 20000; elapsedMs += rig.config.controlPeriodMs) {
      nextTick(rig);
      assert.equal(rig.firmware.status().fault, null, 'at ' + rig.scheduler.nowMs() + ' ms');
    }
    assert.ok(rig.sim.beltSpeedKph() < -0.5, 'belt should run backward');
  });

  it('stop and restart three times in a row with sparse pulses', () => {
    const rig = makeFaultRig(variant({ board, hasDirectionSensor: true, seed: 5 }));
    for (let round = 0; round < 3; round++) {
      startAndRun(rig);
      stepOn(rig, 'forward');
      advance(rig, 6000 + round * 1300);
      local(rig, 'stop');
      rig.sim.setWalker('off', 70);
      const deadlineMs = rig.scheduler.nowMs() + 15000;
      while (rig.firmware.status().state !== 'idle' && rig.scheduler.nowMs() < deadlineMs) {
        nextTick(rig);
        assert.equal(rig.firmware.status().fault, null, 'round ' + round + ' at ' + rig.scheduler.nowMs() + ' ms');
      }
      advance(rig, 4000);
      assert.equal(rig.firmware.status().state, 'idle');
    }
  });
});
