// The stored history is read once, at boot: a bad history record is reported once, not again when the first session is stored.

import assert from 'node:assert/strict';
import { loadHistory } from '../../firmware/persistence/session-history';
import { advance, local, makeFaultRig, startAndRun, variant } from '../faults/fault-rig';

/** A history slot holding a record that is not a history entry. */
const BAD_RECORD = 'rt.h3';

describe('history read at boot', () => {
  it('a bad record is reported at boot only, and the session is stored after the good ones', () => {
    const rig = makeFaultRig(variant({}), undefined, (hal) => {
      hal.storage.write(BAD_RECORD, '{"session":3}');
    });
    const reports = () => rig.sim.log.lines.filter((line) => line.indexOf(BAD_RECORD) >= 0).length;
    assert.equal(reports(), 1, rig.sim.log.lines.join('\n'));
    startAndRun(rig);
    advance(rig, 60000);
    local(rig, 'stop');
    advance(rig, 20000);
    assert.equal(rig.firmware.status().state, 'idle');
    const stored = loadHistory(rig.sim.hal.storage, rig.sim.hal.log);
    assert.equal(stored.length, 1, 'the session was stored');
    assert.equal(reports(), 2, 'reported at boot, and by this test reading the history; not by the recorder');
  });
});
