// A backward program picked with the lift above the backward cap: its start is refused by the lift (logged, retried) until the lift is down, then the countdown runs.

import assert from 'node:assert/strict';
import { makeTrainingRig } from '../firmware/training-rig';

describe('program start waiting for the lift', () => {
  it('refusals while the lift lowers, then the countdown', () => {
    const rig = makeTrainingRig(0.85);
    assert.ok(rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 14 }).accepted);
    rig.scheduler.advance(30000);
    rig.sim.log.clear();
    const picked = rig.firmware.command({ name: 'startProgram', source: 'local', program: 'backward-intro' });
    assert.ok(picked.accepted, picked.message);
    rig.scheduler.advance(15000);
    const lines = rig.sim.log.lines;
    const firstRefusal = lines.findIndex((line) => / info refused start \(program\): incline [\d.]+ % is above the backward cap/.test(line));
    const countdown = lines.findIndex((line) => line.indexOf('info idle -> countdown') >= 0);
    assert.ok(firstRefusal >= 0, 'the lift refused the program start: ' + lines.join('\n'));
    assert.ok(countdown > firstRefusal, 'the countdown came after the lift was down: ' + lines.join('\n'));
    assert.ok(rig.firmware.status().inclinePct <= 10.05, 'lift at or below the backward cap: ' + rig.firmware.status().inclinePct);
  });
});
