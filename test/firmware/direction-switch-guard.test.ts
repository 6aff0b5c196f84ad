// The direction relay never moves while the motor enable reads on: the switch at standstill re-checks the outputs, latches a control error instead, and says why.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, variant } from '../faults/fault-rig';

describe('direction switch guard', () => {
  it('an enable reading on at the switch leaves the relay, latches a control error and logs the reason', () => {
    const rig = makeFaultRig(variant({}));
    const answer = rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    assert.ok(answer.accepted, answer.message);
    // The enable output reads on from now (a stuck output or a bug upstream).
    rig.sim.hal.motor.enable.read = () => true;
    advance(rig, 10000);
    assert.equal(rig.sim.motorDirection.read(), false, 'the relay stayed forward');
    assert.equal(rig.firmware.status().fault, 'controlError');
    assert.ok(rig.sim.log.contains('error control error: Error: direction switch attempted while the motor is driven; outputs made safe'), rig.sim.log.lines.join('\n'));
  });
});
