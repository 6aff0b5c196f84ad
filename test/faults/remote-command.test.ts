// Bad remote commands (malformed, out of range, remote start/clear): refused with a clear message at once, nothing changes.

import assert from 'node:assert/strict';
import type { Command } from '../../firmware/command';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import { advance, nextTick, local, makeFaultRig, selectDirection, setSpeed, startAndRun, stepOn, variant } from './fault-rig';

/** The fields a refused command must leave exactly as they were. */
function snapshot(status: TreadmillStatus): object {
  return {
    state: status.state,
    direction: status.direction,
    pendingDirection: status.pendingDirection,
    targetSpeedKph: status.targetSpeedKph,
    setpointKph: status.setpointKph,
    duty: status.duty,
    motorEnabled: status.motorEnabled,
    fault: status.fault,
  };
}

interface BadCommand {
  what: string;
  command: unknown;
  message: RegExp;
}

/** Sent while running forward at 3 km/h. */
const WHILE_RUNNING: BadCommand[] = [
  { what: 'setSpeed above the forward cap', command: { name: 'setSpeed', source: 'remote', speedKph: 25 }, message: /above the forward cap of 16\.0 km\/h/ },
  { what: 'setSpeed just above the cap', command: { name: 'setSpeed', source: 'remote', speedKph: 16.05 }, message: /above the forward cap/ },
  { what: 'setSpeed below the minimum', command: { name: 'setSpeed', source: 'remote', speedKph: 0.3 }, message: /below the minimum/ },
  { what: 'setSpeed negative', command: { name: 'setSpeed', source: 'remote', speedKph: -3 }, message: /below the minimum/ },
  { what: 'setSpeed NaN', command: { name: 'setSpeed', source: 'remote', speedKph: NaN }, message: /needs speedKph, a number/ },
  { what: 'setSpeed Infinity', command: { name: 'setSpeed', source: 'remote', speedKph: Infinity }, message: /needs speedKph, a number/ },
  { what: 'setSpeed as text', command: { name: 'setSpeed', source: 'remote', speedKph: '12' }, message: /needs speedKph, a number/ },
  { what: 'setSpeed without a speed', command: { name: 'setSpeed', source: 'remote' }, message: /needs speedKph/ },
  { what: 'setDirection sideways', command: { name: 'setDirection', source: 'remote', direction: 'sideways' }, message: /forward or backward/ },
  { what: 'setDirection without a direction', command: { name: 'setDirection', source: 'remote' }, message: /forward or backward/ },
  { what: 'an unknown command', command: { name: 'launch', source: 'remote' }, message: /unknown command launch/ },
  { what: 'an unknown source', command: { name: 'speedUp', source: 'cloud' }, message: /source must be local or remote/ },
  { what: 'no source at all', command: { name: 'speedUp' }, message: /source must be local or remote/ },
  { what: 'remote free-belt mode', command: { name: 'freeBelt', source: 'remote' }, message: /only at the machine/ },
  { what: 'null instead of a command', command: null, message: /malformed command/ },
  { what: 'nothing at all', command: undefined, message: /malformed command/ },
  { what: 'a bare string', command: 'start', message: /malformed command/ },
  { what: 'a name that is not text', command: { name: { toString: null }, source: 'remote' }, message: /malformed command/ },
];

describe('faults: bad remote commands', () => {
  describe('refused at once while running, with a clear message, and nothing changes', () => {
    WHILE_RUNNING.forEach((bad) => {
      it(bad.what, () => {
        const rig = makeFaultRig(variant({}));
        startAndRun(rig);
        stepOn(rig, 'forward');
        setSpeed(rig, 3);
        advance(rig, 10000);
        const before = snapshot(rig.firmware.status());
        const beltKph = rig.sim.beltSpeedKph();
        const result = rig.firmware.command(bad.command as Command);
        assert.equal(result.accepted, false, 'accepted: ' + result.message);
        assert.match(result.message, bad.message);
        assert.deepEqual(snapshot(rig.firmware.status()), before, 'state changed by a refused command');
        assert.ok(rig.sim.log.contains('refused'), 'the refusal is logged');
        assert.deepEqual(rig.scheduler.errors, []);
        advance(rig, 5000);
        assert.equal(rig.firmware.status().state, 'running');
        assert.equal(rig.firmware.status().targetSpeedKph, 3);
        assert.ok(Math.abs(rig.sim.beltSpeedKph() - beltKph) < 0.4, 'belt moved from ' + beltKph.toFixed(2) + ' to ' + rig.sim.beltSpeedKph().toFixed(2));
      });
    });

    it('setSpeed above the backward cap while running backward', () => {
      const rig = makeFaultRig(variant({}));
      selectDirection(rig, 'backward');
      startAndRun(rig);
      advance(rig, 5000);
      const before = snapshot(rig.firmware.status());
      const result = rig.firmware.command({ name: 'setSpeed', source: 'remote', speedKph: 4.5 });
      assert.equal(result.accepted, false);
      assert.match(result.message, /above the backward cap of 4\.0 km\/h/);
      assert.deepEqual(snapshot(rig.firmware.status()), before);
    });
  });

  describe('no remote command takes the belt out of idle, stopping or fault', () => {
    it('remote start from idle is refused; the belt never moves', () => {
      const rig = makeFaultRig(variant({}));
      const result = rig.firmware.command({ name: 'start', source: 'remote' });
      assert.equal(result.accepted, false);
      assert.match(result.message, /remote start refused: start at the machine/);
      for (let elapsedMs = 0; elapsedMs < 6000; elapsedMs += rig.config.controlPeriodMs) {
        nextTick(rig);
        assert.equal(rig.firmware.status().state, 'idle');
      }
      assert.equal(rig.sim.beltDistanceM(), 0);
    });

    it('a remote program start from idle is refused; no program runs and the belt never moves', () => {
      const rig = makeFaultRig(variant({}));
      const result = rig.firmware.command({ name: 'startProgram', source: 'remote', program: 'backward-intro' });
      assert.equal(result.accepted, false);
      assert.match(result.message, /remote start refused/);
      for (let elapsedMs = 0; elapsedMs < 6000; elapsedMs += rig.config.controlPeriodMs) {
        nextTick(rig);
        assert.equal(rig.firmware.status().state, 'idle');
        assert.equal(rig.sim.motorEnabled(), false);
      }
      assert.equal(rig.firmware.programStatus().phase, 'off');
      assert.equal(rig.sim.beltDistanceM(), 0);
    });

    it('a paused program is not resumed remotely; a local resume starts its countdown', () => {
      const rig = makeFaultRig(variant({}));
      const started = rig.firmware.command({ name: 'startProgram', source: 'local', program: 'intervals' });
      assert.ok(started.accepted, started.message);
      advance(rig, 8000);
      assert.equal(rig.firmware.status().state, 'running');
      assert.ok(rig.firmware.command({ name: 'pause', source: 'local' }).accepted);
      const deadlineMs = rig.scheduler.nowMs() + 20000;
      while (rig.firmware.status().state !== 'idle' && rig.scheduler.nowMs() < deadlineMs) nextTick(rig);
      assert.equal(rig.firmware.status().state, 'idle');
      const remote = rig.firmware.command({ name: 'resume', source: 'remote' });
      assert.equal(remote.accepted, false);
      assert.match(remote.message, /remote start refused/);
      advance(rig, 5000);
      assert.equal(rig.firmware.status().state, 'idle');
      const resumed = rig.firmware.command({ name: 'resume', source: 'local' });
      assert.ok(resumed.accepted, resumed.message);
      assert.equal(rig.firmware.status().state, 'countdown');
    });

    it('remote start cannot resume a stopping belt, and stale speed commands do not accelerate it', () => {
      const rig = makeFaultRig(variant({}));
      startAndRun(rig);
      stepOn(rig, 'forward');
      setSpeed(rig, 6);
      advance(rig, 10000);
      local(rig, 'stop');
      advance(rig, 500);
      const before = snapshot(rig.firmware.status());
      (
        [
          { name: 'start', source: 'remote' },
          { name: 'speedUp', source: 'remote' },
          { name: 'setSpeed', source: 'remote', speedKph: 8 },
        ] as Command[]
      ).forEach((command) => {
        const result = rig.firmware.command(command);
        assert.equal(result.accepted, false, command.name + ' accepted');
        assert.ok(result.message.length > 10, 'a message for ' + command.name);
      });
      assert.deepEqual(snapshot(rig.firmware.status()), before);
      let lastBeltKph = rig.sim.beltSpeedKph();
      const deadlineMs = rig.scheduler.nowMs() + 15000;
      while (rig.firmware.status().state === 'stopping' && rig.scheduler.nowMs() < deadlineMs) {
        advance(rig, 200);
        assert.ok(rig.sim.beltSpeedKph() <= lastBeltKph + 0.3, 'the belt sped up while stopping');
        lastBeltKph = rig.sim.beltSpeedKph();
      }
      assert.equal(rig.firmware.status().state, 'idle');
    });

    it('in fault: remote start, clear, speed and direction commands are refused; the fault stays latched', () => {
      const rig = makeFaultRig(variant({}));
      startAndRun(rig);
      advance(rig, 5000);
      rig.sim.pullKey();
      advance(rig, 10000);
      rig.sim.insertKey();
      advance(rig, 500);
      const before = snapshot(rig.firmware.status());
      (
        [
          { name: 'start', source: 'remote' },
          { name: 'clearFault', source: 'remote' },
          { name: 'setSpeed', source: 'remote', speedKph: 3 },
          { name: 'setDirection', source: 'remote', direction: 'backward' },
          { name: 'freeBelt', source: 'remote' },
        ] as Command[]
      ).forEach((command) => {
        const result = rig.firmware.command(command);
        assert.equal(result.accepted, false, command.name + ' accepted');
        assert.ok(/fault|machine/.test(result.message), command.name + ': ' + result.message);
      });
      assert.deepEqual(snapshot(rig.firmware.status()), before);
      advance(rig, 2000);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.equal(rig.firmware.status().fault, 'keyRemoved');
    });
  });

  describe('no false refusal: valid remote commands work', () => {
    it('remote speed changes, slow-down, direction request and stop are accepted while running', () => {
      const rig = makeFaultRig(variant({}));
      startAndRun(rig);
      stepOn(rig, 'forward');
      (
        [
          { name: 'setSpeed', source: 'remote', speedKph: 4 },
          { name: 'speedUp', source: 'remote' },
          { name: 'speedDown', source: 'remote' },
          { name: 'setSpeed', source: 'remote', speedKph: 16 },
          { name: 'slowDown', source: 'remote' },
        ] as Command[]
      ).forEach((command) => {
        const result = rig.firmware.command(command);
        assert.equal(result.accepted, true, command.name + ': ' + result.message);
        advance(rig, 1000);
      });
      assert.equal(rig.firmware.status().targetSpeedKph, rig.config.startSpeedKph);
      assert.equal(rig.firmware.command({ name: 'setDirection', source: 'remote', direction: 'backward' }).accepted, true);
      assert.equal(rig.firmware.status().state, 'stopping');
      assert.equal(rig.firmware.command({ name: 'stop', source: 'remote' }).accepted, true);
    });
  });
});
