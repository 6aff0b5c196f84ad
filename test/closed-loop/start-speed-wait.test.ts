// A direct drive's start holds the ramp at the start speed until the belt shows it moves, but never raises a lower target to it.

import assert from 'node:assert/strict';
import { advance, makeFaultRig, nextTick, setSpeed, startAndRun, variant } from '../faults/fault-rig';

const START_SPEED_KPH = 2;
const LOW_TARGET_KPH = 1;

describe('start speed wait', () => {
  it('a target below the start speed, set as the belt starts, is the ramp target from the start', () => {
    const rig = makeFaultRig(variant({ drive: 'hbridge', pulsesPerMeter: 3.28, walkerMassKg: 120 }), { startSpeedKph: START_SPEED_KPH, minSpeedKph: 0.8 });
    startAndRun(rig);
    setSpeed(rig, LOW_TARGET_KPH);
    let highestKph = 0;
    for (let tick = 0; tick < 40; tick++) {
      nextTick(rig);
      const setpointKph = rig.firmware.status().setpointKph;
      if (setpointKph > highestKph) highestKph = setpointKph;
    }
    assert.ok(Math.abs(highestKph - LOW_TARGET_KPH) < 1e-9, 'setpoint rose to ' + highestKph + ' km/h');
    advance(rig, 1000);
    assert.equal(rig.firmware.status().state, 'running');
  });
});
