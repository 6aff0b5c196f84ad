// A program sets the belt's target only while it runs: a segment skipped during the program's countdown leaves the target at 0 until the belt starts.

import assert from 'node:assert/strict';
import { makeTrainingRig } from '../firmware/training-rig';

describe('program targets before the belt runs', () => {
  it('a skip in the countdown moves the program on but sets no target', () => {
    const rig = makeTrainingRig(0.85);
    const started = rig.firmware.command({ name: 'startProgram', source: 'local', program: 'intervals' });
    assert.ok(started.accepted, started.message);
    rig.scheduler.advance(1000);
    assert.equal(rig.firmware.status().state, 'countdown');
    const skipped = rig.firmware.command({ name: 'skip', source: 'local' });
    assert.ok(skipped.accepted, skipped.message);
    assert.equal(rig.firmware.programStatus().segmentIndex, 1);
    assert.equal(rig.firmware.status().state, 'countdown');
    assert.equal(rig.firmware.status().targetSpeedKph, 0);
  });
});
