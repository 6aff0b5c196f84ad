// The start countdown: a beep at each whole second left, the time left in the status, the motor off until it ends.

import assert from 'node:assert/strict';
import { makeFaultRig, nextTick, variant } from '../faults/fault-rig';

/** The countdown these tests configure, ms, and the tick (given here, not the firmware's defaults). */
const COUNTDOWN_MS = 4000;
const TICK_MS = 100;

describe('start countdown', () => {
  it('beeps once at each whole second left (4, 3, 2, 1), shows the time left, and keeps the motor off', () => {
    const rig = makeFaultRig(variant({}), { countdownMs: COUNTDOWN_MS, controlPeriodMs: TICK_MS });
    nextTick(rig);
    const startMs = rig.scheduler.nowMs();
    rig.firmware.command({ name: 'start', source: 'local' });
    assert.equal(rig.firmware.status().state, 'countdown');
    assert.equal(rig.firmware.status().countdownRemainingMs, COUNTDOWN_MS, 'shown at once by the start command');
    const remaining: number[] = [];
    while (rig.firmware.status().state === 'countdown') {
      nextTick(rig);
      remaining.push(rig.firmware.status().countdownRemainingMs);
      if (rig.firmware.status().state === 'countdown') {
        assert.equal(rig.sim.motorEnabled(), false, 'motor enabled during the countdown');
        assert.equal(rig.sim.motorDuty(), 0);
      }
    }
    assert.equal(rig.firmware.status().state, 'running');
    assert.equal(rig.scheduler.nowMs() - startMs, COUNTDOWN_MS, 'runs when the countdown has run out');
    assert.deepEqual(remaining.slice(0, 3), [COUNTDOWN_MS - TICK_MS, COUNTDOWN_MS - 2 * TICK_MS, COUNTDOWN_MS - 3 * TICK_MS]);
    assert.equal(rig.firmware.status().countdownRemainingMs, 0, 'none left once running');
    assert.deepEqual(
      rig.sim.beeper.tones.map((tone) => [tone.timeMs - startMs, tone.frequencyHz, tone.durationMs]),
      [
        // The first tick after the start (3.9 s left), then each tick at which a whole second ran out.
        [TICK_MS, 1000, 150],
        [1000, 1000, 150],
        [2000, 1000, 150],
        [3000, 1000, 150],
        // Then the belt starts, with its own longer, higher tone (firmware/beep-patterns.ts).
        [COUNTDOWN_MS, 1500, 400],
      ],
    );
  });

  it('a countdown cancelled by stop beeps no more and never drives the motor', () => {
    const rig = makeFaultRig(variant({}), { countdownMs: COUNTDOWN_MS, controlPeriodMs: TICK_MS });
    nextTick(rig);
    rig.firmware.command({ name: 'start', source: 'local' });
    for (let tick = 0; tick < 15; tick++) nextTick(rig);
    rig.firmware.command({ name: 'stop', source: 'local' });
    const tonesAtStop = rig.sim.beeper.tones.length;
    assert.equal(tonesAtStop, 2);
    for (let tick = 0; tick < 50; tick++) {
      nextTick(rig);
      assert.equal(rig.sim.motorEnabled(), false);
    }
    assert.equal(rig.sim.beeper.tones.length, tonesAtStop);
    assert.equal(rig.firmware.status().countdownRemainingMs, 0);
  });
});
