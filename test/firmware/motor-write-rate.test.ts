// How often the control loop writes the motor: the enable once per driven run, and a resting motor's safe outputs at a display's rate.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, nextTick, runSteady, variant } from '../faults/fault-rig';
import { recordMotorWrites } from './motor-write-log';

/** The display period the README states (DISPLAY_PERIOD_MS: once a second), ms, and the tick these tests configure. */
const DISPLAY_PERIOD_MS = 1000;
const TICK_MS = 100;

describe('motor write rate', () => {
  it('a running belt: the duty every tick, the enable never again after the first driven write', () => {
    const rig = makeFaultRig(variant({}), { controlPeriodMs: TICK_MS });
    runSteady(rig, 'forward', 3, 2000);
    const writes = recordMotorWrites(rig.sim.hal.motor, rig.scheduler);
    for (let tick = 0; tick < 50; tick++) nextTick(rig);
    assert.equal(writes.filter((write) => write.port === 'speed').length, 50);
    assert.deepEqual(writes.filter((write) => write.port !== 'speed'), []);
    assert.equal(rig.sim.motorEnabled(), true);
  });

  it('idle: the safe outputs again at the display rate, not every tick, putting right an output changed behind the firmware\'s back', () => {
    const rig = makeFaultRig(variant({}), { controlPeriodMs: TICK_MS });
    advance(rig, 3000);
    const writes = recordMotorWrites(rig.sim.hal.motor, rig.scheduler);
    for (let tick = 0; tick < 50; tick++) nextTick(rig);
    const enableWrites = writes.filter((write) => write.port === 'enable');
    assert.equal(enableWrites.length, (50 * TICK_MS) / DISPLAY_PERIOD_MS);
    assert.ok(enableWrites.every((write) => write.value === false));
    assert.equal(writes.filter((write) => write.port === 'speed' && write.value === 0).length, enableWrites.length);
    rig.sim.motorEnable.write(true);
    advance(rig, DISPLAY_PERIOD_MS);
    assert.equal(rig.sim.motorEnabled(), false, 'put right within a display period');
  });
});
