// A program's own start refused by the safety rules is answered with the rule's words and logged once as the program's, besides the user's command.

import assert from 'node:assert/strict';
import { makeTrainingRig } from '../firmware/training-rig';

describe('a program start refused', () => {
  it('with the key out: refused with the key rule, one "refused start (program)" line', () => {
    const rig = makeTrainingRig(0.85);
    rig.sim.pullKey();
    rig.scheduler.advance(100);
    rig.sim.log.clear();
    const answer = rig.firmware.command({ name: 'startProgram', source: 'local', program: 'intervals' });
    assert.deepEqual(answer, { accepted: false, message: 'insert the safety key to start' });
    const refusals = rig.sim.log.lines.filter((line) => line.indexOf('refused') >= 0).map((line) => line.slice(line.indexOf('info ')));
    // The program's own start, then the user's command that asked for it.
    assert.deepEqual(refusals, ['info refused start (program): insert the safety key to start', 'info refused startProgram (local): insert the safety key to start']);
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('an accepted program start logs no refusal', () => {
    const rig = makeTrainingRig(0.85);
    rig.sim.log.clear();
    const answer = rig.firmware.command({ name: 'startProgram', source: 'local', program: 'intervals' });
    assert.ok(answer.accepted, answer.message);
    assert.equal(rig.firmware.status().state, 'countdown');
    assert.ok(!rig.sim.log.contains('refused'), rig.sim.log.lines.join('\n'));
  });
});
