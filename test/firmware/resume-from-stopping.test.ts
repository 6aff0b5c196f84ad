// Start while the belt ramps down resumes the run: no countdown, no start tone, the setpoint goes on from where the ramp-down was.

import assert from 'node:assert/strict';
import { advance, local, makeFaultRig, runSteady, variant } from '../faults/fault-rig';

/** The start tone's pitch, Hz (firmware/beep-patterns.ts). */
const START_TONE_HZ = 1500;

describe('resume from stopping', () => {
  it('runs again without a countdown or a start tone, from the setpoint it had', () => {
    const rig = makeFaultRig(variant({}));
    runSteady(rig, 'forward', 6, 5000);
    local(rig, 'stop');
    advance(rig, 500);
    assert.equal(rig.firmware.status().state, 'stopping');
    const setpointKph = rig.firmware.status().setpointKph;
    assert.ok(setpointKph > 1, 'still ramping down: ' + setpointKph);
    const startTones = rig.sim.beeper.tones.filter((tone) => tone.frequencyHz === START_TONE_HZ).length;
    const answer = rig.firmware.command({ name: 'start', source: 'local' });
    assert.deepEqual(answer, { accepted: true, message: 'resumed' });
    assert.equal(rig.firmware.status().state, 'running');
    assert.equal(rig.firmware.status().setpointKph, setpointKph);
    advance(rig, 1000);
    assert.equal(rig.sim.beeper.tones.filter((tone) => tone.frequencyHz === START_TONE_HZ).length, startTones, 'no start tone on a resume');
  });
});
