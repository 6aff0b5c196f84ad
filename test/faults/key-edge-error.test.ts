// A throw inside the key edge's handling (storage failing as the session ends) makes the outputs safe and latches a control error; it never escapes into the port's event.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, runSteady, variant } from './fault-rig';

describe('a throw in the key edge', () => {
  it('latches a control error with the outputs safe', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 3, 3000);
    // Erasing the session marker fails as the fault is entered.
    rig.sim.hal.storage.erase = () => {
      throw new Error('storage failed');
    };
    rig.sim.pullKey();
    assert.doesNotThrow(() => advance(rig, 50));
    assert.equal(rig.sim.motorDuty(), 0);
    assert.equal(rig.sim.motorEnabled(), false);
    assert.equal(rig.firmware.status().state, 'fault');
    assert.ok(rig.sim.log.contains('error control error: Error: storage failed; outputs made safe'), rig.sim.log.lines.join('\n'));
  });
});
