// Boot says where it left the machine: one "boot: safe idle" line, after the power-loss warning when a session was cut.

import assert from 'node:assert/strict';
import { SESSION_MARKER } from '../../firmware/treadmill';
import { makeFaultRig, variant } from '../faults/fault-rig';

/** The boot lines, without their time stamps. */
function bootLines(lines: string[]): string[] {
  return lines.filter((line) => line.indexOf(' boot: ') >= 0).map((line) => line.slice(line.indexOf(' ') + 1));
}

describe('boot log', () => {
  it('a clean boot logs one line: safe idle', () => {
    const rig = makeFaultRig(variant({}));
    assert.deepEqual(bootLines(rig.sim.log.lines), ['info boot: safe idle']);
  });

  it('a boot after a cut session warns first, then safe idle', () => {
    const rig = makeFaultRig(variant({}), undefined, (hal) => {
      hal.storage.write(SESSION_MARKER, '1');
    });
    assert.deepEqual(bootLines(rig.sim.log.lines), ['warn boot: the last session ended by power loss or reset; belt idle, press start to run', 'info boot: safe idle']);
  });
});
