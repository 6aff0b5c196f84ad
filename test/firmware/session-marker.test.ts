// The session marker in storage (power loss during a session is reported at boot): written when the belt starts running, erased when a session ends, never left by a cancelled countdown.

import assert from 'node:assert/strict';
import { resolveConfig } from '../../firmware/config-overrides';
import { FULL_FEATURES } from '../../firmware/index';
import { SESSION_MARKER, Treadmill } from '../../firmware/treadmill';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
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

  it('is erased when a control error comes while the belt ramps down after a stop (the session ends there too)', () => {
    const rig = makeFaultRig(variant({}));
    startAndRun(rig);
    advance(rig, 3000);
    local(rig, 'stop');
    assert.equal(rig.firmware.status().state, 'stopping');
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

  it('is kept by a storage that refuses empty records (Espruino may): the marker has text', () => {
    const rig = makeFaultRig(variant({}), undefined, (hal) => {
      const write = hal.storage.write.bind(hal.storage);
      hal.storage.write = (name: string, text: string) => text.length > 0 && write(name, text);
    });
    startAndRun(rig);
    assert.notEqual(rig.sim.storage.read(SESSION_MARKER), undefined);
  });

  it('a cut session is still reported when a command changed the state before boot (only the end of a session erases the marker)', () => {
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS));
    sim.storage.write(SESSION_MARKER, '1');
    const firmware = new Treadmill(sim.hal, resolveConfig({ drive: sim.options.drive }), FULL_FEATURES);
    // Commands read the key themselves, so the table answers before boot: free-belt mode and back to idle.
    assert.ok(firmware.command({ name: 'freeBelt', source: 'local' }).accepted);
    assert.equal(firmware.status().state, 'freeBelt');
    assert.ok(firmware.command({ name: 'stop', source: 'local' }).accepted);
    assert.equal(firmware.status().state, 'idle');
    firmware.boot();
    assert.ok(
      sim.log.lines.some((line) => line.indexOf('warn boot: the last session ended by power loss or reset') >= 0),
      'boot reports the cut session',
    );
    assert.equal(sim.storage.read(SESSION_MARKER), undefined, 'and erases the marker');
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
