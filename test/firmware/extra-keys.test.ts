// The full edition's extra keys through the simulated inputs: the Program key on the idle screen, and the quick-speed keys.

import assert from 'node:assert/strict';
import { BEEP_PATTERNS } from '../../firmware/beep-patterns';
import { quickSpeedCommand } from '../../firmware/extra-keys';
import { resolveConfig } from '../../firmware/config-overrides';
import { saveProgram } from '../../firmware/persistence/program-records';
import { builtinProgramNames, nextProgramChoice, programChoices } from '../../firmware/program/program-list';
import { makeRig, startBelt, type Rig } from '../closed-loop/harness';

/** Quick speeds of these tests, km/h: the third is above the backward cap (4 km/h). */
const QUICK_SPEEDS_KPH = [2, 3, 6];

/** A custom program stored on the rig's board: one forward minute at 2.5 km/h. */
const STORED = JSON.stringify({ name: 'my-walk', segments: [{ durationS: 60, direction: 'forward', speedKph: 2.5, label: 'walk' }] });

function idleRig(): Rig {
  return makeRig({ walkerMode: 'off' }, { quickSpeedsKph: QUICK_SPEEDS_KPH });
}

/** A rig running forward at the start speed (countdown and ramp done). */
function runningRig(direction: 'forward' | 'backward'): Rig {
  const rig = idleRig();
  if (direction === 'backward') {
    assert.ok(rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted);
    // The direction switches after the belt has stood still for the dwell.
    rig.scheduler.advance(3000);
  }
  startBelt(rig);
  rig.scheduler.advance(6000);
  assert.equal(rig.firmware.status().state, 'running');
  assert.equal(rig.firmware.status().direction, direction);
  return rig;
}

/** Press `key` for 100 ms and let the event and a redraw run. */
function tap(rig: Rig, key: 'program' | 'start' | 'quick1' | 'quick2' | 'quick3'): void {
  rig.sim.press(key, 100);
  rig.scheduler.advance(300);
}

/** The beeper's tone frequencies and durations from `fromMs` on, gaps left out. */
function tonesSince(rig: Rig, fromMs: number): number[] {
  const tones: number[] = [];
  rig.sim.beeper.tones.filter((tone) => tone.timeMs >= fromMs).forEach((tone) => tones.push(tone.frequencyHz, tone.durationMs));
  return tones;
}

/** The refused pattern's tones, gaps left out (BEEP_PATTERNS: tone, duration, gap, ...). */
function refusedTones(): number[] {
  const pattern = BEEP_PATTERNS.refused;
  return [pattern[0], pattern[1], pattern[3], pattern[4]];
}

/** Press the Program key until `name` is chosen; fails after one round of the list. */
function choose(rig: Rig, name: string): void {
  const names = programChoices(rig.sim.hal.storage);
  for (let press = 0; press <= names.length; press++) {
    if (rig.firmware.programStatus().chosen === name) return;
    tap(rig, 'program');
  }
  assert.fail('the Program key never chose ' + name);
}

describe('extra keys (full edition)', () => {
  describe('Program key', () => {
    it('steps through the built-in programs, then the stored ones, then back to none; the belt never moves', () => {
      const rig = idleRig();
      assert.ok(saveProgram(rig.sim.hal.storage, 'my-walk', STORED).accepted);
      const expected = builtinProgramNames().concat(['my-walk', '']);
      assert.equal(rig.firmware.programStatus().chosen, '');
      const seen: string[] = [];
      expected.forEach(() => {
        tap(rig, 'program');
        seen.push(rig.firmware.programStatus().chosen);
        const status = rig.firmware.status();
        assert.equal(status.state, 'idle');
        assert.equal(status.duty, 0);
        assert.equal(status.motorEnabled, false);
      });
      assert.deepEqual(seen, expected);
      assert.equal(seen[0], 'backward-intro', 'the built-ins first, in the console\'s order');
    });

    it('the idle screen shows the choice with "Press Start", and drops it at "none"', () => {
      const rig = idleRig();
      tap(rig, 'program');
      tap(rig, 'program');
      tap(rig, 'program');
      assert.equal(rig.firmware.programStatus().chosen, '12-3-30');
      assert.deepEqual(rig.sim.display.lines.slice(0, 3), ['Press Start     km/h', 'Program 12-3-30     ', '> Forward           ']);
      choose(rig, 'backward-progression-3');
      assert.equal(rig.sim.display.lines[1], 'Backward stage 3    ');
      choose(rig, '');
      assert.equal(rig.sim.display.lines[0], 'Ready           km/h');
      assert.equal(rig.sim.display.lines[1], '> Forward           ');
    });

    it('Start runs the chosen program through startProgram: countdown, then its first segment\'s speed; the choice is cleared', () => {
      const rig = idleRig();
      choose(rig, 'intervals');
      tap(rig, 'start');
      assert.equal(rig.firmware.status().state, 'countdown');
      const program = rig.firmware.programStatus();
      assert.equal(program.name, 'intervals');
      assert.equal(program.chosen, '');
      assert.equal(rig.firmware.status().targetSpeedKph, 0, 'nothing moves in the countdown');
      rig.scheduler.advance(4000);
      assert.equal(rig.firmware.status().state, 'running');
      assert.equal(rig.firmware.status().targetSpeedKph, 4, 'the warm-up segment: 4 km/h');
      assert.equal(rig.firmware.programStatus().label, 'warm-up');
    });

    it('a chosen backward program switches the direction first, as startProgram does', () => {
      const rig = idleRig();
      choose(rig, 'backward-intro');
      tap(rig, 'start');
      assert.equal(rig.firmware.programStatus().name, 'backward-intro');
      assert.equal(rig.firmware.status().state, 'idle', 'the belt waits for the direction switch');
      assert.equal(rig.firmware.programStatus().chosen, '', 'the accepted start clears the choice');
      rig.scheduler.advance(10000);
      const status = rig.firmware.status();
      assert.equal(status.direction, 'backward');
      assert.equal(status.state, 'running');
      assert.ok(Math.abs(status.targetSpeedKph - 0.8) < 1e-9, 'target ' + status.targetSpeedKph);
    });

    it('a plain Start without a choice starts as before: no program', () => {
      const rig = idleRig();
      tap(rig, 'start');
      rig.scheduler.advance(4000);
      assert.equal(rig.firmware.status().state, 'running');
      assert.equal(rig.firmware.programStatus().name, '');
      assert.ok(Math.abs(rig.firmware.status().targetSpeedKph - 0.8) < 1e-9);
    });

    it('a Start refused (key out) keeps the choice; the key pull itself forgets it', () => {
      const rig = idleRig();
      choose(rig, '12-3-30');
      rig.sim.pullKey();
      rig.scheduler.advance(300);
      assert.equal(rig.firmware.programStatus().chosen, '', 'forgotten at the key pull');
      rig.sim.insertKey();
      rig.scheduler.advance(300);
      choose(rig, '12-3-30');
      rig.sim.pullKey();
      rig.scheduler.advance(300);
      choose(rig, 'intervals');
      tap(rig, 'start');
      assert.equal(rig.firmware.status().state, 'idle', 'no start without the key');
      assert.equal(rig.firmware.programStatus().chosen, 'intervals', 'the refused start keeps it');
    });

    it('is refused outside the idle screen with the refused beep and a message; a fault forgets the choice', () => {
      const rig = runningRig('forward');
      const fromMs = rig.scheduler.nowMs();
      tap(rig, 'program');
      assert.equal(rig.firmware.programStatus().chosen, '');
      assert.deepEqual(tonesSince(rig, fromMs), refusedTones());
      assert.ok(rig.sim.log.lines.some((line) => line.indexOf('refused key press (local): program key: programs are chosen on the idle screen') >= 0), 'the refusal is said');
      assert.equal(rig.firmware.status().state, 'running', 'the belt runs on');

      const paused = idleRig();
      assert.ok(paused.firmware.command({ name: 'startProgram', source: 'local', program: 'intervals' }).accepted);
      paused.scheduler.advance(6000);
      assert.ok(paused.firmware.command({ name: 'pause', source: 'local' }).accepted);
      paused.scheduler.advance(8000);
      assert.equal(paused.firmware.status().state, 'idle');
      tap(paused, 'program');
      assert.equal(paused.firmware.programStatus().chosen, '', 'a paused program is not the idle screen');

      // An incline runaway latches a fault in idle too: the choice goes with the idle screen.
      const faulted = idleRig();
      choose(faulted, 'intervals');
      faulted.sim.injectFault('inclineRunaway');
      faulted.scheduler.advance(10000);
      assert.equal(faulted.firmware.status().state, 'fault');
      assert.equal(faulted.firmware.programStatus().chosen, '');
    });

    it('the next choice wraps to none after the last and restarts from a deleted one', () => {
      assert.equal(nextProgramChoice('', ['a', 'b']), 'a');
      assert.equal(nextProgramChoice('a', ['a', 'b']), 'b');
      assert.equal(nextProgramChoice('b', ['a', 'b']), '');
      assert.equal(nextProgramChoice('gone', ['a', 'b']), 'a');
    });
  });

  describe('quick-speed keys', () => {
    it('while running set the target in the current direction through setSpeed', () => {
      const rig = runningRig('forward');
      tap(rig, 'quick2');
      assert.equal(rig.firmware.status().targetSpeedKph, 3);
      tap(rig, 'quick1');
      assert.equal(rig.firmware.status().targetSpeedKph, 2);
      tap(rig, 'quick3');
      assert.equal(rig.firmware.status().targetSpeedKph, 6, 'forward: below the forward cap');
      rig.scheduler.advance(8000);
      assert.ok(Math.abs(rig.firmware.status().setpointKph - 6) < 1e-6, 'the belt follows: setpoint ' + rig.firmware.status().setpointKph);
    });

    it('backward: a quick speed above the backward cap is capped to it', () => {
      const rig = runningRig('backward');
      tap(rig, 'quick3');
      assert.equal(rig.firmware.status().targetSpeedKph, 4);
      assert.ok(rig.sim.log.lines.every((line) => line.indexOf('refused') < 0), 'accepted, not refused');
      tap(rig, 'quick1');
      assert.equal(rig.firmware.status().targetSpeedKph, 2);
    });

    it('are refused with the refused beep when the belt is not running, and a key without a speed says so', () => {
      const rig = idleRig();
      const fromMs = rig.scheduler.nowMs();
      tap(rig, 'quick1');
      const status = rig.firmware.status();
      assert.equal(status.state, 'idle');
      assert.equal(status.targetSpeedKph, 0);
      assert.deepEqual(tonesSince(rig, fromMs), refusedTones());
      assert.ok(rig.sim.log.lines.some((line) => line.indexOf('refused setSpeed (local): belt not running') >= 0));

      const bare = makeRig({ walkerMode: 'off' }, { quickSpeedsKph: [2] });
      startBelt(bare);
      bare.scheduler.advance(6000);
      tap(bare, 'quick2');
      assert.ok(Math.abs(bare.firmware.status().targetSpeedKph - 0.8) < 1e-9, 'unchanged');
      assert.ok(bare.sim.log.lines.some((line) => line.indexOf('quick key 2: no speed set for it') >= 0));
    });

    it('the command a key asks for: capped per direction, none without a speed', () => {
      const config = resolveConfig({ quickSpeedsKph: [5.5] });
      assert.deepEqual(quickSpeedCommand(config, 0, 'forward'), { name: 'setSpeed', source: 'local', speedKph: 5.5 });
      assert.deepEqual(quickSpeedCommand(config, 0, 'backward'), { name: 'setSpeed', source: 'local', speedKph: 4 });
      assert.equal(quickSpeedCommand(config, 1, 'forward'), null);
    });

    it('the configuration refuses more than three speeds and a speed outside the hard caps, naming the field', () => {
      assert.throws(() => resolveConfig({ quickSpeedsKph: [2, 3, 4, 5] }), /quickSpeedsKph" holds at most 3/);
      assert.throws(() => resolveConfig({ quickSpeedsKph: [2, 25] }), /quickSpeedsKph\[1\]" must be within 0.8..20, got 25/);
      assert.throws(() => resolveConfig({ quickSpeedsKph: [0.2] }), /quickSpeedsKph\[0\]" must be within/);
      assert.throws(() => resolveConfig({ quickSpeedsKph: ['fast'] }), /quickSpeedsKph\[0\]" must be a number/);
      assert.deepEqual(resolveConfig({ quickSpeedsKph: [2, 3, 20] }).quickSpeedsKph, [2, 3, 20]);
    });
  });
});
