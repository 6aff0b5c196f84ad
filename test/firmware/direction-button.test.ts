// The console's direction button toggles the selected direction, or the one already waiting to apply.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, variant } from '../faults/fault-rig';

describe('direction button', () => {
  it('toggles the direction waiting for its dwell, not the current one; once switched, the other way', () => {
    // Just after power-up the belt has not yet measured its 2 s of standstill: a change waits.
    const rig = makeFaultRig(variant({}));
    advance(rig, 100);
    rig.sim.press('direction', 50);
    advance(rig, 100);
    assert.equal(rig.firmware.status().pendingDirection, 'backward');
    rig.sim.press('direction', 50);
    advance(rig, 100);
    assert.equal(rig.firmware.status().pendingDirection, 'forward', 'toggles the waiting direction');
    advance(rig, 4000);
    assert.equal(rig.firmware.status().direction, 'forward');
    rig.sim.press('direction', 50);
    advance(rig, 1000);
    assert.equal(rig.firmware.status().direction, 'backward');
    rig.sim.press('direction', 50);
    advance(rig, 1000);
    assert.equal(rig.firmware.status().direction, 'forward', 'from backward, forward');
  });
});
