// Entering a state where the lift may not move (free belt, fault) switches both lift relays off in the same event; a state where it may (countdown) leaves a moving lift alone.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, variant, type FaultRig } from '../faults/fault-rig';

/** A rig (with an incline) whose lift is driving up toward 8 %. */
function liftRising(): FaultRig {
  const rig = makeFaultRig(variant({}));
  assert.ok(rig.sim.inclineUp !== null && rig.sim.inclineDown !== null, 'the default simulated machine has an incline');
  const answer = rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 8 });
  assert.ok(answer.accepted, answer.message);
  advance(rig, 1000);
  assert.equal(rig.sim.inclineUp.read(), true, 'lift rising');
  return rig;
}

describe('lift relays on entering a state', () => {
  it('free-belt mode switches both relays off before the command returns', () => {
    const rig = liftRising();
    assert.ok(rig.firmware.command({ name: 'freeBelt', source: 'local' }).accepted);
    assert.equal((rig.sim.inclineUp as { read(): boolean }).read(), false, 'up');
    assert.equal((rig.sim.inclineDown as { read(): boolean }).read(), false, 'down');
  });

  it('a start (countdown) leaves the rising lift running', () => {
    const rig = liftRising();
    assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
    assert.equal(rig.firmware.status().state, 'countdown');
    assert.equal((rig.sim.inclineUp as { read(): boolean }).read(), true, 'up');
    assert.equal((rig.sim.inclineDown as { read(): boolean }).read(), false, 'down');
  });
});
