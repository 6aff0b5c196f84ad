// Closed-loop incline tests: the real firmware on the simulated lift (targets, interlocks, key pulls, backward cap, runaway faults, no false trips).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { bootTreadmill } from '../../firmware/index';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmillOptions } from '../../sim/sim-treadmill';
import { makeRig, type Rig } from '../closed-loop/harness';

const SETTINGS = DEFAULT_CONFIG.incline;
const TICK_MS = DEFAULT_CONFIG.controlPeriodMs;
/** The simulated lift's speed, percent per second (sim/models/incline-actuator.ts default). */
const LIFT_PCT_PER_S = 0.6;

/**
 * Watches the incline outputs at every write and at every physics step: both on together is a
 * violation; so is a reversal with less than the dead time of both off.
 */
class OutputWatch {
  readonly problems: string[] = [];
  private lastOn: 'up' | 'down' | null = null;
  private offSinceMs = -Infinity;
  private previousOn: 'up' | 'down' | null = null;

  constructor(private readonly rig: Rig) {
    const sim = rig.sim;
    const up = sim.inclineUp;
    const down = sim.inclineDown;
    if (up === null || down === null) throw new Error('rig has no incline');
    [up, down].forEach((port) => {
      const write = port.write.bind(port);
      port.write = (active: boolean) => {
        write(active);
        this.check('write');
      };
    });
    rig.scheduler.every(sim.options.physicsStepMs, () => this.check('physics step'));
  }

  private check(where: string): void {
    const sim = this.rig.sim;
    const nowMs = this.rig.scheduler.nowMs();
    const up = (sim.inclineUp as { read(): boolean }).read();
    const down = (sim.inclineDown as { read(): boolean }).read();
    if (up && down) this.problems.push('both on at ' + nowMs + ' ms (' + where + ')');
    const on = up ? 'up' : down ? 'down' : null;
    if (on !== null && this.lastOn === null) {
      if (this.previousOn !== null && this.previousOn !== on && nowMs - this.offSinceMs < SETTINGS.deadTimeMs) {
        this.problems.push('reversed after ' + (nowMs - this.offSinceMs) + ' ms off at ' + nowMs + ' ms');
      }
    }
    if (on === null && this.lastOn !== null) {
      this.offSinceMs = nowMs;
      this.previousOn = this.lastOn;
    }
    this.lastOn = on;
  }
}

function rig(simOptions?: Partial<SimTreadmillOptions>, config?: object): Rig {
  return makeRig(Object.assign({ walkerMode: 'off' }, simOptions || {}), config || {});
}

/** A rig whose lift was left at `startPct` by the last user (raised through its own outputs before boot). */
function raisedRig(startPct: number, simOptions: Partial<SimTreadmillOptions>): Rig {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, simOptions));
  const up = sim.inclineUp as { write(active: boolean): void };
  up.write(true);
  scheduler.advance(Math.round((startPct / LIFT_PCT_PER_S) * 1000));
  up.write(false);
  const firmware = bootTreadmill(sim.hal, {});
  return { scheduler, sim, firmware };
}

function setIncline(r: Rig, inclinePct: number): { accepted: boolean; message: string } {
  return r.firmware.command({ name: 'setIncline', source: 'local', inclinePct: inclinePct });
}

function runUntil(r: Rig, maxMs: number, done: () => boolean): number {
  const startMs = r.scheduler.nowMs();
  while (r.scheduler.nowMs() - startMs < maxMs) {
    if (done()) return r.scheduler.nowMs() - startMs;
    r.scheduler.advance(TICK_MS);
  }
  return -1;
}

describe('incline on the simulator (real firmware)', function () {
  this.timeout(60000);

  (['pulses', 'analog'] as ('pulses' | 'analog')[]).forEach((sensor) => {
    it(sensor + ' sensor: setIncline reaches each target within 0.5 % and the status reports it', () => {
      const r = rig({ inclineSensor: sensor });
      const watch = new OutputWatch(r);
      [8, 3.5, 12, 0, 6].forEach((targetPct) => {
        const answer = setIncline(r, targetPct);
        assert.equal(answer.accepted, true, answer.message);
        r.scheduler.advance(30000);
        const truePct = r.sim.inclinePct();
        assert.ok(Math.abs(truePct - targetPct) <= 0.5, sensor + ' target ' + targetPct + ': lift at ' + truePct);
        const status = r.firmware.status();
        assert.equal(status.targetInclinePct, targetPct);
        assert.ok(Math.abs(status.inclinePct - truePct) <= 0.15, 'measured ' + status.inclinePct + ' vs true ' + truePct);
        assert.equal(status.fault, null);
      });
      assert.deepEqual(watch.problems, []);
    });
  });

  it('takes about the lift time to reach a target (no needless pauses)', () => {
    const r = rig();
    setIncline(r, 6);
    const tookMs = runUntil(r, 30000, () => Math.abs(r.sim.inclinePct() - 6) <= 0.5);
    assert.ok(tookMs > 0 && tookMs <= (5.5 / LIFT_PCT_PER_S) * 1000 + 1000, 'took ' + tookMs + ' ms');
  });

  it('up and down are never on together, and reversals wait out the dead time, across rapid reversals and key pulls', () => {
    const r = rig();
    const watch = new OutputWatch(r);
    let flips = 0;
    for (let round = 0; round < 12; round++) {
      setIncline(r, round % 2 === 0 ? 9 : 1);
      r.scheduler.advance(700 + 137 * round);
      if (r.sim.inclineUp && (r.sim.inclineUp.read() || (r.sim.inclineDown as { read(): boolean }).read())) flips++;
      if (round === 5) {
        r.sim.pullKey();
        r.scheduler.advance(500);
        r.sim.insertKey();
        r.scheduler.advance(100);
        assert.equal(r.firmware.command({ name: 'clearFault', source: 'local' }).message.length > 0, true);
      }
    }
    assert.ok(flips >= 6, 'the lift was moving at ' + flips + ' of the reversals');
    assert.deepEqual(watch.problems, []);
  });

  it('a pulled key stops a moving incline in the key edge\'s own event, idle or running, and it stays stopped', () => {
    [false, true].forEach((running) => {
      const r = rig({ walkerMode: 'forward' });
      if (running) {
        r.firmware.command({ name: 'start', source: 'local' });
        r.scheduler.advance(5000);
        assert.equal(r.firmware.status().state, 'running');
      }
      setIncline(r, 10);
      r.scheduler.advance(2010);
      const up = r.sim.inclineUp as { read(): boolean };
      assert.equal(up.read(), true, 'lift moving up');
      r.sim.pullKey();
      // The key edge is delivered by the scheduler within this millisecond, before the next tick.
      r.scheduler.advance(1);
      assert.equal(up.read(), false, 'up off in the key event (running: ' + running + ')');
      const heldPct = r.sim.inclinePct();
      r.scheduler.advance(5000);
      assert.ok(Math.abs(r.sim.inclinePct() - heldPct) < 0.02, 'lift held at ' + heldPct + ', now ' + r.sim.inclinePct());
      r.sim.insertKey();
      r.scheduler.advance(3000);
      assert.ok(Math.abs(r.sim.inclinePct() - heldPct) < 0.02, 'reinserting the key moves nothing');
      assert.equal(setIncline(r, 5).accepted, !running, 'setIncline after the key pull: ' + (running ? 'refused while the fault is latched' : 'accepted in idle'));
    });
  });

  it('free-belt mode holds the incline and refuses incline commands', () => {
    const r = rig();
    setIncline(r, 4);
    r.scheduler.advance(2000);
    assert.equal(r.firmware.command({ name: 'freeBelt', source: 'local' }).accepted, true);
    r.scheduler.advance(TICK_MS);
    const up = r.sim.inclineUp as { read(): boolean };
    assert.equal(up.read(), false);
    const answer = setIncline(r, 6);
    assert.equal(answer.accepted, false);
    assert.match(answer.message, /incline held/);
  });

  it('refuses a target above the direction\'s cap with a message; the buttons step by 0.5 % and clamp', () => {
    const r = rig();
    const backward = r.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    assert.equal(backward.accepted, true);
    const tooSteep = setIncline(r, 11);
    assert.equal(tooSteep.accepted, false);
    assert.match(tooSteep.message, /above the backward incline cap of 10\.0 %/);
    assert.equal(r.firmware.status().targetInclinePct, 0);
    r.sim.press('inclineUp', 50);
    r.scheduler.advance(100);
    r.sim.press('inclineUp', 50);
    r.scheduler.advance(100);
    assert.equal(r.firmware.status().targetInclinePct, 1);
    r.sim.press('inclineDown', 50);
    r.scheduler.advance(100);
    assert.equal(r.firmware.status().targetInclinePct, 0.5);
    setIncline(r, 9.8);
    r.sim.press('inclineUp', 50);
    r.scheduler.advance(100);
    assert.equal(r.firmware.status().targetInclinePct, 10, 'clamped at the backward cap');
  });

  it('forward at 15 %, then backward: the lift comes down to the cap and the backward start waits for it', () => {
    const r = rig({ walkerMode: 'forward' });
    setIncline(r, 15);
    r.firmware.command({ name: 'start', source: 'local' });
    r.scheduler.advance(30000);
    assert.ok(r.sim.inclinePct() > 14.5, 'forward at ' + r.sim.inclinePct());
    assert.equal(r.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted, true);
    r.scheduler.advance(200);
    assert.equal(r.firmware.status().targetInclinePct, 10, 'target lowered to the backward cap at once');
    runUntil(r, 20000, () => r.firmware.status().direction === 'backward' && r.firmware.status().state === 'idle');
    let refused = 0;
    const startedAfterMs = runUntil(r, 20000, () => {
      const answer = r.firmware.command({ name: 'start', source: 'local' });
      if (!answer.accepted) refused++;
      return answer.accepted;
    });
    assert.ok(startedAfterMs >= 0, 'backward start accepted once the lift was down');
    assert.ok(r.sim.inclinePct() <= 10, 'lift at ' + r.sim.inclinePct() + ' when the backward start was accepted');
    // 5 % at 0.6 %/s takes over 8 s; the stop and the 2 s dwell take about 3 s. Tried once per
    // control tick: refused for at least a second whatever the period.
    assert.ok(refused * TICK_MS >= 1000, 'start refused ' + refused + ' times (one per ' + TICK_MS + ' ms tick) while above the cap');
  });

  it('property: the incline never exceeds 10 % while the belt is in backward mode, whatever the commands', () => {
    type Action =
      | { kind: 'setIncline'; pct: number }
      | { kind: 'direction'; backward: boolean }
      | { kind: 'start' }
      | { kind: 'stop' }
      | { kind: 'button'; up: boolean }
      | { kind: 'wait'; ms: number }
      | { kind: 'backwardStart'; afterMs: number };
    const action: fc.Arbitrary<Action> = fc.oneof(
      // The risky path: backward selected, then start tried soon after the dwell.
      fc.record({ kind: fc.constant('backwardStart' as const), afterMs: fc.integer({ min: 2000, max: 6000 }) }),
      fc.record({ kind: fc.constant('setIncline' as const), pct: fc.double({ min: -1, max: 16, noNaN: true }) }),
      fc.record({ kind: fc.constant('direction' as const), backward: fc.boolean() }),
      fc.record({ kind: fc.constant('start' as const) }),
      fc.record({ kind: fc.constant('stop' as const) }),
      fc.record({ kind: fc.constant('button' as const), up: fc.boolean() }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 100, max: 15000 }) }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 15, noNaN: true }), fc.array(action, { minLength: 3, maxLength: 14 }), (startPct, actions) => {
        // A lift left anywhere by the last user: homing finds 0 % first.
        const r = raisedRig(startPct, { walkerMode: 'backward' });
        const violations: string[] = [];
        r.scheduler.every(TICK_MS, () => {
          const status = r.firmware.status();
          const backwardMode = status.direction === 'backward' && (status.state === 'countdown' || status.state === 'running' || status.state === 'stopping');
          if (backwardMode && r.sim.inclinePct() > 10) violations.push(r.scheduler.nowMs() + ' ms: ' + r.sim.inclinePct().toFixed(3) + ' % in ' + status.state);
          if (r.sim.motorEnabled() && r.sim.directionBackward() && r.sim.inclinePct() > 10) violations.push(r.scheduler.nowMs() + ' ms: backward drive at ' + r.sim.inclinePct().toFixed(3) + ' %');
        });
        actions.forEach((step) => {
          if (step.kind === 'setIncline') setIncline(r, step.pct);
          else if (step.kind === 'direction') r.firmware.command({ name: 'setDirection', source: 'local', direction: step.backward ? 'backward' : 'forward' });
          else if (step.kind === 'start') r.firmware.command({ name: 'start', source: 'local' });
          else if (step.kind === 'stop') r.firmware.command({ name: 'stop', source: 'local' });
          else if (step.kind === 'button') r.sim.press(step.up ? 'inclineUp' : 'inclineDown', 50);
          else if (step.kind === 'backwardStart') {
            r.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
            r.scheduler.advance(step.afterMs);
            r.firmware.command({ name: 'start', source: 'local' });
          }
          else r.scheduler.advance(step.ms);
          r.scheduler.advance(TICK_MS);
        });
        r.scheduler.advance(10000);
        assert.deepEqual(violations.slice(0, 3), []);
        assert.equal(r.firmware.status().fault, null, 'no false trip');
      }),
      { seed: 1010, numRuns: 60 },
    );
  });

  it('an injected stuck lift is detected within the stuck window and latches inclineRunaway, cutting the belt', () => {
    const r = rig({ walkerMode: 'forward' });
    r.firmware.command({ name: 'start', source: 'local' });
    r.scheduler.advance(5000);
    setIncline(r, 6);
    r.scheduler.advance(1000);
    r.sim.injectFault('inclineStuck');
    const injectedMs = r.scheduler.nowMs();
    const tookMs = runUntil(r, 10000, () => r.firmware.status().fault !== null);
    assert.equal(r.firmware.status().fault, 'inclineRunaway');
    assert.ok(tookMs >= SETTINGS.stuckWindowMs - 200 && tookMs <= SETTINGS.stuckWindowMs + 4 * TICK_MS, 'latched ' + tookMs + ' ms after the lift stuck');
    assert.equal((r.sim.inclineUp as { read(): boolean }).read(), false);
    assert.equal(r.sim.motorEnabled(), false, 'the belt is cut too');
    assert.ok(r.sim.log.lines.some((line) => line.indexOf('driven but not moving') >= 0), 'the log says why');
    assert.ok(injectedMs > 0);
  });

  (['pulses', 'analog'] as ('pulses' | 'analog')[]).forEach((sensor) => {
    it(sensor + ' sensor: an injected runaway of a resting lift is detected within its window and latches inclineRunaway', () => {
      const r = rig({ inclineSensor: sensor });
      setIncline(r, 3);
      r.scheduler.advance(15000);
      r.sim.injectFault('inclineRunaway');
      const fromPct = r.sim.inclinePct();
      const tookMs = runUntil(r, 10000, () => r.firmware.status().fault !== null);
      assert.equal(r.firmware.status().fault, 'inclineRunaway');
      // Drift of uncommandedPct plus one pulse (or the filter's lag), plus two ticks.
      const limitMs = ((SETTINGS.uncommandedPct + 0.1) / LIFT_PCT_PER_S) * 1000 + SETTINGS.analogFilterMs + 2 * TICK_MS;
      assert.ok(tookMs >= 0 && tookMs <= limitMs, 'latched ' + tookMs + ' ms after the runaway, limit ' + limitMs);
      assert.ok(r.sim.inclinePct() - fromPct < 0.5, 'lift ran ' + (r.sim.inclinePct() - fromPct) + ' % before the latch');
    });
  });

  it('a runaway while the lift is driven is latched once it rests, and clearing the fault re-homes the lift', () => {
    const r = rig();
    setIncline(r, 5);
    r.scheduler.advance(2000);
    r.sim.injectFault('inclineRunaway');
    const tookMs = runUntil(r, 30000, () => r.firmware.status().fault !== null);
    assert.ok(tookMs >= 0, 'latched');
    assert.equal(r.firmware.status().fault, 'inclineRunaway');
    r.sim.clearFault('inclineRunaway');
    r.scheduler.advance(2000);
    assert.equal(r.firmware.command({ name: 'clearFault', source: 'local' }).accepted, true);
    r.scheduler.advance(500);
    assert.equal((r.sim.inclineDown as { read(): boolean }).read(), true, 'homing drives down after the clear');
    r.scheduler.advance(40000);
    assert.ok(r.sim.inclinePct() <= 0.05, 'homed at the bottom: ' + r.sim.inclinePct());
    assert.ok(r.sim.log.lines.some((line) => line.indexOf('incline: homed at 0 %') >= 0));
    assert.equal(r.firmware.status().targetInclinePct, 0, 'after a runaway the lift stays down until asked');
    setIncline(r, 2);
    r.scheduler.advance(10000);
    assert.ok(Math.abs(r.sim.inclinePct() - 2) <= 0.5, 'usable after homing: ' + r.sim.inclinePct());
    assert.equal(r.firmware.status().fault, null);
  });

  it('homes at boot when the lift was left raised: a backward start waits for it; homeIncline re-homes on demand and returns to the target', () => {
    const r = raisedRig(7, {});
    assert.ok(r.sim.inclinePct() > 6.5);
    r.scheduler.advance(600);
    assert.equal((r.sim.inclineDown as { read(): boolean }).read(), true, 'homing at boot drives down');
    assert.equal(r.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' }).accepted, true);
    r.scheduler.advance(2500);
    const early = r.firmware.command({ name: 'start', source: 'local' });
    assert.equal(early.accepted, false, 'backward start while the incline is unknown');
    assert.match(early.message, /homing/);
    r.scheduler.advance(12000);
    assert.ok(r.sim.inclinePct() <= 0.05, 'homed at the bottom: ' + r.sim.inclinePct());
    assert.equal(r.firmware.command({ name: 'stop', source: 'local' }).accepted, true);
    setIncline(r, 4);
    r.scheduler.advance(10000);
    const result = r.firmware.homeIncline();
    assert.equal(result.accepted, true);
    r.scheduler.advance(600);
    assert.equal((r.sim.inclineDown as { read(): boolean }).read(), true);
    const homedAfterMs = runUntil(r, 10000, () => r.sim.inclinePct() <= 0.05);
    assert.ok(homedAfterMs >= 0, 'reached the bottom');
    r.scheduler.advance(10000);
    assert.ok(Math.abs(r.sim.inclinePct() - 4) <= 0.5, 'back at the target: ' + r.sim.inclinePct());
  });

  it('no false trip in a long normal session: walking with incline changes, stops, reversals, both sensors', () => {
    (['pulses', 'analog'] as ('pulses' | 'analog')[]).forEach((sensor) => {
      const r = rig({ walkerMode: 'forward', inclineSensor: sensor, seed: 5 });
      const watch = new OutputWatch(r);
      r.firmware.command({ name: 'start', source: 'local' });
      [2, 5.5, 12, 12.5, 3, 8, 0.5, 15, 1].forEach((targetPct, index) => {
        setIncline(r, targetPct);
        r.scheduler.advance(7000 + 1300 * index);
      });
      r.firmware.command({ name: 'stop', source: 'local' });
      r.scheduler.advance(20000);
      assert.equal(r.firmware.status().fault, null, sensor + ': ' + r.sim.log.lines.filter((line) => line.indexOf('incline') >= 0).join(' | '));
      assert.deepEqual(watch.problems, []);
    });
  });
});
