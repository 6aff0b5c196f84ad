// A program sets the belt's target only while it runs: a segment skipped during the program's countdown leaves the target at 0 until the belt starts, then the skipped-to segment's speed applies.

import assert from 'node:assert/strict';
import { intervalsProgram } from '../../firmware/program/builtin-programs';
import type { ProgramSegment } from '../../firmware/program/program';
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
    // Once the countdown ends the belt takes the segment it was skipped to, not the start speed.
    // intervals: the warm-up at 4 km/h, then "fast 1/5" at 8 (the program's own figures).
    const wanted = (intervalsProgram(rig.config).segments[rig.firmware.programStatus().segmentIndex] as ProgramSegment).speedKph;
    assert.ok(wanted > rig.config.startSpeedKph, 'the segment is faster than the start speed: ' + wanted);
    for (let waitedMs = 0; rig.firmware.status().state !== 'running'; waitedMs += 100) {
      assert.ok(waitedMs < 10000, 'the countdown never ended');
      rig.scheduler.advance(100);
    }
    rig.scheduler.advance(1000);
    assert.equal(rig.firmware.status().targetSpeedKph, wanted);
  });
});
