// A control error latches with its own reason, and a throw while a fault is already latched keeps that fault's code and reason.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, runSteady, variant } from '../faults/fault-rig';
import { failKeyReadOnce } from './fail-key-read';

describe('control error latch', () => {
  it('from running: the fault is controlError, with its reason in the status', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 3, 3000);
    failKeyReadOnce(rig);
    rig.firmware.command({ name: 'speedUp', source: 'local' });
    const status = rig.firmware.status();
    assert.equal(status.fault, 'controlError');
    assert.equal(status.reason, 'control error: outputs made safe and latched');
  });

  it('with a fault already latched: the first fault and its reason stay', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 3, 3000);
    rig.sim.pullKey();
    advance(rig, 50);
    const latched = rig.firmware.status();
    assert.equal(latched.fault, 'keyRemoved');
    const reason = latched.reason;
    failKeyReadOnce(rig);
    const result = rig.firmware.command({ name: 'clearFault', source: 'local' });
    assert.deepEqual(result, { accepted: false, message: 'internal error: outputs made safe' });
    assert.equal(rig.firmware.status().state, 'fault');
    assert.equal(rig.firmware.status().fault, 'keyRemoved');
    assert.equal(rig.firmware.status().reason, reason);
  });
});
