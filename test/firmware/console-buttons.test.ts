// The console's buttons as a commercial treadmill's: hold-to-repeat on speed and incline, and a fault cleared only by holding Stop with the key in and the belt still.

import assert from 'node:assert/strict';
import { CLEAR_HOLD_MS, FAST_AFTER_MS, FAST_REPEAT_MS, FIRST_REPEAT_MS, REPEAT_MS } from '../../firmware/button-bindings';
import { makeRig, startBelt, type Rig } from '../closed-loop/harness';

/** A rig running at the start speed (countdown and ramp done), nobody on the belt. */
function runningRig(): Rig {
  const rig = makeRig({ walkerMode: 'off' }, {});
  startBelt(rig);
  rig.scheduler.advance(8000);
  assert.equal(rig.firmware.status().state, 'running');
  return rig;
}

/** A rig latched in the key-removed fault with the key back in and the belt stopped. */
function keyFaultRig(): Rig {
  const rig = runningRig();
  rig.sim.pullKey();
  rig.scheduler.advance(100);
  rig.sim.insertKey();
  rig.scheduler.advance(8000);
  const status = rig.firmware.status();
  assert.equal(status.state, 'fault');
  assert.equal(status.fault, 'keyRemoved');
  assert.ok(status.beltStill, 'belt still before the hold');
  return rig;
}

/** Every answer the firmware gives from now on, as "command: message". */
function captureAnswers(rig: Rig): string[] {
  const answers: string[] = [];
  const command = rig.firmware.command.bind(rig.firmware);
  rig.firmware.command = (c) => {
    const answer = command(c);
    answers.push(c.name + ': ' + answer.message);
    return answer;
  };
  return answers;
}

/** Steps of 0.1 km/h a hold of `holdMs` makes, worked out from the repeat timing (the press itself is the first). */
function expectedSteps(holdMs: number): number {
  let steps = 1;
  let atMs = FIRST_REPEAT_MS;
  while (atMs < holdMs) {
    steps++;
    atMs += atMs >= FAST_AFTER_MS ? FAST_REPEAT_MS : REPEAT_MS;
  }
  return steps;
}

describe('console buttons', () => {
  describe('hold-to-repeat', () => {
    it('a tap is one step', () => {
      const rig = runningRig();
      const before = rig.firmware.status().targetSpeedKph;
      rig.sim.press('speedUp', 100);
      rig.scheduler.advance(3000);
      assert.ok(Math.abs(rig.firmware.status().targetSpeedKph - (before + 0.1)) < 1e-9, 'target ' + rig.firmware.status().targetSpeedKph);
    });

    [1200, 3000].forEach((holdMs) => {
      it('a hold of ' + holdMs + ' ms repeats, faster after ' + FAST_AFTER_MS + ' ms, and stops at the release', () => {
        const rig = runningRig();
        const before = rig.firmware.status().targetSpeedKph;
        rig.sim.press('speedUp', holdMs);
        rig.scheduler.advance(holdMs + 2000);
        const steps = Math.round((rig.firmware.status().targetSpeedKph - before) / 0.1);
        assert.equal(steps, expectedSteps(holdMs));
        assert.ok(steps > 1, 'a hold repeats');
      });
    });

    it('speed down and incline repeat too; a refused step ends the repeating', () => {
      const rig = runningRig();
      rig.sim.press('speedUp', 1500);
      rig.scheduler.advance(3000);
      const raised = rig.firmware.status().targetSpeedKph;
      rig.sim.press('speedDown', 1200);
      rig.scheduler.advance(3000);
      assert.ok(rig.firmware.status().targetSpeedKph < raised - 0.25, 'speed down repeats');
      rig.sim.press('inclineUp', 1200);
      rig.scheduler.advance(1500);
      // The default incline step is 0.5 %: a 1.2 s hold makes as many steps as for the speed.
      assert.equal(rig.firmware.status().targetInclinePct, expectedSteps(1200) * 0.5, 'incline up repeats');
      // Stopped, then held: the first press is refused (belt not running) and nothing repeats.
      assert.ok(rig.firmware.command({ name: 'stop', source: 'local' }).accepted);
      rig.scheduler.advance(10000);
      const refusals = { count: 0 };
      const command = rig.firmware.command.bind(rig.firmware);
      rig.firmware.command = (c) => {
        const answer = command(c);
        if (!answer.accepted) refusals.count++;
        return answer;
      };
      rig.sim.press('speedUp', 3000);
      rig.scheduler.advance(4000);
      assert.equal(refusals.count, 1, 'one refusal for the whole hold');
    });
  });

  describe('clearing a latched fault with Stop', () => {
    it('held ' + CLEAR_HOLD_MS + ' ms with the key in and the belt still: cleared to idle, and the belt stays still', () => {
      const rig = keyFaultRig();
      rig.sim.press('stop', CLEAR_HOLD_MS + 200);
      rig.scheduler.advance(CLEAR_HOLD_MS + 1000);
      const status = rig.firmware.status();
      assert.equal(status.state, 'idle');
      assert.equal(status.fault, null);
      rig.scheduler.advance(5000);
      assert.equal(rig.firmware.status().state, 'idle', 'a clear never starts the belt');
      assert.equal(rig.sim.motorEnabled(), false);
      assert.equal(rig.sim.beltSpeedKph(), 0);
    });

    it('a shorter hold, or taps, clear nothing; the answer says how', () => {
      const rig = keyFaultRig();
      const answers = captureAnswers(rig);
      rig.sim.press('stop', CLEAR_HOLD_MS - 300);
      rig.scheduler.advance(CLEAR_HOLD_MS + 500);
      for (let tap = 0; tap < 5; tap++) {
        rig.sim.press('stop', 200);
        rig.scheduler.advance(500);
      }
      assert.equal(rig.firmware.status().state, 'fault');
      assert.ok(answers.length >= 6 && answers.every((answer) => answer === 'stop: fault latched: insert the key and hold Stop for 2 s (or send clearFault at the console) to clear it'), answers.join(' | '));
    });

    it('with the key out, a hold clears nothing and says to insert the key', () => {
      const rig = keyFaultRig();
      rig.sim.pullKey();
      rig.scheduler.advance(100);
      const answers = captureAnswers(rig);
      rig.sim.press('stop', CLEAR_HOLD_MS + 500);
      rig.scheduler.advance(CLEAR_HOLD_MS + 1000);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.ok(answers.indexOf('clearFault: insert the safety key to clear the fault') >= 0, answers.join(' | '));
    });

    it('while the belt still coasts, a hold clears nothing and says to wait', () => {
      const rig = runningRig();
      rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 6 });
      rig.scheduler.advance(15000);
      rig.sim.pullKey();
      rig.scheduler.advance(50);
      rig.sim.insertKey();
      const answers = captureAnswers(rig);
      rig.sim.press('stop', CLEAR_HOLD_MS + 100);
      rig.scheduler.advance(CLEAR_HOLD_MS + 50);
      assert.ok(rig.sim.beltSpeedKph() > 0.5, 'the belt still coasts at the clear: ' + rig.sim.beltSpeedKph());
      rig.scheduler.advance(100);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.ok(answers.indexOf('clearFault: wait until the belt stands still to clear the fault') >= 0, answers.join(' | '));
    });

    it('held while running, Stop stops with the ramp and its hold clears nothing', () => {
      const rig = runningRig();
      rig.sim.press('stop', CLEAR_HOLD_MS + 500);
      rig.scheduler.advance(300);
      assert.equal(rig.firmware.status().state, 'stopping');
      rig.scheduler.advance(10000);
      assert.equal(rig.firmware.status().state, 'idle');
      assert.equal(rig.firmware.status().fault, null);
    });
  });
});
