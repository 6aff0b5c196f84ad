// The one shutdown path: every actuator to its safe value in order, each attempted even when another write throws.

import assert from 'node:assert/strict';
import { driveSafe } from '../../firmware/safe-outputs';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../../sim/sim-treadmill';
import { recordMotorWrites } from './motor-write-log';

/** A simulated treadmill with every actuator driven: duty, enable, the incline `lift` output, a tone playing. */
function drivenSim(lift: 'up' | 'down'): SimTreadmill {
  const sim = createSimTreadmill(new SimScheduler(), Object.assign({}, DEFAULT_SIM_OPTIONS, { hasIncline: true }));
  sim.hal.motor.speed.write(0.6);
  sim.hal.motor.enable.write(true);
  ((lift === 'up' ? sim.inclineUp : sim.inclineDown) as { write(active: boolean): void }).write(true);
  sim.beeper.beep(1000, 5000);
  return sim;
}

function assertAllSafe(sim: SimTreadmill): void {
  assert.equal(sim.hal.motor.speed.read(), 0, 'duty');
  assert.equal(sim.hal.motor.enable.read(), false, 'enable');
  assert.equal((sim.inclineUp as { read(): boolean }).read(), false, 'incline up');
  assert.equal((sim.inclineDown as { read(): boolean }).read(), false, 'incline down');
  assert.equal(sim.beeper.isSounding(), false, 'beeper');
}

describe('driveSafe', () => {
  (['up', 'down'] as ('up' | 'down')[]).forEach((lift) => {
    it('drives duty 0, enable off, both incline outputs off and the beeper silent, leaving the direction output alone (incline ' + lift + ' on)', () => {
      const sim = drivenSim(lift);
      sim.hal.motor.direction.write(true);
      const writes = recordMotorWrites(sim.hal.motor, sim.hal.clock);
      driveSafe(sim.hal);
      assertAllSafe(sim);
      assert.deepEqual(
        writes.map((write) => write.port + ' ' + write.value),
        ['speed 0', 'enable false'],
      );
      assert.equal(sim.hal.motor.direction.read(), true, 'the direction relay is not toggled under a coasting belt');
    });
  });

  ['speed', 'enable', 'up', 'down'].forEach((failing) => {
    it('still makes the others safe, and does not throw, when the ' + failing + ' write throws', () => {
      const sim = drivenSim(failing === 'down' ? 'up' : 'down');
      const ports: { [name: string]: { write(value: never): void } } = { speed: sim.hal.motor.speed, enable: sim.hal.motor.enable, up: sim.inclineUp as never, down: sim.inclineDown as never };
      ports[failing].write = () => {
        throw new Error(failing + ' output failed');
      };
      assert.doesNotThrow(() => driveSafe(sim.hal));
      if (failing !== 'speed') assert.equal(sim.hal.motor.speed.read(), 0, 'duty');
      if (failing !== 'enable') assert.equal(sim.hal.motor.enable.read(), false, 'enable');
      if (failing !== 'up') assert.equal((sim.inclineUp as { read(): boolean }).read(), false, 'incline up');
      if (failing !== 'down') assert.equal((sim.inclineDown as { read(): boolean }).read(), false, 'incline down');
      assert.equal(sim.beeper.isSounding(), false, 'beeper');
    });
  });

  it('works on a HAL without incline or beeper', () => {
    const sim = createSimTreadmill(new SimScheduler(), Object.assign({}, DEFAULT_SIM_OPTIONS, { hasIncline: false }));
    sim.hal.motor.speed.write(0.4);
    sim.hal.motor.enable.write(true);
    const hal = Object.assign({}, sim.hal, { beeper: undefined });
    driveSafe(hal);
    assert.equal(sim.hal.motor.speed.read(), 0);
    assert.equal(sim.hal.motor.enable.read(), false);
  });
});
