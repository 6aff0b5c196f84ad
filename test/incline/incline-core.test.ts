// Unit tests of the pure incline core: position estimate, controller (outputs, dead time, rate, caps, homing, end stops), runaway monitor, target rules.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CommandResult } from '../../firmware/command';
import { DEFAULT_CONFIG, type InclineSettings } from '../../firmware/config';
import { resolveConfig } from '../../firmware/config-overrides';
import {
  makeInclineControlInputs,
  makeInclineControllerState,
  startHoming,
  stepInclineController,
  type InclineControlInputs,
  type InclineControllerState,
} from '../../firmware/core/incline-controller';
import { checkIncline, makeInclineMonitorInputs, makeInclineMonitorState, type InclineTrouble } from '../../firmware/core/incline-monitor';
import { makeInclinePositionEstimate, quietAnalogFractions, scaleAnalogPosition, setInclineHome, updateAnalogPosition, updatePulsePosition, type InclinePositionEstimate } from '../../firmware/core/incline-position';
import { applyInclineTarget, inclineCapPct, steppedInclineTargetPct } from '../../firmware/core/incline-target';

const SETTINGS: InclineSettings = DEFAULT_CONFIG.incline;
const TICK_MS = 20;
const LIFT_PCT_PER_S = 0.6;

/**
 * A tiny lift for the pure tests: moves at a fixed rate while exactly one output is on, stops at
 * 0 and 15 %, and feeds either a noiseless potentiometer or direction-free edge pulses (edges every
 * 1/pulsesPerPct percent, as a slotted disc gives).
 */
class TestLift {
  truePct: number;
  pulseCount = 0;
  stuck = false;
  runawayUp = false;
  readonly position: InclinePositionEstimate;
  readonly controller: InclineControllerState = makeInclineControllerState();
  readonly inputs: InclineControlInputs = makeInclineControlInputs();
  nowMs = 0;
  settings: InclineSettings = SETTINGS;

  constructor(kind: 'pulses' | 'analog', startPct: number) {
    this.truePct = startPct;
    this.position = makeInclinePositionEstimate(kind);
    if (kind === 'pulses') setInclineHome(this.position);
    this.inputs.maxPct = 15;
    this.inputs.capPct = 15;
    this.inputs.allowed = true;
    this.inputs.dtMs = TICK_MS;
  }

  /** Physics over one tick with the outputs written last, then the firmware's update and decision. */
  tick(): void {
    let direction = 0;
    if (this.controller.up && !this.controller.down) direction = 1;
    if (this.controller.down && !this.controller.up) direction = -1;
    if (this.runawayUp) direction = 1;
    if (this.stuck) direction = 0;
    const fromPct = this.truePct;
    let toPct = fromPct + (direction * LIFT_PCT_PER_S * TICK_MS) / 1000;
    if (toPct > 15) toPct = 15;
    if (toPct < 0) toPct = 0;
    this.truePct = toPct;
    const fromEdge = Math.floor(fromPct * SETTINGS.pulsesPerPct + 1e-9);
    const toEdge = Math.floor(toPct * SETTINGS.pulsesPerPct + 1e-9);
    this.pulseCount += Math.abs(toEdge - fromEdge);
    this.nowMs += TICK_MS;
    const counted = this.controller.motion !== 'stopped' ? this.controller.motion : this.controller.lastMotion;
    const settings = this.settings;
    if (this.position.kind === 'pulses') updatePulsePosition(this.position, this.pulseCount, counted, settings);
    else updateAnalogPosition(this.position, settings.analogAtZero + (this.truePct / settings.analogSpanPct) * (settings.analogAtSpan - settings.analogAtZero), TICK_MS, settings);
    this.inputs.nowMs = this.nowMs;
    this.inputs.lowerLimitActive = this.inputs.hasLowerLimit && this.truePct <= 0.05;
    stepInclineController(this.controller, this.position, this.inputs, settings);
  }

  run(ms: number, onTick?: () => void): void {
    for (let elapsedMs = 0; elapsedMs < ms; elapsedMs += TICK_MS) {
      this.tick();
      if (onTick) onTick();
    }
  }
}

function result(): CommandResult {
  return { accepted: false, message: '' };
}

describe('incline position estimate', () => {
  it('counts direction-free pulses by the output on, and a reversal re-crosses the same edge first', () => {
    const estimate = makeInclinePositionEstimate('pulses');
    setInclineHome(estimate);
    updatePulsePosition(estimate, 0, 'stopped', SETTINGS);
    updatePulsePosition(estimate, 5, 'up', SETTINGS);
    assert.equal(estimate.edgeIndex, 5);
    assert.ok(Math.abs(estimate.positionPct - 0.5) < 1e-9);
    assert.ok(Math.abs(estimate.upperBoundPct - 0.6) < 1e-9, 'moving up the lift is up to a pulse above the edge');
    updatePulsePosition(estimate, 6, 'down', SETTINGS);
    assert.equal(estimate.edgeIndex, 5, 'first down pulse is the 0.5 % edge again');
    assert.ok(Math.abs(estimate.upperBoundPct - 0.5) < 1e-9, 'moving down the edge is the highest the lift can be');
    updatePulsePosition(estimate, 8, 'down', SETTINGS);
    assert.equal(estimate.edgeIndex, 3);
  });

  it('scales a potentiometer by the calibration and filters its noise', () => {
    const estimate = makeInclinePositionEstimate('analog');
    assert.equal(estimate.homed, true, 'an absolute sensor needs no homing');
    const atTenPct = SETTINGS.analogAtZero + (10 / SETTINGS.analogSpanPct) * (SETTINGS.analogAtSpan - SETTINGS.analogAtZero);
    updateAnalogPosition(estimate, atTenPct, TICK_MS, SETTINGS);
    assert.ok(Math.abs(estimate.positionPct - 10) < 1e-9, String(estimate.positionPct));
    updateAnalogPosition(estimate, atTenPct + 0.01, TICK_MS, SETTINGS);
    const rawStepPct = (0.01 * SETTINGS.analogSpanPct) / (SETTINGS.analogAtSpan - SETTINGS.analogAtZero);
    assert.ok(estimate.positionPct - 10 > 0 && estimate.positionPct - 10 < rawStepPct / 2, 'a jump is smoothed: ' + estimate.positionPct);
  });
});

describe('incline controller', () => {
  it('never turns up and down on together, and keeps both off for the dead time between any two moves (random targets, caps, holds)', () => {
    // The property's own dead time, handed to the controller: not the default (500 ms), so the
    // check never leans on a firmware constant.
    const deadTimeMs = 700;
    const settings: InclineSettings = Object.assign({}, SETTINGS, { deadTimeMs });
    fc.assert(
      fc.property(
        fc.constantFrom<'pulses' | 'analog'>('pulses', 'analog'),
        fc.array(fc.record({ targetPct: fc.double({ min: -2, max: 20, noNaN: true }), capPct: fc.constantFrom(10, 15), allowed: fc.boolean(), ms: fc.integer({ min: 20, max: 4000 }) }), { minLength: 1, maxLength: 25 }),
        (kind, commands) => {
          const lift = new TestLift(kind, 0);
          lift.settings = settings;
          let offSinceMs = 0;
          let lastOn: 'up' | 'down' | null = null;
          let problem = '';
          commands.forEach((command) => {
            lift.inputs.targetPct = command.targetPct;
            lift.inputs.capPct = command.capPct;
            lift.inputs.allowed = command.allowed;
            lift.run(command.ms, () => {
              const up = lift.controller.up;
              const down = lift.controller.down;
              if (up && down) problem = problem || 'both on at ' + lift.nowMs;
              if (!command.allowed && (up || down)) problem = problem || 'moving while held at ' + lift.nowMs;
              if (up || down) {
                const on = up ? 'up' : 'down';
                if (lastOn === null && lift.nowMs - offSinceMs < deadTimeMs && offSinceMs > 0) problem = problem || 'restart after only ' + (lift.nowMs - offSinceMs) + ' ms off';
                lastOn = on;
              } else if (lastOn !== null) {
                lastOn = null;
                offSinceMs = lift.nowMs;
              }
            });
          });
          assert.equal(problem, '');
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });

  [500, 900].forEach((deadTimeMs) => {
    it('reverses only after the dead time with both outputs off (' + deadTimeMs + ' ms)', () => {
      const lift = new TestLift('pulses', 0);
      lift.settings = Object.assign({}, SETTINGS, { deadTimeMs });
      lift.inputs.targetPct = 5;
      lift.run(3000);
      assert.equal(lift.controller.up, true, 'moving up at ' + lift.truePct + ' %, setpoint ' + lift.controller.setpointPct);
      lift.inputs.targetPct = 0.5;
      // The rate-limited setpoint comes back down past the lift first.
      while (lift.controller.up) lift.tick();
      assert.equal(lift.controller.down, false);
      const offAtMs = lift.nowMs;
      while (!lift.controller.down) lift.tick();
      assert.ok(lift.nowMs - offAtMs >= deadTimeMs, 'reversed ' + (lift.nowMs - offAtMs) + ' ms after off');
      assert.ok(lift.nowMs - offAtMs < deadTimeMs + 2 * TICK_MS, 'and promptly after it');
    });
  });

  it('moves the setpoint at the rate limit', () => {
    const lift = new TestLift('analog', 0);
    lift.inputs.targetPct = 12;
    lift.run(1000);
    assert.ok(Math.abs(lift.controller.setpointPct - SETTINGS.ratePctPerS) < 1e-6, 'setpoint after 1 s: ' + lift.controller.setpointPct);
    lift.run(2000);
    assert.ok(Math.abs(lift.controller.setpointPct - 3 * SETTINGS.ratePctPerS) < 1e-6, 'setpoint after 3 s: ' + lift.controller.setpointPct);
  });

  it('a rate limit slower than the lift: the lift follows the ramp (pausing) and never runs ahead of it', () => {
    const lift = new TestLift('pulses', 0);
    lift.settings = Object.assign({}, SETTINGS, { ratePctPerS: 0.3 });
    lift.inputs.targetPct = 3;
    let aheadPct = -Infinity;
    let pauses = 0;
    let wasMoving = false;
    lift.run(14000, () => {
      aheadPct = Math.max(aheadPct, lift.truePct - lift.controller.setpointPct);
      const moving = lift.controller.up;
      if (wasMoving && !moving) pauses++;
      wasMoving = moving;
    });
    assert.ok(aheadPct <= 0.02, 'lift ahead of the ramp by ' + aheadPct);
    assert.ok(pauses >= 2, 'paused ' + pauses + ' times to let the ramp catch up');
    assert.ok(Math.abs(lift.truePct - 3) <= 0.5, 'final ' + lift.truePct);
  });

  it('holds the cap of the direction: a target above it ends at or below the cap, and a lowered cap brings the lift down', () => {
    const lift = new TestLift('pulses', 0);
    lift.inputs.targetPct = 12;
    lift.inputs.capPct = 10;
    lift.run(30000);
    assert.ok(lift.truePct <= 10, 'lift at ' + lift.truePct);
    assert.ok(lift.truePct >= 9.5, 'lift at ' + lift.truePct);
    lift.inputs.capPct = 15;
    lift.run(10000);
    assert.ok(Math.abs(lift.truePct - 12) <= 0.5, 'forward again: ' + lift.truePct);
    lift.inputs.capPct = 10;
    lift.run(10000);
    assert.ok(lift.truePct <= 10 && lift.truePct >= 9.5, 'lowered to the backward cap: ' + lift.truePct);
  });

  it('never drives past the upper end stop, whatever the target', () => {
    const lift = new TestLift('analog', 0);
    lift.inputs.targetPct = 40;
    lift.inputs.capPct = 40;
    lift.run(40000);
    assert.ok(lift.truePct < 15, 'lift at ' + lift.truePct);
    assert.equal(lift.controller.up, false);
  });

  it('homes at the lower limit switch at once when it is active, and by driving down otherwise', () => {
    const atBottom = new TestLift('pulses', 0);
    atBottom.position.homed = false;
    atBottom.inputs.hasLowerLimit = true;
    startHoming(atBottom.controller, 0);
    atBottom.tick();
    assert.equal(atBottom.controller.homing, false);
    assert.equal(atBottom.position.homed, true);
    assert.equal(atBottom.controller.down, false, 'no move needed');

    const raised = new TestLift('pulses', 4);
    raised.position.homed = false;
    raised.inputs.hasLowerLimit = true;
    startHoming(raised.controller, 0);
    raised.run(1000);
    assert.equal(raised.controller.down, true, 'homing drives down');
    raised.run(8000);
    assert.equal(raised.controller.homing, false);
    assert.equal(raised.position.homed, true);
    assert.equal(raised.controller.homingFailure, 'none');
    assert.ok(raised.truePct <= 0.05, 'stopped at the switch: ' + raised.truePct);
    assert.equal(raised.position.positionPct, 0);
  });

  it('without a limit switch, homing ends when the lift stalls at its bottom; with one, a stall above it is a failure', () => {
    const noSwitch = new TestLift('pulses', 2);
    noSwitch.position.homed = false;
    startHoming(noSwitch.controller, 0);
    noSwitch.run(2000 / LIFT_PCT_PER_S + SETTINGS.homingStallMs + SETTINGS.deadTimeMs + 200);
    assert.equal(noSwitch.controller.homing, false);
    assert.equal(noSwitch.position.homed, true);
    assert.equal(noSwitch.truePct, 0);

    const stuck = new TestLift('pulses', 2);
    stuck.position.homed = false;
    stuck.stuck = true;
    stuck.inputs.hasLowerLimit = true;
    startHoming(stuck.controller, 0);
    stuck.run(SETTINGS.deadTimeMs + SETTINGS.homingStallMs + 100);
    assert.equal(stuck.controller.homingFailure, 'stalledAboveLimit');
    assert.equal(stuck.controller.down, false);
  });

  it('homing that does not end in time is a failure', () => {
    const lift = new TestLift('pulses', 10);
    lift.settings = Object.assign({}, SETTINGS, { homingTimeoutMs: 5000 });
    lift.position.homed = false;
    lift.inputs.hasLowerLimit = true;
    startHoming(lift.controller, 0);
    lift.run(4900);
    assert.equal(lift.controller.homingFailure, 'none');
    assert.equal(lift.controller.down, true);
    lift.run(200);
    assert.equal(lift.controller.homingFailure, 'timeout');
    assert.equal(lift.controller.down, false);
  });

  it('a lift that runs away upward while homing fails homing once it stalls at its top', () => {
    const lift = new TestLift('pulses', 12);
    lift.position.homed = false;
    lift.runawayUp = true;
    lift.inputs.hasLowerLimit = true;
    startHoming(lift.controller, 0);
    lift.run(3000 / LIFT_PCT_PER_S + SETTINGS.homingStallMs + 200);
    assert.equal(lift.controller.homingFailure, 'stalledAboveLimit');
  });

  it('a pulse lift asked for 0 % re-homes at the bottom instead of trusting a count it cannot resolve', () => {
    const lift = new TestLift('pulses', 0);
    lift.inputs.hasLowerLimit = true;
    lift.inputs.targetPct = 3;
    lift.run(8000);
    lift.inputs.targetPct = 0;
    lift.run(8000);
    assert.ok(lift.truePct <= 0.05, 'at the bottom: ' + lift.truePct);
    assert.equal(lift.controller.homing, false);
    assert.equal(lift.position.positionPct, 0);
  });

  it('reaches targets up and down within 0.5 % with either sensor', () => {
    (['pulses', 'analog'] as ('pulses' | 'analog')[]).forEach((kind) => {
      const lift = new TestLift(kind, 0);
      [7.3, 2.1, 14.5, 10].forEach((targetPct) => {
        lift.inputs.targetPct = targetPct;
        lift.run(30000);
        assert.ok(Math.abs(lift.truePct - targetPct) <= 0.5, kind + ' target ' + targetPct + ': ' + lift.truePct);
        assert.ok(lift.truePct <= targetPct + 0.02, kind + ' overshoot at ' + targetPct + ': ' + lift.truePct);
      });
    });
  });
});

describe('incline runaway monitor', () => {
  function watch(lift: TestLift, ms: number): { trouble: InclineTrouble; atMs: number } {
    const state = makeInclineMonitorState();
    const inputs = makeInclineMonitorInputs();
    let found: InclineTrouble = 'none';
    let atMs = -1;
    lift.run(ms, () => {
      if (found !== 'none') return;
      inputs.nowMs = lift.nowMs;
      inputs.motion = lift.controller.motion;
      inputs.stoppedAtMs = lift.controller.stoppedAtMs;
      inputs.homing = lift.controller.homing;
      found = checkIncline(state, lift.position, inputs, SETTINGS);
      if (found !== 'none') atMs = lift.nowMs;
    });
    return { trouble: found, atMs: atMs };
  }

  it('no false trip over long normal use with either sensor', () => {
    (['pulses', 'analog'] as ('pulses' | 'analog')[]).forEach((kind) => {
      const lift = new TestLift(kind, 0);
      [3, 12, 0.5, 9, 9.2, 15, 0].forEach((targetPct) => {
        lift.inputs.targetPct = targetPct;
        const seen = watch(lift, 30000);
        assert.equal(seen.trouble, 'none', kind + ' at target ' + targetPct);
      });
    });
  });

  it('trips on movement with both outputs off, after the coast window', () => {
    const lift = new TestLift('pulses', 3);
    lift.position.edgeIndex = 30;
    lift.pulseCount = 30;
    lift.inputs.targetPct = 3;
    lift.controller.setpointPct = 3;
    lift.runawayUp = true;
    const seen = watch(lift, 5000);
    assert.equal(seen.trouble, 'uncommanded');
    // Coast window, then 0.3 % plus one pulse of resolution at 0.6 %/s.
    const limitMs = SETTINGS.coastMs + ((SETTINGS.uncommandedPct + 0.1) / LIFT_PCT_PER_S) * 1000 + 2 * TICK_MS;
    assert.ok(seen.atMs <= limitMs, 'found at ' + seen.atMs + ' ms, limit ' + limitMs);
  });

  it('trips on a driven lift that does not move, after the stuck window', () => {
    const lift = new TestLift('analog', 3);
    lift.stuck = true;
    lift.inputs.targetPct = 8;
    const seen = watch(lift, 6000);
    assert.equal(seen.trouble, 'stuck');
    assert.ok(seen.atMs >= SETTINGS.stuckWindowMs && seen.atMs <= SETTINGS.deadTimeMs + SETTINGS.stuckWindowMs + 3 * TICK_MS, 'found at ' + seen.atMs);
  });

  it('trips on a potentiometer moving against the output', () => {
    const lift = new TestLift('analog', 5);
    lift.runawayUp = true;
    lift.inputs.targetPct = 1;
    lift.controller.setpointPct = 5;
    const seen = watch(lift, 5000);
    assert.equal(seen.trouble, 'wrongWay');
  });

  it('trips on a position past an end stop, and not within the margin', () => {
    const state = makeInclineMonitorState();
    const inputs = makeInclineMonitorInputs();
    const estimate = makeInclinePositionEstimate('analog');
    inputs.nowMs = 10000;
    inputs.stoppedAtMs = 0;
    estimate.positionPct = 15 + SETTINGS.endStopMarginPct * 0.9;
    assert.equal(checkIncline(state, estimate, inputs, SETTINGS), 'none');
    estimate.positionPct = 15 + SETTINGS.endStopMarginPct * 1.1;
    assert.equal(checkIncline(state, estimate, inputs, SETTINGS), 'pastEndStop');
    estimate.positionPct = -SETTINGS.endStopMarginPct * 1.1;
    assert.equal(checkIncline(state, estimate, inputs, SETTINGS), 'pastEndStop');
  });
});

describe('incline target rules', () => {
  it('caps per direction: backward 10 %, forward 15 %, never above the hard caps', () => {
    assert.equal(inclineCapPct(DEFAULT_CONFIG, 'backward'), 10);
    assert.equal(inclineCapPct(DEFAULT_CONFIG, 'forward'), 15);
    const lowered = resolveConfig({ backward: { maxInclinePct: 6 } });
    assert.equal(inclineCapPct(lowered, 'backward'), 6);
  });

  it('refuses a target above the cap or below 0 with a message, and keeps the old target', () => {
    const answer = result();
    assert.equal(applyInclineTarget(4, 12, 'backward', DEFAULT_CONFIG, answer), 4);
    assert.equal(answer.accepted, false);
    assert.match(answer.message, /above the backward incline cap of 10\.0 %/);
    const forward = result();
    assert.equal(applyInclineTarget(4, 12, 'forward', DEFAULT_CONFIG, forward), 12);
    assert.equal(forward.accepted, true);
    const tooHigh = result();
    assert.equal(applyInclineTarget(4, 15.5, 'forward', DEFAULT_CONFIG, tooHigh), 4);
    assert.equal(tooHigh.accepted, false);
    const negative = result();
    assert.equal(applyInclineTarget(4, -1, 'forward', DEFAULT_CONFIG, negative), 4);
    assert.equal(negative.accepted, false);
    const malformed = result();
    assert.equal(applyInclineTarget(4, 'steep', 'forward', DEFAULT_CONFIG, malformed), 4);
    assert.equal(malformed.accepted, false);
  });

  it('button steps move by 0.5 % and clamp to 0..cap', () => {
    assert.equal(steppedInclineTargetPct(3, 1, 'forward', DEFAULT_CONFIG), 3.5);
    assert.equal(steppedInclineTargetPct(3, -1, 'forward', DEFAULT_CONFIG), 2.5);
    assert.equal(steppedInclineTargetPct(9.8, 1, 'backward', DEFAULT_CONFIG), 10);
    assert.equal(steppedInclineTargetPct(0.2, -1, 'backward', DEFAULT_CONFIG), 0);
  });

  it('config checks name a bad incline setting', () => {
    assert.throws(() => resolveConfig({ incline: { deadTimeMs: 0 } }), /incline\.deadTimeMs/);
    assert.throws(() => resolveConfig({ incline: { analogAtZero: 0.5, analogAtSpan: 0.5 } }), /incline\.analogAtSpan/);
    assert.throws(() => resolveConfig({ incline: { stuckWindowMs: 60000 } }), /incline\.stuckWindowMs/);
    assert.throws(() => resolveConfig({ backward: { maxInclinePct: 12 } }), /backward\.maxInclinePct/);
    assert.equal(resolveConfig({ incline: { pulsesPerPct: 4 } }).incline.pulsesPerPct, 4);
  });
});

describe('the quiet band as filtered potentiometer readings', () => {
  it('every reading in the band scales inside the incline band, for rising and falling potentiometers', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.45, noNaN: true }),
        fc.double({ min: 0.55, max: 0.95, noNaN: true }),
        fc.boolean(),
        fc.double({ min: -1, max: 15, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (atOne, atOther, reversed, lowPct, widthPct) => {
          const settings = Object.assign({}, SETTINGS, { analogAtZero: reversed ? atOther : atOne, analogAtSpan: reversed ? atOne : atOther });
          const highPct = lowPct + widthPct;
          const band = quietAnalogFractions(lowPct, highPct, settings);
          const scaled = (fraction: number) => {
            const estimate = makeInclinePositionEstimate('analog');
            estimate.filteredFraction = fraction;
            scaleAnalogPosition(estimate, settings);
            return estimate.positionPct;
          };
          if (band.lowFraction > band.highFraction) return; // empty: full steps, nothing to prove
          const span = band.highFraction - band.lowFraction;
          const inBand = (share: number) => {
            const fraction = band.lowFraction + share * span;
            return fraction < band.highFraction ? fraction : band.highFraction;
          };
          [band.lowFraction, inBand(0.25), inBand(0.5), inBand(0.75), band.highFraction].forEach((fraction) => {
            const pct = scaled(fraction);
            assert.ok(pct >= lowPct && pct <= highPct, pct + ' outside ' + lowPct + '..' + highPct);
          });
          // Not needlessly narrow: the band covers all but a hair of what maps inside.
          const exactSpan = Math.abs(widthPct / (settings.analogSpanPct / (settings.analogAtSpan - settings.analogAtZero)));
          assert.ok(span >= exactSpan - 1e-12, 'band ' + span + ' of ' + exactSpan);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a band narrower than rounding comes back empty, and an inverted one too', () => {
    const band = quietAnalogFractions(5, 4, SETTINGS);
    assert.ok(band.lowFraction > band.highFraction);
  });
});
