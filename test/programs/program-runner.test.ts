// The pure program runner (firmware/program/program-runner.ts): segment time, overrides, direction changes, the end.

import { strict as assert } from 'assert';
import { advanceSegment, beginProgram, makeProgramRunner, pauseProgram, programRemainingMs, stepProgramRunner } from '../../firmware/program/program-runner';
import type { Program } from '../../firmware/program/program';

const PROGRAM: Program = {
  name: 'test',
  segments: [
    { durationS: 2, direction: 'forward', speedKph: 3, inclinePct: 0, label: 'a' },
    { durationS: 1, direction: 'forward', speedKph: 4, inclinePct: 2, label: 'b' },
    { durationS: 1, direction: 'backward', speedKph: 1, inclinePct: 0, label: 'c' },
  ],
};

describe('program runner (pure core)', () => {
  it('starts only from idle in the first segment direction, then applies targets once running', () => {
    const runner = makeProgramRunner();
    beginProgram(runner, PROGRAM);
    assert.equal(stepProgramRunner(runner, 'idle', 'backward', null, 20), 'none', 'wrong direction: wait');
    assert.equal(stepProgramRunner(runner, 'idle', 'forward', 'forward', 20), 'none', 'switch pending: wait');
    assert.equal(stepProgramRunner(runner, 'idle', 'forward', null, 20), 'start');
    assert.equal(stepProgramRunner(runner, 'countdown', 'forward', null, 20), 'none');
    assert.equal(runner.phase, 'running');
    assert.equal(stepProgramRunner(runner, 'running', 'forward', null, 20), 'applyTargets');
    assert.equal(runner.segmentElapsedMs, 0, 'the countdown does not count');
  });

  it('counts segment time only while running, advances, and asks for the interlock before another direction', () => {
    const runner = makeProgramRunner();
    beginProgram(runner, PROGRAM);
    runner.phase = 'running';
    stepProgramRunner(runner, 'running', 'forward', null, 20);
    assert.equal(programRemainingMs(runner), 4000);
    for (let tick = 0; tick < 99; tick++) assert.equal(stepProgramRunner(runner, 'running', 'forward', null, 20), 'none');
    assert.equal(programRemainingMs(runner), 2020);
    stepProgramRunner(runner, 'stopping', 'forward', null, 1000);
    assert.equal(programRemainingMs(runner), 2020, 'stopping does not count');
    assert.equal(stepProgramRunner(runner, 'running', 'forward', null, 20), 'applyTargets', 'segment b');
    assert.equal(runner.segmentIndex, 1);
    runner.overrideSpeedKph = 5;
    for (let tick = 0; tick < 49; tick++) stepProgramRunner(runner, 'running', 'forward', null, 20);
    assert.equal(stepProgramRunner(runner, 'running', 'forward', null, 20), 'changeDirection');
    assert.equal(runner.phase, 'awaitingStart');
    assert.equal(runner.overrideSpeedKph, -1, 'an override ends with its segment');
    assert.equal(stepProgramRunner(runner, 'idle', 'backward', null, 20), 'none', 'never starts on its own after a direction change');
    assert.equal(stepProgramRunner(runner, 'running', 'backward', null, 20), 'applyTargets', 'the user pressed start');
    for (let tick = 0; tick < 49; tick++) stepProgramRunner(runner, 'running', 'backward', null, 20);
    assert.equal(stepProgramRunner(runner, 'running', 'backward', null, 20), 'finish');
    assert.equal(runner.phase, 'off');
    assert.equal(programRemainingMs(runner), 0);
  });

  it('pause keeps the segment time; a fault abandons the program; skip past the end finishes', () => {
    const runner = makeProgramRunner();
    beginProgram(runner, PROGRAM);
    runner.phase = 'running';
    runner.targetsDue = false;
    stepProgramRunner(runner, 'running', 'forward', null, 500);
    pauseProgram(runner);
    assert.equal(stepProgramRunner(runner, 'idle', 'forward', null, 5000), 'none');
    assert.equal(stepProgramRunner(runner, 'running', 'forward', null, 20), 'applyTargets');
    assert.equal(runner.segmentElapsedMs, 500);
    assert.equal(advanceSegment(runner, 'forward'), 'applyTargets');
    assert.equal(advanceSegment(runner, 'forward'), 'changeDirection');
    assert.equal(advanceSegment(runner, 'backward'), 'finish');
    beginProgram(runner, PROGRAM);
    assert.equal(stepProgramRunner(runner, 'fault', 'forward', null, 20), 'abandon');
    assert.equal(runner.phase, 'off');
  });

  it('a program without segments (manual) leaves the runner off', () => {
    const runner = makeProgramRunner();
    beginProgram(runner, { name: 'manual', segments: [] });
    assert.equal(runner.phase, 'off');
    assert.equal(stepProgramRunner(runner, 'running', 'forward', null, 20), 'none');
  });
});
