// Rows of the safety table met through the Treadmill where no other test reaches them: a pending direction change, a command before the key's edge, the stopped speed, the power-up reason.

import assert from 'node:assert/strict';
import { beltStopped } from '../../firmware/core/safety-transitions';
import { makeSafetyContext, makeSafetyInputs } from '../../firmware/core/safety-inputs';
import { advance, makeFaultRig, runSteady, variant } from '../faults/fault-rig';

describe('safety table edges', () => {
  it('powers up in safe idle and says so', () => {
    const rig = makeFaultRig(variant({}));
    assert.equal(rig.firmware.status().state, 'idle');
    assert.equal(rig.firmware.status().reason, 'power-up: safe idle');
  });

  describe('while a direction change waits for its dwell', () => {
    it('start is refused, and so is free-belt mode; after the switch both are possible', () => {
      const rig = makeFaultRig(variant({}));
      advance(rig, 3000);
      assert.ok(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted);
      assert.equal(rig.firmware.status().pendingDirection, 'backward');
      assert.deepEqual(rig.firmware.command({ name: 'start', source: 'local' }), { accepted: false, message: 'direction change in progress: wait for the belt to stand still' });
      assert.deepEqual(rig.firmware.command({ name: 'freeBelt', source: 'local' }), { accepted: false, message: 'stop the belt first' });
      assert.equal(rig.firmware.status().state, 'idle');
      advance(rig, 3000);
      assert.equal(rig.firmware.status().direction, 'backward');
      assert.equal(rig.firmware.status().pendingDirection, null);
      assert.equal(rig.firmware.command({ name: 'freeBelt', source: 'local' }).accepted, true);
    });

    it('asking for the pending direction again changes nothing; asking back for the current one cancels the switch', () => {
      const rig = makeFaultRig(variant({}));
      advance(rig, 3000);
      // Both before the next tick, which would switch at once (the belt has stood still for 3 s).
      assert.ok(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted);
      assert.deepEqual(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }), { accepted: true, message: 'direction already selected' });
      assert.equal(rig.firmware.status().pendingDirection, 'backward');
      assert.deepEqual(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'forward' }), { accepted: true, message: 'direction change after the belt stands still' });
      advance(rig, 3000);
      assert.equal(rig.firmware.status().direction, 'forward', 'the walker changed their mind: no switch');
      assert.equal(rig.firmware.status().pendingDirection, null);
      assert.equal(rig.sim.hal.motor.direction.read(), false, 'direction relay left forward');
    });
  });

  it('a command that reads the key out before the key\'s own edge arrives latches keyRemoved and is refused', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 3, 2000);
    // The input reads open already; its edge event has not run yet (on a board, an edge waits in
    // the event queue behind a command from the console).
    rig.sim.hal.safetyKey.read = () => false;
    assert.equal(rig.firmware.status().state, 'running');
    assert.deepEqual(rig.firmware.command({ name: 'speedUp', source: 'local' }), { accepted: false, message: 'safety key removed: motor cut and latched' });
    assert.equal(rig.firmware.status().fault, 'keyRemoved');
    assert.equal(rig.sim.hal.motor.enable.read(), false);
  });

  it('a stopping belt counts as stopped below 0.2 km/h with the setpoint at 0, not at 0.2', () => {
    const context = makeSafetyContext(0);
    const inputs = makeSafetyInputs();
    inputs.setpointKph = 0;
    inputs.measuredSpeedKph = 0.2;
    assert.equal(beltStopped(context, inputs), false);
    inputs.measuredSpeedKph = 0.19;
    assert.equal(beltStopped(context, inputs), true);
    inputs.setpointKph = 0.01;
    assert.equal(beltStopped(context, inputs), false);
  });
});
