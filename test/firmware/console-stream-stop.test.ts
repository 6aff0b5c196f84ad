// The console's status stream: stopping one that never ran answers "no stream", and a log that cannot carry data lines refuses to stream.

import assert from 'node:assert/strict';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { makeFaultRig, variant } from '../faults/fault-rig';

describe('console status stream, start and stop', () => {
  it('unwatch without a stream answers "no stream", and after one "stream stopped"', () => {
    const rig = makeFaultRig(variant({}));
    assert.deepEqual(rig.firmware.unwatch(), { accepted: true, message: 'no stream' });
    assert.ok(rig.firmware.watch(500).accepted);
    assert.deepEqual(rig.firmware.unwatch(), { accepted: true, message: 'stream stopped' });
    assert.deepEqual(rig.firmware.unwatch(), { accepted: true, message: 'no stream' });
  });

  it('a log without data lines refuses the stream', () => {
    const withoutData = (hal: TreadmillHal) => {
      const log = hal.log;
      hal.log = { info: (message: string) => log.info(message), warn: (message: string) => log.warn(message), error: (message: string) => log.error(message) };
    };
    const rig = makeFaultRig(variant({}), undefined, withoutData);
    assert.deepEqual(rig.firmware.watch(500), { accepted: false, message: 'this console cannot stream' });
    rig.scheduler.advance(2000);
    assert.ok(!rig.sim.log.lines.some((line) => line.indexOf(' data ') >= 0));
  });
});
