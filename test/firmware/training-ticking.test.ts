// The tick asks the training features only while they have work (Training.ticking): never in a plain session, always while a program or a calibration runs.

import assert from 'node:assert/strict';
import type { Training } from '../../firmware/training';
import { makeTrainingRig } from './training-rig';

/** Count the tick's calls into the training features from now on. */
function countTickCalls(training: Training): { beforeRamp: number; calibrationDriving: number } {
  const counts = { beforeRamp: 0, calibrationDriving: 0 };
  const beforeRamp = training.beforeRamp.bind(training);
  const calibrationDriving = training.calibrationDriving.bind(training);
  training.beforeRamp = (nowMs, dtMs) => {
    counts.beforeRamp++;
    beforeRamp(nowMs, dtMs);
  };
  training.calibrationDriving = (nowMs, reading) => {
    counts.calibrationDriving++;
    return calibrationDriving(nowMs, reading);
  };
  return counts;
}

describe('the tick and the training features', () => {
  it('a plain session (start, run, stop) never calls them', () => {
    const rig = makeTrainingRig(0.85);
    const counts = countTickCalls(rig.training);
    assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
    rig.scheduler.advance(8000);
    assert.equal(rig.firmware.status().state, 'running');
    assert.ok(rig.firmware.command({ name: 'stop', source: 'local' }).accepted);
    rig.scheduler.advance(8000);
    assert.equal(rig.firmware.status().state, 'idle');
    assert.deepEqual(counts, { beforeRamp: 0, calibrationDriving: 0 });
    assert.equal(rig.training.ticking, false);
  });

  it('a program is stepped every tick from its start to its end, then no more', () => {
    const rig = makeTrainingRig(0.85);
    const counts = countTickCalls(rig.training);
    const result = rig.firmware.command({ name: 'startProgram', source: 'local', program: 'intervals' });
    assert.ok(result.accepted, result.message);
    assert.equal(rig.training.ticking, true);
    rig.scheduler.advance(10000);
    assert.equal(rig.firmware.status().state, 'running');
    const periodMs = 200;
    assert.ok(counts.beforeRamp >= 10000 / periodMs - 2, 'program steps: ' + counts.beforeRamp);
    assert.equal(counts.calibrationDriving, counts.beforeRamp);
    assert.ok(rig.firmware.command({ name: 'stop', source: 'local' }).accepted);
    rig.scheduler.advance(10000);
    assert.equal(rig.firmware.status().state, 'idle');
    assert.equal(rig.firmware.programStatus().phase, 'off');
    assert.equal(rig.training.ticking, false);
    const afterEnd = counts.beforeRamp;
    rig.scheduler.advance(5000);
    assert.equal(counts.beforeRamp, afterEnd, 'no more calls once the program and its session ended');
  });

  it('a calibration is stepped while it runs', () => {
    const rig = makeTrainingRig(0.85);
    const counts = countTickCalls(rig.training);
    const result = rig.firmware.command({ name: 'calibrate', source: 'local' });
    assert.ok(result.accepted, result.message);
    rig.scheduler.advance(10000);
    assert.ok(rig.firmware.calibrating());
    assert.ok(counts.calibrationDriving >= 10000 / 200 - 2, 'calibration steps: ' + counts.calibrationDriving);
  });
});
