// The console's transition lines: "from -> to: reason", the fault's words in brackets, a row that only sets a pending direction logged too, a no-effect row not.

import assert from 'node:assert/strict';
import { FAULT_MESSAGES } from '../../firmware/fault-code';
import { advance, local, makeFaultRig, startAndRun, variant } from '../faults/fault-rig';

/** The transition lines (info lines with " -> "), after the time stamp and level ("1.234 info x" -> "x"). */
function infoLines(lines: string[]): string[] {
  return lines.filter((line) => / info .* -> /.test(line)).map((line) => line.slice(line.indexOf(' info ') + ' info '.length));
}

describe('transition log lines', () => {
  it('a state change without a fault logs "from -> to: reason" and nothing after the reason', () => {
    const rig = makeFaultRig(variant({}));
    rig.sim.log.clear();
    local(rig, 'start');
    assert.deepEqual(infoLines(rig.sim.log.lines), ['idle -> countdown: start: countdown']);
  });

  it('a latched fault adds its words in brackets', () => {
    const rig = makeFaultRig(variant({}));
    startAndRun(rig);
    rig.sim.log.clear();
    rig.sim.pullKey();
    advance(rig, 50);
    assert.deepEqual(infoLines(rig.sim.log.lines), ['running -> fault: safety key removed: motor cut and latched (' + FAULT_MESSAGES.keyRemoved + ')']);
  });

  it('a row that keeps the state but has an effect (a pending direction) is logged', () => {
    const rig = makeFaultRig(variant({}));
    rig.sim.log.clear();
    const result = rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    assert.ok(result.accepted, result.message);
    assert.deepEqual(infoLines(rig.sim.log.lines), ['idle -> idle: direction change after the belt stands still']);
  });

  it('an accepted row that changes nothing is not logged', () => {
    const rig = makeFaultRig(variant({}));
    advance(rig, 1000);
    rig.sim.log.clear();
    assert.deepEqual(rig.firmware.command({ name: 'clearFault', source: 'local' }), { accepted: true, message: 'no fault to clear' });
    assert.deepEqual(infoLines(rig.sim.log.lines), []);
    assert.equal(rig.sim.log.lines.length, 0, rig.sim.log.lines.join('\n'));
  });
});
