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

describe('control error latch when what follows the error fails too', () => {
  // Each of these ran inside the recovery before the latch: a throw there left the belt running.
  const failures: { name: string; fail: (rig: ReturnType<typeof makeFaultRig>) => void }[] = [
    {
      name: 'the session marker cannot be erased',
      fail: (rig) => {
        rig.sim.hal.storage.erase = () => {
          throw new Error('flash busy');
        };
      },
    },
    {
      name: 'the log throws',
      fail: (rig) => {
        rig.sim.hal.log.error = () => {
          throw new Error('console gone');
        };
      },
    },
    {
      name: 'the beeper throws',
      fail: (rig) => {
        const beeper = rig.sim.hal.beeper;
        assert.ok(beeper, 'the rig has a beeper');
        beeper.beep = () => {
          throw new Error('beeper failed');
        };
        beeper.silence = () => {
          throw new Error('beeper failed');
        };
      },
    },
  ];

  failures.forEach((failure) => {
    it('latches and keeps the motor off when ' + failure.name, () => {
      const rig = makeFaultRig(variant({}));
      runSteady(rig, 'forward', 3, 3000);
      failure.fail(rig);
      failKeyReadOnce(rig);
      rig.firmware.command({ name: 'speedUp', source: 'local' });
      const status = rig.firmware.status();
      assert.equal(status.state, 'fault');
      assert.equal(status.fault, 'controlError');
      // Ticks after it must not drive the belt again.
      advance(rig, 2000);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.equal(rig.sim.hal.motor.enable.read(), false, 'motor enable off');
      assert.equal(rig.firmware.status().duty, 0);
    });
  });
});

describe('control error between ticks, and the tick as the key check\'s backup', () => {
  it('a control error from a command between ticks: its time is the command\'s, and the fault beep sounds', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 3, 3000);
    // Half a period after the last tick: the command's time is not the tick's.
    advance(rig, 37);
    const beeper = rig.sim.hal.beeper;
    assert.ok(beeper, 'the rig has a beeper');
    const tonesBefore = (beeper as unknown as { tones: unknown[] }).tones.length;
    failKeyReadOnce(rig);
    const commandMs = rig.sim.hal.clock.nowMs();
    rig.firmware.command({ name: 'speedUp', source: 'local' });
    const status = rig.firmware.status();
    assert.equal(status.fault, 'controlError');
    assert.equal(status.timeMs, commandMs, 'the status is of the command\'s time');
    assert.ok((beeper as unknown as { tones: unknown[] }).tones.length > tonesBefore, 'the fault beep sounded');
  });

  it('a key that reads removed at a tick without an edge (a missed edge) is latched by the tick', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 3, 3000);
    const key = rig.sim.hal.safetyKey;
    key.read = () => false;
    advance(rig, 500);
    const status = rig.firmware.status();
    assert.equal(status.state, 'fault');
    assert.equal(status.fault, 'keyRemoved');
    assert.equal(rig.sim.hal.motor.enable.read(), false);
  });
});
