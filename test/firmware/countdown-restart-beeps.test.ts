// The countdown beeps from its first tick every time: after a countdown cancelled in its first second, and in a countdown of one second.

import assert from 'node:assert/strict';
import { makeFaultRig, nextTick, variant } from '../faults/fault-rig';

const TICK_MS = 100;
/** The countdown beep's tone, Hz (firmware/beep-patterns.ts). */
const COUNTDOWN_TONE_HZ = 1000;

function countdownBeeps(tones: { frequencyHz: number }[]): number {
  return tones.filter((tone) => tone.frequencyHz === COUNTDOWN_TONE_HZ).length;
}

describe('countdown beeps on a restart', () => {
  it('a countdown started again after one cancelled in its first second beeps at its first tick', () => {
    const rig = makeFaultRig(variant({}), { countdownMs: 3000, controlPeriodMs: TICK_MS });
    nextTick(rig);
    assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
    nextTick(rig);
    assert.equal(countdownBeeps(rig.sim.beeper.tones), 1, 'the first countdown beeped at 3');
    assert.ok(rig.firmware.command({ name: 'stop', source: 'local' }).accepted);
    nextTick(rig);
    assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
    nextTick(rig);
    assert.equal(countdownBeeps(rig.sim.beeper.tones), 2, 'the second countdown beeped at 3 as well');
  });

  it('a one-second countdown beeps once, at its first tick', () => {
    const rig = makeFaultRig(variant({}), { countdownMs: 1000, controlPeriodMs: TICK_MS });
    nextTick(rig);
    assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
    nextTick(rig);
    assert.equal(rig.firmware.status().countdownRemainingMs, 1000 - TICK_MS);
    assert.equal(countdownBeeps(rig.sim.beeper.tones), 1);
  });
});
