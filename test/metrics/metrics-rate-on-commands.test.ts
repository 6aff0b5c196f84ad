// A command that changes no state leaves the session figures to the display rate; a state change brings them up to date first.

import assert from 'node:assert/strict';
import { DISPLAY_PERIOD_MS } from '../../firmware/treadmill';
import { advance, local, makeFaultRig, runSteady, variant } from '../faults/fault-rig';

describe('session figures and commands', () => {
  it('a refused or no-change command between updates does not update them; stop does', () => {
    const rig = makeFaultRig(variant({}), { controlPeriodMs: 100 });
    runSteady(rig, 'forward', 3, 3000);
    const metrics = rig.firmware.status().metrics;
    // Run to just after a display-rate update.
    const seenMs = metrics.elapsedMs;
    for (let waitedMs = 0; metrics.elapsedMs === seenMs; waitedMs += 100) {
      assert.ok(waitedMs <= DISPLAY_PERIOD_MS, 'the figures update at the display rate');
      advance(rig, 100);
    }
    const updatedMs = metrics.elapsedMs;
    advance(rig, 300);
    assert.deepEqual(rig.firmware.command({ name: 'start', source: 'local' }), { accepted: true, message: 'already started' });
    assert.equal(metrics.elapsedMs, updatedMs, 'no update for a command that changes no state');
    local(rig, 'stop');
    assert.equal(metrics.elapsedMs, updatedMs + 300, 'a state change counts the time so far first');
  });
});
