// A start is refused while the belt still moves in idle (a walker pushing it, or coasting): only a belt at rest may start.

import assert from 'node:assert/strict';
import { advance, describeAtBoardTimings, makeFaultRig, nextTick, variant } from './fault-rig';

describeAtBoardTimings('start while the belt coasts in idle', (board) => {
  [3.28, 100].forEach((pulsesPerMeter) => {
    it('is refused until the belt stands still, then starts the countdown (' + pulsesPerMeter + ' pulses/m)', () => {
      const rig = makeFaultRig(variant({ board, pulsesPerMeter }));
      // Idle, motor off: a walker pushes the belt along at 2 km/h.
      rig.sim.setPushSpeed(2);
      rig.sim.setWalker('push', 70);
      advance(rig, 5000);
      assert.equal(rig.firmware.status().state, 'idle');
      assert.ok(Math.abs(rig.sim.beltSpeedKph()) > 1, 'belt at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
      const refused = rig.firmware.command({ name: 'start', source: 'local' });
      assert.equal(refused.accepted, false);
      assert.match(refused.message, /stands still/);
      // The walker lets go: the belt coasts down; a start while it still moves is refused too.
      rig.sim.setWalker('off', 70);
      nextTick(rig);
      assert.ok(Math.abs(rig.sim.beltSpeedKph()) > 0.3, 'still coasting at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
      assert.equal(rig.firmware.command({ name: 'start', source: 'local' }).accepted, false);
      for (let elapsedMs = 0; elapsedMs < 2000; elapsedMs += rig.config.controlPeriodMs) {
        nextTick(rig);
        assert.equal(rig.firmware.status().state, 'idle');
        assert.equal(rig.sim.motorEnabled(), false);
      }
      advance(rig, 8000);
      assert.equal(rig.sim.beltSpeedKph(), 0);
      const accepted = rig.firmware.command({ name: 'start', source: 'local' });
      assert.ok(accepted.accepted, accepted.message);
      assert.equal(rig.firmware.status().state, 'countdown');
    });
  });
});
