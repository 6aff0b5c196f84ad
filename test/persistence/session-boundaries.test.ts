// Where a stored session begins and ends: calibration is not a session; a paused program is one session.

import assert from 'node:assert/strict';
import type { Command } from '../../firmware/command';
import { loadHistory } from '../../firmware/persistence/session-history';
import { makeRig, type Rig } from '../closed-loop/harness';

function local(rig: Rig, command: Omit<Command, 'source'>): void {
  const result = rig.firmware.command(Object.assign({ source: 'local' as const }, command));
  assert.equal(result.accepted, true, command.name + ': ' + result.message);
}

function history(rig: Rig) {
  return loadHistory(rig.sim.hal.storage, rig.sim.hal.log);
}

/** Run until `done` holds, in 100 ms steps, for at most `limitMs`. */
function runUntil(rig: Rig, done: () => boolean, limitMs: number): void {
  for (let elapsedMs = 0; elapsedMs < limitMs && !done(); elapsedMs += 100) rig.scheduler.advance(100);
  assert.ok(done(), 'condition not reached within ' + limitMs + ' ms');
}

describe('stored session boundaries', () => {
  it('a duty calibration run is not stored as a training session', () => {
    const rig = makeRig({ walkerMode: 'off', pulsesPerMeter: 100 }, { metersPerPulse: 0.01 });
    rig.scheduler.advance(1000);
    local(rig, { name: 'calibrate' });
    rig.scheduler.advance(5000);
    assert.equal(rig.firmware.calibrating(), true);
    runUntil(rig, () => !rig.firmware.calibrating() && rig.firmware.status().state === 'idle', 400000);
    assert.match(rig.firmware.calibrationOutcome(), /stored|calibrat/i);
    assert.equal(history(rig).length, 0);
  });

  it('a program paused and resumed is one session, stored as completed', () => {
    const rig = makeRig({ walkerMode: 'backward', pulsesPerMeter: 100 }, { metersPerPulse: 0.01 });
    rig.scheduler.advance(1000);
    local(rig, { name: 'startProgram', program: 'backward-intro' });
    runUntil(rig, () => rig.firmware.status().state === 'running', 30000);
    rig.scheduler.advance(60000);
    local(rig, { name: 'pause' });
    runUntil(rig, () => rig.firmware.status().state === 'idle', 20000);
    rig.scheduler.advance(10000);
    assert.equal(history(rig).length, 0, 'a pause does not end the session');
    local(rig, { name: 'resume' });
    runUntil(rig, () => rig.firmware.programStatus().phase === 'off' && rig.firmware.status().state === 'idle', 600000);
    const entries = history(rig);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].stopReason, 'completed');
    assert.equal(entries[0].direction, 'backward');
    assert.ok(entries[0].backwardDistanceM > 50, 'both parts counted: ' + entries[0].backwardDistanceM + ' m');
  });

  it('a program stopped while paused ends its session as a user stop', () => {
    const rig = makeRig({ walkerMode: 'backward', pulsesPerMeter: 100 }, { metersPerPulse: 0.01 });
    rig.scheduler.advance(1000);
    local(rig, { name: 'startProgram', program: 'backward-intro' });
    runUntil(rig, () => rig.firmware.status().state === 'running', 30000);
    rig.scheduler.advance(30000);
    local(rig, { name: 'pause' });
    runUntil(rig, () => rig.firmware.status().state === 'idle', 20000);
    local(rig, { name: 'stop' });
    rig.scheduler.advance(1000);
    const entries = history(rig);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].stopReason, 'user');
  });
});
