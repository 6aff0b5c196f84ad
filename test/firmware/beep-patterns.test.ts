// The beeper means something: each event plays its own pattern, from the firmware on the simulated treadmill.

import assert from 'node:assert/strict';
import { BEEP_PATTERNS, BeepPlayer, type BeepEvent } from '../../firmware/beep-patterns';
import type { SimTone } from '../../sim/ports/sim-beeper';
import { SimBeeper } from '../../sim/ports/sim-beeper';
import { SimScheduler } from '../../sim/sim-scheduler';
import { makeRig, startBelt, type Rig } from '../closed-loop/harness';
import { makeTrainingRig } from './training-rig';

/** The pattern a run of tones makes, in the pattern table's form (frequency, duration, gap, ...). */
function patternOf(tones: SimTone[]): number[] {
  const pattern: number[] = [];
  tones.forEach((tone, index) => {
    pattern.push(tone.frequencyHz, tone.durationMs);
    if (index + 1 < tones.length) pattern.push(tones[index + 1].timeMs - tone.timeMs - tone.durationMs);
  });
  return pattern;
}

/** The tones the rig's beeper played from `fromMs` on. */
function tonesSince(rig: { sim: { beeper: SimBeeper } }, fromMs: number): SimTone[] {
  return rig.sim.beeper.tones.filter((tone) => tone.timeMs >= fromMs);
}

describe('beep patterns', () => {
  it('every event has a pattern of its own', () => {
    const events = Object.keys(BEEP_PATTERNS) as BeepEvent[];
    const shapes = events.map((event) => Array.from(BEEP_PATTERNS[event]).join(','));
    assert.equal(new Set(shapes).size, events.length, 'no two events sound alike');
    events.forEach((event) => assert.equal(BEEP_PATTERNS[event].length % 3, 2, event + ': tones of frequency and duration, a gap between'));
  });

  it('the player plays a pattern tone by tone, and a new event replaces the old one', () => {
    const scheduler = new SimScheduler();
    const beeper = new SimBeeper(scheduler);
    const player = new BeepPlayer(beeper, scheduler);
    player.play('keyPulled');
    scheduler.advance(2000);
    assert.deepEqual(patternOf(beeper.tones), Array.from(Array.from(BEEP_PATTERNS.keyPulled)));
    player.play('programEnd');
    scheduler.advance(100);
    player.play('refused');
    scheduler.advance(2000);
    const after = beeper.tones.slice(3);
    assert.deepEqual(
      after.map((tone) => tone.frequencyHz),
      [BEEP_PATTERNS.programEnd[0], BEEP_PATTERNS.refused[0], BEEP_PATTERNS.refused[3]],
      'the rest of the program-end tune gave way to the refusal',
    );
  });

  it('a machine without a beeper plays nothing and does not fail', () => {
    const player = new BeepPlayer(undefined, new SimScheduler());
    player.play('fault');
    player.stop();
  });

  describe('from the firmware', () => {
    function running(): Rig {
      const rig = makeRig({ walkerMode: 'off' }, {});
      startBelt(rig);
      rig.scheduler.advance(8000);
      return rig;
    }

    it('the countdown beeps once a second, then the start sounds', () => {
      const rig = makeRig({ walkerMode: 'off' }, {});
      const fromMs = rig.scheduler.nowMs();
      startBelt(rig);
      rig.scheduler.advance(4000);
      const tones = tonesSince(rig as never, fromMs);
      const countdown = tones.filter((tone) => tone.frequencyHz === BEEP_PATTERNS.countdown[0] && tone.durationMs === BEEP_PATTERNS.countdown[1]);
      assert.equal(countdown.length, 3, 'a 3 s countdown');
      assert.deepEqual(patternOf(tones.slice(3)), Array.from(BEEP_PATTERNS.start));
    });

    it('a pulled key sounds its three fast beeps; another fault its long low tone', () => {
      const rig = running();
      let fromMs = rig.scheduler.nowMs();
      rig.sim.pullKey();
      rig.scheduler.advance(2000);
      assert.deepEqual(patternOf(tonesSince(rig as never, fromMs)), Array.from(BEEP_PATTERNS.keyPulled));
      const other = running();
      fromMs = other.scheduler.nowMs();
      other.sim.injectFault('encoderDisconnected');
      other.scheduler.advance(6000);
      assert.equal(other.firmware.status().state, 'fault');
      assert.deepEqual(patternOf(tonesSince(other as never, fromMs)), Array.from(BEEP_PATTERNS.fault));
    });

    it('a refused press buzzes; an accepted one is silent', () => {
      const rig = makeRig({ walkerMode: 'off' }, {});
      const fromMs = rig.scheduler.nowMs();
      rig.sim.press('speedUp', 100);
      rig.scheduler.advance(1000);
      assert.deepEqual(patternOf(tonesSince(rig as never, fromMs)), Array.from(BEEP_PATTERNS.refused), 'speed up with the belt stopped');
      const later = rig.scheduler.nowMs();
      rig.sim.press('direction', 100);
      rig.scheduler.advance(1000);
      assert.deepEqual(tonesSince(rig as never, later), [], 'an accepted press');
    });

    it('a program announces each later segment and its end', () => {
      const rig = makeTrainingRig(0.85);
      const program = JSON.stringify({ name: 'short', segments: [{ durationS: 20, speedKph: 2, inclinePct: 0, direction: 'forward', label: 'a' }, { durationS: 20, speedKph: 3, inclinePct: 0, direction: 'forward', label: 'b' }] });
      const result = rig.firmware.command({ name: 'startProgram', source: 'local', program: program });
      assert.ok(result.accepted, result.message);
      const fromMs = rig.scheduler.nowMs();
      rig.scheduler.advance(50000);
      const shapes = tonesSince(rig as never, fromMs).map((tone) => tone.frequencyHz + '/' + tone.durationMs);
      const segment = BEEP_PATTERNS.segmentChange[0] + '/' + BEEP_PATTERNS.segmentChange[1];
      const end = BEEP_PATTERNS.programEnd[6] + '/' + BEEP_PATTERNS.programEnd[7];
      assert.equal(shapes.filter((shape) => shape === segment).length, 2, 'one segment change (two beeps): ' + shapes.join(' '));
      assert.ok(shapes.indexOf(end) >= 0, 'the end tune: ' + shapes.join(' '));
    });
  });
});
