// The firmware's backup checks, each fed the impossible input its normal path never produces: they must still hold.

import assert from 'node:assert/strict';
import { writeInclineOutputs } from '../../firmware/incline-outputs';
import { Training } from '../../firmware/training';
import type { Treadmill } from '../../firmware/treadmill';
import type { InclinePorts } from '../../hal/treadmill-hal';
import { SimDigitalOut } from '../../sim/ports/sim-digital-out';
import type { SimScheduler } from '../../sim/sim-scheduler';
import { recordMotorWrites } from './motor-write-log';
import { makeTrainingRig as makeRigWithDuty } from './training-rig';

/** The duty ceiling these tests configure (passed to the firmware, not read from its defaults; the default map tops out at 0.822). */
const MAX_DUTY = 0.85;

function makeTrainingRig() {
  return makeRigWithDuty(MAX_DUTY);
}

/** Make the training part claim a calibration step driving `duty` from now on (an open-loop duty the controller never chose). */
function injectCalibrationDuty(training: Training, duty: number): void {
  // The tick asks the training features only while they say they are ticking: keep them saying so.
  Object.defineProperty(training, 'ticking', { get: () => true, set: () => undefined });
  training.calibrationDriving = () => true;
  training.calibrationDuty = () => duty;
  training.calibrationReferenceKph = () => 4;
}

/** Ask for backward from idle and let the direction dwell run out. */
function requestBackwardAndDwell(rig: { scheduler: SimScheduler; firmware: Treadmill }): void {
  const result = rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
  assert.ok(result.accepted, result.message);
  rig.scheduler.advance(4000);
}

describe('backup checks fed the impossible input', () => {
  describe('direction relay written while the motor is driven', () => {
    it('is refused when the enable reads on at the switch: control error, relay untouched, outputs safe', () => {
      const rig = makeTrainingRig();
      rig.scheduler.advance(3000);
      // A driver whose enable reads back on while the firmware thinks it idle.
      rig.sim.hal.motor.enable.read = () => true;
      const writes = recordMotorWrites(rig.sim.hal.motor, rig.scheduler);
      requestBackwardAndDwell(rig);
      assert.equal(rig.firmware.status().fault, 'controlError');
      assert.equal(rig.sim.motorDirection.read(), false, 'direction output');
      assert.deepEqual(writes.filter((write) => write.port === 'direction'), []);
      assert.equal(rig.sim.motorSpeed.read(), 0);
    });

    it('is refused when a duty above 0 is pending at the switch: control error, relay untouched', () => {
      const rig = makeTrainingRig();
      rig.scheduler.advance(3000);
      // An open-loop duty in idle, which no state without drive should ever hold: taken in by the
      // next tick (3.1 s, between two of the display-rate writes that would zero it again).
      injectCalibrationDuty(rig.training, 0.3);
      rig.scheduler.advance(100);
      assert.equal(rig.firmware.status().duty, 0.3, 'the injected duty must be pending');
      const writes = recordMotorWrites(rig.sim.hal.motor, rig.scheduler);
      requestBackwardAndDwell(rig);
      assert.equal(rig.firmware.status().fault, 'controlError');
      assert.deepEqual(writes.filter((write) => write.port === 'direction'), []);
      assert.equal(rig.sim.motorEnable.read(), false);
    });
  });

  describe('motor duty above maxDuty', () => {
    it('is clamped to maxDuty on the way to the motor', () => {
      const rig = makeTrainingRig();
      assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
      rig.scheduler.advance(5000);
      assert.equal(rig.firmware.status().state, 'running');
      const writes = recordMotorWrites(rig.sim.hal.motor, rig.scheduler);
      injectCalibrationDuty(rig.training, 1.4);
      rig.scheduler.advance(300);
      const duties = writes.filter((write) => write.port === 'speed').map((write) => write.value as number);
      assert.ok(duties.length >= 2, 'the running belt gets its duty every tick');
      duties.forEach((duty) => assert.ok(duty <= MAX_DUTY, 'duty ' + duty + ' written'));
      assert.equal(duties[duties.length - 1], MAX_DUTY);
      assert.equal(rig.firmware.status().duty, MAX_DUTY, 'the status reports the applied duty');
    });
  });

  describe('motor duty that is not a number', () => {
    it('goes out as 0, never as the ceiling', () => {
      const rig = makeTrainingRig();
      assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
      rig.scheduler.advance(5000);
      assert.equal(rig.firmware.status().state, 'running');
      const writes = recordMotorWrites(rig.sim.hal.motor, rig.scheduler);
      injectCalibrationDuty(rig.training, NaN);
      rig.scheduler.advance(300);
      const duties = writes.filter((write) => write.port === 'speed').map((write) => write.value as number);
      assert.ok(duties.length >= 1, 'a duty was written');
      duties.forEach((duty) => assert.equal(duty, 0, 'duty ' + duty + ' written'));
    });
  });

  describe('both incline outputs asked on', () => {
    /** Ports whose every write is checked: never both on, even between two writes. */
    function checkedPorts(upBefore: boolean, downBefore: boolean): { ports: InclinePorts; log: string[] } {
      const up = new SimDigitalOut();
      const down = new SimDigitalOut();
      up.write(upBefore);
      down.write(downBefore);
      const log: string[] = [];
      const watch = (name: string, port: SimDigitalOut) => {
        const write = port.write.bind(port);
        port.write = (active: boolean) => {
          write(active);
          log.push(name + ' ' + active);
          assert.ok(!(up.read() && down.read()), 'both outputs on after ' + log.join(', '));
        };
      };
      watch('up', up);
      watch('down', down);
      return { ports: { up, down, position: { kind: 'pulses', counter: { read: () => undefined } } } as unknown as InclinePorts, log };
    }

    [
      [false, false],
      [true, false],
      [false, true],
    ].forEach((before) => {
      it('switches neither on (up ' + before[0] + ', down ' + before[1] + ' before)', () => {
        const checked = checkedPorts(before[0], before[1]);
        writeInclineOutputs(checked.ports, true, true);
        assert.equal(checked.ports.up.read() && checked.ports.down.read(), false);
        assert.equal(checked.log.some((line) => line.endsWith(' true')), false, 'switched on: ' + checked.log.join(', '));
      });
    });

    it('a reversal writes the other output off before this one on', () => {
      const checked = checkedPorts(true, false);
      writeInclineOutputs(checked.ports, false, true);
      assert.deepEqual(checked.log, ['up false', 'down true']);
      writeInclineOutputs(checked.ports, true, false);
      assert.deepEqual(checked.log.slice(2), ['down false', 'up true']);
    });
  });
});
