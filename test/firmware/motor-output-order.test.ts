// The Treadmill's own order of motor writes: safe outputs before anything in its constructor, duty zeroed before the enable goes off.

import assert from 'node:assert/strict';
import { bootTreadmill } from '../../firmware/index';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { advance, local, makeFaultRig, runSteady, runUntilFault, variant, type FaultRig } from '../faults/fault-rig';
import { assertDirectionWrittenUndriven, assertDutyZeroedBeforeDisable, disablingWrites, recordMotorWrites, type MotorWrite } from './motor-write-log';

/** A rig running forward at 4 km/h with every later motor write recorded. */
function runningRig(): { rig: FaultRig; writes: MotorWrite[] } {
  const rig = makeFaultRig(variant({}));
  runSteady(rig, 'forward', 4, 5000);
  assert.ok(rig.sim.hal.motor.speed.read() > 0, 'the belt must be driven before the cut');
  return { rig, writes: recordMotorWrites(rig.sim.hal.motor, rig.scheduler) };
}

describe('Treadmill: motor write order', () => {
  describe('outputs left driven before the constructor (a HAL that starts with the motor on)', () => {
    [false, true].forEach((backward) => {
      it('are made safe by the constructor, before the direction relay is written (direction output ' + (backward ? 'backward' : 'forward') + ')', () => {
        const scheduler = new SimScheduler();
        const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS));
        const motor = sim.hal.motor;
        motor.speed.write(0.5);
        motor.enable.write(true);
        motor.direction.write(backward);
        const writes = recordMotorWrites(motor, scheduler);
        bootTreadmill(sim.hal, { drive: sim.options.drive });
        // No tick has run yet: only the constructor and boot wrote.
        assert.equal(motor.speed.read(), 0, 'duty after construction');
        assert.equal(motor.enable.read(), false, 'enable after construction');
        assert.equal(motor.direction.read(), false, 'the direction output starts forward');
        assertDutyZeroedBeforeDisable(writes, 'constructor');
        assert.ok(writes.some((write) => write.port === 'direction'), 'the constructor writes the direction output');
        assertDirectionWrittenUndriven(writes, 'constructor');
      });
    });
  });

  it('stop: the duty is zeroed before the enable goes off when the belt reaches rest', () => {
    const { rig, writes } = runningRig();
    local(rig, 'stop');
    assert.equal(runUntilFault(rig, 15000), null);
    assert.equal(rig.firmware.status().state, 'idle');
    assertDutyZeroedBeforeDisable(writes, 'stop');
  });

  it('key pull: duty zeroed before enable off, in the key edge\'s own event', () => {
    const { rig, writes } = runningRig();
    // Between two ticks, so no tick's own writes share the key's event time.
    advance(rig, 37);
    const pulledMs = rig.scheduler.nowMs();
    rig.sim.pullKey();
    advance(rig, 30);
    const disabling = disablingWrites(writes);
    assert.equal(disabling.length, 1, 'one write disables the motor');
    assert.ok(disabling[0].timeMs % rig.config.controlPeriodMs !== 0 && disabling[0].timeMs >= pulledMs, 'disabled by the key edge, not a tick: ' + disabling[0].timeMs + ' ms');
    assertDutyZeroedBeforeDisable(writes, 'key pull');
  });

  it('fault (encoder loss): duty zeroed before enable off in the tick that latches it', () => {
    const { rig, writes } = runningRig();
    rig.sim.injectFault('encoderDisconnected');
    assert.equal(runUntilFault(rig, 10000), 'encoderLoss');
    assertDutyZeroedBeforeDisable(writes, 'encoder loss');
  });

  it('control error (a port throws in the tick): duty zeroed before enable off on the shutdown path', () => {
    const { rig, writes } = runningRig();
    const encoder = rig.sim.hal.beltEncoder;
    const read = encoder.read.bind(encoder);
    let failures = 1;
    encoder.read = (reading) => {
      if (failures-- > 0) throw new Error('encoder read failed');
      read(reading);
    };
    assert.equal(runUntilFault(rig, 1000), 'controlError');
    assertDutyZeroedBeforeDisable(writes, 'control error');
  });
});
