// The incline's start blocker (backward with the lift above the backward cap) answers only a start from idle: other commands, and a start the table refuses for its own reason, get their own answers.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, nextTick, variant, type FaultRig } from '../faults/fault-rig';

/** The words of the incline's start blocker (firmware/incline-driver.ts). */
const BLOCKER = /above the backward cap/;

/** A rig whose lift stands at 14 %, above the backward cap (10 % by default). */
function liftHigh(): FaultRig {
  const rig = makeFaultRig(variant({}));
  const answer = rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 14 });
  assert.ok(answer.accepted, answer.message);
  advance(rig, 30000);
  assert.ok(rig.firmware.status().inclinePct > 13, 'lift up: ' + rig.firmware.status().inclinePct);
  return rig;
}

describe('start blocker scope', () => {
  it('a start from idle backward waits for the lift; a direction change back to forward is not blocked', () => {
    const rig = liftHigh();
    assert.ok(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted);
    const start = rig.firmware.command({ name: 'start', source: 'local' });
    assert.equal(start.accepted, false);
    assert.match(start.message, BLOCKER);
    const back = rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'forward' });
    assert.deepEqual(back, { accepted: true, message: 'direction change after the belt stands still' });
  });

  it('in free-belt mode a start is refused by the table, not by the lift', () => {
    const rig = liftHigh();
    assert.ok(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted);
    while (rig.firmware.status().direction !== 'backward') nextTick(rig);
    assert.ok(rig.firmware.status().inclinePct > 10, 'lift still above the backward cap: ' + rig.firmware.status().inclinePct);
    assert.ok(rig.firmware.command({ name: 'freeBelt', source: 'local' }).accepted);
    assert.deepEqual(rig.firmware.command({ name: 'start', source: 'local' }), { accepted: false, message: 'stop free-belt mode first' });
  });
});
