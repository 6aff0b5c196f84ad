// A command between two ticks brings the status up to its own time: the status's time is the command's, and a countdown's time left is counted to it.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, nextTick, variant } from '../faults/fault-rig';

const TICK_MS = 100;
const COUNTDOWN_MS = 3000;
/** How far past a tick the command comes, ms (less than a tick). */
const PAST_TICK_MS = 30;

describe('status between ticks', () => {
  it('the time of a command between ticks is the status time, not the last tick', () => {
    const rig = makeFaultRig(variant({}), { controlPeriodMs: TICK_MS });
    nextTick(rig);
    advance(rig, PAST_TICK_MS);
    const commandMs = rig.scheduler.nowMs();
    assert.notEqual(commandMs % TICK_MS, 0);
    rig.firmware.command({ name: 'clearFault', source: 'local' });
    assert.equal(rig.firmware.status().timeMs, commandMs);
  });

  it('a refused command in the countdown shows the time left at the command', () => {
    const rig = makeFaultRig(variant({}), { controlPeriodMs: TICK_MS, countdownMs: COUNTDOWN_MS });
    nextTick(rig);
    assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
    advance(rig, 1000 + PAST_TICK_MS);
    const answer = rig.firmware.command({ name: 'freeBelt', source: 'local' });
    assert.equal(answer.accepted, false);
    assert.equal(rig.firmware.status().state, 'countdown');
    assert.equal(rig.firmware.status().countdownRemainingMs, COUNTDOWN_MS - 1000 - PAST_TICK_MS);
  });
});
