// What an observer (the FTMS host) hears: the halt once, every key edge, the status as an event left it, and a throwing observer logged without stopping the others.

import assert from 'node:assert/strict';
import type { TreadmillObserver } from '../../firmware/treadmill-observer';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import { advance, local, makeFaultRig, startAndRun, variant } from '../faults/fault-rig';

/** An observer that counts its calls and keeps what it saw of the status (beltStill) at each change. */
function recorder(): TreadmillObserver & { halts: number; commands: number; beltStillSeen: boolean[] } {
  const seen = {
    halts: 0,
    commands: 0,
    beltStillSeen: [] as boolean[],
    onCommand: () => {
      seen.commands++;
    },
    onStatusChange: (status: TreadmillStatus) => {
      seen.beltStillSeen.push(status.beltStill);
    },
    onHalt: () => {
      seen.halts++;
    },
  };
  return seen;
}

describe('treadmill observers', () => {
  it('hear the halt once, as a halt and not as a status change', () => {
    const rig = makeFaultRig(variant({}));
    const observer = recorder();
    rig.firmware.observe(observer);
    rig.firmware.halt();
    assert.equal(observer.halts, 1);
    assert.deepEqual(observer.beltStillSeen, []);
  });

  it('hear a key edge in idle, where no transition runs', () => {
    const rig = makeFaultRig(variant({}));
    const observer = recorder();
    rig.firmware.observe(observer);
    rig.sim.pullKey();
    advance(rig, 50);
    assert.equal(rig.firmware.status().state, 'idle');
    assert.equal(observer.beltStillSeen.length, 1);
  });

  it('see the belt still in idle and moving while running, as the event left the status', () => {
    const rig = makeFaultRig(variant({}));
    const observer = recorder();
    rig.firmware.observe(observer);
    advance(rig, 1000);
    // An accepted command that changes nothing still reports the status.
    local(rig, 'clearFault');
    assert.ok(observer.beltStillSeen.length > 0);
    assert.deepEqual(observer.beltStillSeen.filter((still) => !still), [], 'belt still at every report');
    startAndRun(rig);
    advance(rig, 5000);
    observer.beltStillSeen.length = 0;
    local(rig, 'speedUp');
    assert.ok(observer.beltStillSeen.length > 0);
    assert.deepEqual(observer.beltStillSeen.filter((still) => still), [], 'belt moving at every report');
  });

  it('a throwing observer is logged, and the one after it still hears the event', () => {
    const rig = makeFaultRig(variant({}));
    rig.firmware.observe({
      onCommand: () => {
        throw new Error('link down');
      },
      onStatusChange: () => undefined,
      onHalt: () => undefined,
    });
    const observer = recorder();
    rig.firmware.observe(observer);
    local(rig, 'clearFault');
    assert.equal(observer.commands, 1);
    assert.deepEqual(
      rig.sim.log.lines.filter((line) => line.indexOf('error observer: ') >= 0).map((line) => line.slice(line.indexOf('error '))),
      ['error observer: Error: link down'],
    );
  });

  it('observers that never throw leave no observer line in the log', () => {
    const rig = makeFaultRig(variant({}));
    rig.firmware.observe(recorder());
    rig.firmware.observe(recorder());
    local(rig, 'clearFault');
    startAndRun(rig);
    advance(rig, 2000);
    rig.firmware.halt();
    assert.ok(!rig.sim.log.contains('observer: '), rig.sim.log.lines.join('\n'));
  });
});
