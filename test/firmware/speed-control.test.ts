// Unit tests of the setpoint ramp, the PI controller with feed-forward, and the speed-target rules.

import assert from 'node:assert/strict';
import type { Command, CommandResult } from '../../firmware/command';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { RAMP_END_ROUNDING_S, rampSetpoint } from '../../firmware/core/setpoint-ramp';
import {
  controllerSettingsFor,
  feedForwardDuty,
  INTEGRAL_STEP_FRACTION,
  integralGainFor,
  LONG_SPAN_MS,
  LONG_SPAN_STEP_FRACTION,
  makeControllerState,
  proportionalShare,
  stepController,
  WINDUP_HEADROOM_DUTY,
  type SpeedMeasurement,
} from '../../firmware/core/speed-controller';
import { applySpeedCommand, speedCapKph } from '../../firmware/core/speed-targets';

const SETTINGS = Object.assign(controllerSettingsFor(DEFAULT_CONFIG), { proportionalGain: 0.02, integralGain: 0.03 });
const MAP = [
  { speedKph: 0, duty: 0 },
  { speedKph: 0.8, duty: 0.12 },
  { speedKph: 16, duty: 0.85 },
];

/** A fine encoder's reading: a new measurement every tick, spanning the tick. */
function fresh(speedKph: number): SpeedMeasurement {
  return { speedKph, measurementCount: 10, measuredNow: true, measurementSpanMs: 20, pulseAgeMs: 0, spanRestarted: false };
}

/** No measurement this tick; `count` measurements so far, the newest pulse `pulseAgeMs` ago. */
function waiting(speedKph: number, count: number, pulseAgeMs: number, spanMs: number): SpeedMeasurement {
  return { speedKph, measurementCount: count, measuredNow: false, measurementSpanMs: spanMs, pulseAgeMs, spanRestarted: false };
}

describe('setpoint ramp', () => {
  it('rises at the acceleration limit and falls at the deceleration limit without overshoot', () => {
    assert.ok(Math.abs(rampSetpoint(1, 5, 1, 2, 500) - 1.5) < 1e-12);
    assert.ok(Math.abs(rampSetpoint(5, 1, 1, 2, 500) - 4) < 1e-12);
    assert.equal(rampSetpoint(4.9, 5, 1, 2, 500), 5);
    assert.equal(rampSetpoint(1.1, 1, 1, 2, 500), 1);
    assert.equal(rampSetpoint(3, 3, 1, 2, 500), 3);
  });

  [
    { fromKph: 0, toKph: 0.8, limitKphPerS: 1 },
    { fromKph: 2, toKph: 12, limitKphPerS: 1 },
    { fromKph: 12, toKph: 4, limitKphPerS: 1.5 },
    { fromKph: 0.8, toKph: 4, limitKphPerS: 0.3 },
  ].forEach((row) => {
    it(`rounds off the end of a ramp from ${row.fromKph} to ${row.toKph} km/h without exceeding ${row.limitKphPerS} km/h/s`, () => {
      const dtMs = 20;
      let setpointKph = row.fromKph;
      let lastRateKphPerS = Number.POSITIVE_INFINITY;
      let ticks = 0;
      const rising = row.toKph > row.fromKph;
      while (setpointKph !== row.toKph && ticks < 100000) {
        const next = rampSetpoint(setpointKph, row.toKph, rising ? row.limitKphPerS : 9, rising ? 9 : row.limitKphPerS, dtMs);
        const rateKphPerS = (Math.abs(next - setpointKph) * 1000) / dtMs;
        assert.ok(rateKphPerS <= row.limitKphPerS + 1e-9, 'rate ' + rateKphPerS);
        assert.ok(rising ? next <= row.toKph && next > setpointKph : next >= row.toKph && next < setpointKph, 'moves toward the target without passing it');
        const remainingKph = Math.abs(row.toKph - setpointKph);
        // Within the rounding zone the rate only falls (the last step may snap to the target).
        if (remainingKph < (row.limitKphPerS * RAMP_END_ROUNDING_S) / 2 && next !== row.toKph) assert.ok(rateKphPerS <= lastRateKphPerS + 1e-9);
        lastRateKphPerS = rateKphPerS;
        setpointKph = next;
        ticks++;
      }
      const linearMs = (Math.abs(row.toKph - row.fromKph) / row.limitKphPerS) * 1000;
      const tookMs = ticks * dtMs;
      assert.ok(tookMs >= linearMs && tookMs <= linearMs + (RAMP_END_ROUNDING_S / 2) * 1000 + 2 * dtMs, 'took ' + tookMs + ' ms for a ' + linearMs + ' ms linear ramp');
    });
  });
});

describe('speed controller', () => {
  it('interpolates the feed-forward map and stays flat beyond its ends', () => {
    assert.equal(feedForwardDuty(MAP, 0), 0);
    assert.ok(Math.abs(feedForwardDuty(MAP, 0.4) - 0.06) < 1e-12);
    assert.ok(Math.abs(feedForwardDuty(MAP, 8.4) - (0.12 + 0.5 * 0.73)) < 1e-12);
    assert.equal(feedForwardDuty(MAP, 30), 0.85);
  });

  it('gives zero duty for a zero setpoint and clears the integral', () => {
    const state = makeControllerState();
    for (let tick = 0; tick < 3; tick++) stepController(state, 5, fresh(3), 20, SETTINGS);
    assert.ok(state.integralDuty > 0);
    assert.equal(stepController(state, 0, fresh(3), 20, SETTINGS), 0);
    assert.equal(state.integralDuty, 0);
  });

  it('never exceeds maxDuty and does not wind up while saturated', () => {
    const state = makeControllerState();
    for (let tick = 0; tick < 5000; tick++) assert.ok(stepController(state, 16, fresh(0), 20, SETTINGS) <= 0.85);
    // Feed-forward plus integral may sit a little above maxDuty (so footfall ripple on the
    // proportional term cannot pull the mean duty below the limit), and no further.
    const slowPart = feedForwardDuty(SETTINGS.dutyMap, 16) + state.integralDuty;
    assert.ok(slowPart <= SETTINGS.maxDuty + WINDUP_HEADROOM_DUTY + 0.01, 'integral stayed bounded while saturated: ' + state.integralDuty);
    // Once the belt runs above the target the duty leaves the limit within seconds.
    let duty = 1;
    for (let tick = 0; tick < 250; tick++) duty = stepController(state, 16, fresh(16.5), 20, SETTINGS);
    assert.ok(duty < SETTINGS.maxDuty, 'duty ' + duty);
  });

  it('integrates a steady error so a drooping belt is corrected', () => {
    const state = makeControllerState();
    // The setpoint has reached 5 km/h (no ramp lead from here on).
    stepController(state, 5, fresh(5), 20, SETTINGS);
    const first = stepController(state, 5, fresh(4.5), 20, SETTINGS);
    let last = first;
    for (let tick = 0; tick < 100; tick++) last = stepController(state, 5, fresh(4.5), 20, SETTINGS);
    assert.ok(last > first + 0.02, `duty rose from ${first} to ${last}`);
  });
});

describe('speed controller with sparse and fresh measurements', () => {
  const FOOT_SETTINGS = controllerSettingsFor(Object.assign({}, DEFAULT_CONFIG, { metersPerPulse: 0.3048 }));

  it('gives full proportional gain to fresh measurements and a falling share to old ones', () => {
    const fullMs = FOOT_SETTINGS.fullGainSpanMs;
    assert.equal(proportionalShare(fullMs / 2, fullMs), 1);
    assert.equal(proportionalShare(fullMs, fullMs), 1);
    let previous = 1;
    [fullMs * 1.5, fullMs * 3, 300, 600, 1400, 5000].forEach((spanMs) => {
      const share = proportionalShare(spanMs, fullMs);
      assert.ok(share <= previous && share > 0, spanMs + ' ms: ' + share);
      previous = share;
    });
    assert.ok(proportionalShare(5000, fullMs) < proportionalShare(300, fullMs) / 10);
  });

  it('caps what one sparse measurement adds to the integral at a share of the duty map slope', () => {
    const freshGain = integralGainFor(20, FOOT_SETTINGS, 0.4);
    assert.equal(freshGain, FOOT_SETTINGS.integralGain);
    const sparseGain = integralGainFor(1400, FOOT_SETTINGS, 0.4);
    assert.ok(Math.abs(sparseGain * 1.4 - 0.4 * FOOT_SETTINGS.integralStepDutyPerKph) < 1e-12);
  });

  it('holds the integral after a start until a pulse is overdue enough to prove a stall', () => {
    const state = makeControllerState();
    const settings = FOOT_SETTINGS;
    // First pulse after standstill: the belt moves, its speed is unknown.
    stepController(state, 0.8, { speedKph: 0, measurementCount: 0, measuredNow: false, measurementSpanMs: 0, pulseAgeMs: 0, spanRestarted: true }, 20, settings);
    // One pulse interval at 0.8 km/h is 1.37 s: waiting 2 s proves nothing yet.
    for (let ageMs = 20; ageMs <= 2000; ageMs += 20) stepController(state, 0.8, waiting(0, 0, ageMs, 0), 20, settings);
    assert.equal(state.integralDuty, 0);
    // Waiting 4 s proves the belt slower than half the setpoint (0.3 m in 4 s is 0.27 km/h).
    for (let ageMs = 2020; ageMs <= 4000; ageMs += 20) stepController(state, 0.8, waiting(0, 0, ageMs, 0), 20, settings);
    assert.ok(state.integralDuty > 0, 'a stalled start raises the duty: ' + state.integralDuty);
  });

  it('moves the integral once per measurement by the travel error over its span', () => {
    const settings = FOOT_SETTINGS;
    const state = makeControllerState();
    const spanMs = 1000;
    // A pulse starts the span, the setpoint holds 0.8 km/h, the next pulse measures 0.7 km/h.
    stepController(state, 0.8, fresh(0.8), 20, settings);
    const before = state.integralDuty;
    for (let ageMs = 20; ageMs < spanMs; ageMs += 20) stepController(state, 0.8, waiting(0.8, 5, ageMs, spanMs), 20, settings);
    assert.equal(state.integralDuty, before, 'no change between pulses');
    stepController(state, 0.8, { speedKph: 0.7, measurementCount: 6, measuredNow: true, measurementSpanMs: spanMs, pulseAgeMs: 0, spanRestarted: false }, 20, settings);
    const expected = integralGainFor(spanMs, settings, INTEGRAL_STEP_FRACTION) * 0.1 * (spanMs / 1000);
    assert.ok(Math.abs(state.integralDuty - before - expected) < 1e-9, 'step ' + (state.integralDuty - before) + ', expected ' + expected);
  });

  it('acts on an overdue pulse before it comes (a walker stepping onto a lightly driven belt)', () => {
    const settings = FOOT_SETTINGS;
    const state = makeControllerState();
    const intervalMs = 1372; // one foot at 0.8 km/h
    stepController(state, 0.8, fresh(0.8), 20, settings);
    for (let ageMs = 20; ageMs <= intervalMs - 20; ageMs += 20) stepController(state, 0.8, waiting(0.8, 5, ageMs, intervalMs), 20, settings);
    assert.equal(state.integralDuty, 0, 'nothing proven while the pulse is not yet due');
    for (let ageMs = intervalMs; ageMs <= 3000; ageMs += 20) stepController(state, 0.8, waiting(0.8, 5, ageMs, intervalMs), 20, settings);
    const provisional = state.integralDuty;
    assert.ok(provisional > 0, 'the duty rises while the pulse is overdue: ' + provisional);
    // The pulse comes at 3 s: the belt averaged 0.37 km/h. The measurement settles the whole span.
    stepController(state, 0.8, { speedKph: (0.3048 / 3) * 3.6, measurementCount: 6, measuredNow: true, measurementSpanMs: 3000, pulseAgeMs: 0, spanRestarted: false }, 20, settings);
    assert.ok(state.integralDuty > provisional, 'the exact error of the span adds the rest: ' + state.integralDuty);
    assert.ok(state.integralDuty <= settings.integralStepDutyPerKph * (0.8 - (0.3048 / 3) * 3.6) + 1e-9, 'never more than dead-beat: ' + state.integralDuty);
  });

  it('corrects a measured overspeed at full dead-beat, a lag at a share of it', () => {
    const settings = FOOT_SETTINGS;
    // Shorter than one pulse interval at 0.8 km/h (1.37 s), so no pulse is overdue before the measurement.
    const spanMs = LONG_SPAN_MS + 100;
    const measure = (speedKph: number) => {
      const state = makeControllerState();
      stepController(state, 0.8, fresh(0.8), 20, settings);
      for (let ageMs = 20; ageMs < spanMs; ageMs += 20) stepController(state, 0.8, waiting(0.8, 5, ageMs, spanMs), 20, settings);
      stepController(state, 0.8, { speedKph, measurementCount: 6, measuredNow: true, measurementSpanMs: spanMs, pulseAgeMs: 0, spanRestarted: false }, 20, settings);
      return state.integralDuty;
    };
    const tooFast = measure(1.8);
    const tooSlow = measure(0.3);
    // Dead-beat: the duty map's slope times the error; a lag over so long a span gets a share.
    assert.ok(Math.abs(tooFast + settings.integralStepDutyPerKph * 1.0) < 1e-9, 'overspeed step ' + tooFast);
    assert.ok(Math.abs(tooSlow - settings.integralStepDutyPerKph * LONG_SPAN_STEP_FRACTION * 0.5) < 1e-9, 'lag step ' + tooSlow);
  });

  it('leads a ramping setpoint but never aims below the slowest running speed', () => {
    const settings = FOOT_SETTINGS;
    const state = makeControllerState();
    // Rising at 1 km/h/s: aims rampLeadS ahead.
    stepController(state, 3, fresh(3), 20, settings);
    const rising = stepController(state, 3.02, fresh(3.02), 20, settings);
    assert.ok(Math.abs(rising - feedForwardDuty(settings.dutyMap, 3.02 + settings.rampLeadS)) < 1e-9);
    // Falling at 1.5 km/h/s just above the minimum: the lead stops at the minimum speed.
    stepController(state, 0.85, fresh(0.85), 20, settings);
    const falling = stepController(state, 0.82, fresh(0.82), 20, settings);
    assert.ok(Math.abs(falling - feedForwardDuty(settings.dutyMap, DEFAULT_CONFIG.minSpeedKph)) < 1e-9, 'duty ' + falling);
  });
});

describe('speed targets', () => {
  function run(targetKph: number, command: Command, direction: 'forward' | 'backward') {
    const result: CommandResult = { accepted: false, message: '' };
    const next = applySpeedCommand(targetKph, command, direction, DEFAULT_CONFIG, result);
    return { next, result };
  }

  it('caps backward at 4.0 km/h and forward at 16 km/h by default', () => {
    assert.equal(speedCapKph(DEFAULT_CONFIG, 'backward'), 4);
    assert.equal(speedCapKph(DEFAULT_CONFIG, 'forward'), 16);
  });

  it('refuses a setSpeed above the backward cap and keeps the target, saying why', () => {
    const outcome = run(2, { name: 'setSpeed', source: 'remote', speedKph: 5 }, 'backward');
    assert.equal(outcome.next, 2);
    assert.equal(outcome.result.accepted, false);
    assert.match(outcome.result.message, /above the backward cap of 4\.0 km\/h/);
  });

  it('clamps a speed-up button at the cap and says it clamped', () => {
    const outcome = run(4, { name: 'speedUp', source: 'local' }, 'backward');
    assert.equal(outcome.next, 4);
    assert.equal(outcome.result.accepted, true);
    assert.match(outcome.result.message, /clamped to the backward cap/);
  });

  it('steps by 0.1 km/h and clamps at the minimum', () => {
    assert.ok(Math.abs(run(1, { name: 'speedUp', source: 'local' }, 'forward').next - 1.1) < 1e-9);
    const down = run(0.8, { name: 'speedDown', source: 'local' }, 'forward');
    assert.equal(down.next, 0.8);
    assert.match(down.result.message, /minimum/);
  });

  it('slow-down goes to the start speed', () => {
    assert.equal(run(10, { name: 'slowDown', source: 'local' }, 'forward').next, 0.8);
  });

  it('refuses a malformed setSpeed', () => {
    const outcome = run(3, { name: 'setSpeed', source: 'remote', speedKph: Number.NaN }, 'forward');
    assert.equal(outcome.next, 3);
    assert.equal(outcome.result.accepted, false);
  });
});
