// The session marker in storage (power loss during a session is reported at boot): written when the belt starts running, erased when a session ends, never left by a cancelled countdown.

import assert from 'node:assert/strict';
import { SESSION_MARKER } from '../../firmware/treadmill';
import { advance, local, makeFaultRig, startAndRun, variant } from '../faults/fault-rig';
import { failKeyReadOnce } from './fail-key-read';

describe('session marker', () => {
  it('is written when the countdown ends and the belt runs', () => {
    const rig = makeFaultRig(variant({}));
    local(rig, 'start');
    assert.equal(rig.sim.storage.read(SESSION_MARKER), undefined, 'not during the countdown');
    startAndRunRest(rig);
    assert.notEqual(rig.sim.storage.read(SESSION_MARKER), undefined);
  });

  it('is not left by a countdown cancelled with stop', () => {
    const rig = makeFaultRig(variant({}));
    local(rig, 'start');
    advance(rig, 1000);
    local(rig, 'stop');
    assert.equal(rig.firmware.status().state, 'idle');
    assert.equal(rig.sim.storage.read(SESSION_MARKER), undefined);
  });

  it('is not left by a countdown ended by a pulled key', () => {
    const rig = makeFaultRig(variant({}));
    local(rig, 'start');
    advance(rig, 1000);
    rig.sim.pullKey();
    advance(rig, 50);
    assert.equal(rig.firmware.status().state, 'fault');
    assert.equal(rig.sim.storage.read(SESSION_MARKER), undefined);
  });

  it('is erased when a running session ends in a fault (key pulled)', () => {
    const rig = makeFaultRig(variant({}));
    startAndRun(rig);
    assert.notEqual(rig.sim.storage.read(SESSION_MARKER), undefined);
    rig.sim.pullKey();
    advance(rig, 50);
    assert.equal(rig.firmware.status().state, 'fault');
    assert.equal(rig.sim.storage.read(SESSION_MARKER), undefined);
  });

  it('is erased when a running session ends in a control error (latched without the table), so a clear and a reboot report no cut session', () => {
    const rig = makeFaultRig(variant({}));
    startAndRun(rig);
    assert.notEqual(rig.sim.storage.read(SESSION_MARKER), undefined);
    failKeyReadOnce(rig);
    rig.firmware.command({ name: 'speedUp', source: 'local' });
    assert.equal(rig.firmware.status().fault, 'controlError');
    assert.equal(rig.sim.storage.read(SESSION_MARKER), undefined);
  });

  it('stays when a control error comes outside a session (nothing to end)', () => {
    const rig = makeFaultRig(variant({}));
    rig.sim.storage.write(SESSION_MARKER, '1');
    failKeyReadOnce(rig);
    rig.firmware.command({ name: 'speedUp', source: 'local' });
    assert.equal(rig.firmware.status().fault, 'controlError');
    // Idle before the error: a marker there is a previous boot's, reported at boot, not this one's to erase.
    assert.equal(rig.sim.storage.read(SESSION_MARKER), '1');
  });
});

/** The rest of startAndRun after the start command: wait out the countdown. */
function startAndRunRest(rig: ReturnType<typeof makeFaultRig>): void {
  for (let waitedMs = 0; rig.firmware.status().state === 'countdown'; waitedMs += 100) {
    assert.ok(waitedMs < 20000, 'countdown never ended');
    advance(rig, 100);
  }
  assert.equal(rig.firmware.status().state, 'running');
}
