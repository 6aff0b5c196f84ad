// Unit tests of the setpoint ramp, the PI controller with feed-forward, and the speed-target rules.

import assert from 'node:assert/strict';
import type { Command, CommandResult } from '../../firmware/command';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { resolveConfig } from '../../firmware/config-overrides';
import { RAMP_END_ROUNDING_S, rampSetpoint } from '../../firmware/core/setpoint-ramp';
import {
  CATCH_UP_LEADS,
  controllerSettingsFor,
  feedForwardDuty,
  HEAVY_MOVING_DEADBEAT,
  HEAVY_SETTLE_MS,
  HEAVY_WALKER_SHARE,
  INTEGRAL_STEP_FRACTION,
  integralGainFor,
  LOAD_EVIDENCE_DEAD_PULSES,
  LOAD_EVIDENCE_FULL_PULSES,
  LOAD_SCALE_ORIGIN,
  loadEvidenceShare,
  LONG_SPAN_MS,
  LONG_SPAN_STEP_FRACTION,
  makeControllerState,
  proportionalShare,
  START_RELEASE_PULSES,
  stepController,
  WINDUP_HEADROOM_DUTY,
  type SpeedMeasurement,
} from '../../firmware/core/speed-controller';
import { applySpeedCommand, speedCapKph } from '../../firmware/core/speed-targets';

// The PI rules on their own: no load allowance withheld (see 'unproven load' below for that).
const SETTINGS = Object.assign(controllerSettingsFor(DEFAULT_CONFIG), { proportionalGain: 0.02, integralGain: 0.03, loadAllowanceDuty: 0 });
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

  it('lands on the target exactly, where adding the distance left would miss it by rounding', () => {
    // 0.15000000000000002 + (1.2 - 0.15000000000000002) is not 1.2 in floating point.
    const fromKph = 0.15000000000000002;
    assert.notEqual(fromKph + (1.2 - fromKph), 1.2);
    assert.equal(rampSetpoint(fromKph, 1.2, 1, 2, 2000), 1.2);
    assert.equal(rampSetpoint(1.2 + (1.2 - fromKph), 1.2, 1, 2, 2000), 1.2);
  });

  [
    { fromKph: 0, toKph: 0.8, limitKphPerS: 1 },
    { fromKph: 2, toKph: 12, limitKphPerS: 1 },
    { fromKph: 12, toKph: 4, limitKphPerS: 1.5 },
    { fromKph: 0.8, toKph: 4, limitKphPerS: 0.3 },
  ].forEach((row) => {
    // Every control period a board may run at: a long tick must not end the ramp early (with a
    // jump to the target) nor stretch it.
    [20, 100, 200, 250].forEach((dtMs) => {
      it(`rounds off the end of a ramp from ${row.fromKph} to ${row.toKph} km/h without exceeding ${row.limitKphPerS} km/h/s, ${dtMs} ms ticks`, () => {
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
        // The continuous ramp takes the linear time plus half the rounding; whole ticks end it
        // within one tick of that (the approach is integrated exactly over each tick).
        const continuousMs = linearMs + (RAMP_END_ROUNDING_S / 2) * 1000;
        assert.ok(tookMs >= continuousMs - dtMs && tookMs <= continuousMs + dtMs, 'took ' + tookMs + ' ms for a ' + continuousMs + ' ms ramp');
      });
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
  const FOOT_SETTINGS = controllerSettingsFor(Object.assign({}, DEFAULT_CONFIG, { metersPerPulse: 0.3048, loadAllowanceDuty: 0 }));

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
    const freshGain = integralGainFor(20, FOOT_SETTINGS, 0.4, FOOT_SETTINGS.integralGain);
    assert.equal(freshGain, FOOT_SETTINGS.integralGain);
    const sparseGain = integralGainFor(1400, FOOT_SETTINGS, 0.4, FOOT_SETTINGS.integralGain);
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
    const expected = integralGainFor(spanMs, settings, INTEGRAL_STEP_FRACTION, settings.measuredIntegralGain) * 0.1 * (spanMs / 1000);
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

  it('with pulses a foot apart, lifts the integral at once to what a measurement would give by now; a fine encoder waits for its next one', () => {
    const overdueIntegral = (settings: typeof FOOT_SETTINGS, intervalMs: number, ageMs: number) => {
      const state = makeControllerState();
      stepController(state, 0.8, fresh(0.8), 20, settings);
      for (let age = 20; age <= ageMs; age += 20) stepController(state, 0.8, waiting(0.8, 5, age, intervalMs), 20, settings);
      return state.integralDuty;
    };
    // One foot at 0.8 km/h is due after 1.37 s; at 2.4 s the belt has averaged at most 0.457 km/h.
    const boundKph = (0.3048 / 2.4) * 3.6;
    const floorDuty = FOOT_SETTINGS.integralStepDutyPerKph * LONG_SPAN_STEP_FRACTION * (0.8 - boundKph);
    const sparse = overdueIntegral(FOOT_SETTINGS, 1372, 2400);
    assert.ok(sparse >= floorDuty - 1e-9, 'integral ' + sparse + ' below the floor ' + floorDuty);
    assert.ok(sparse <= FOOT_SETTINGS.integralStepDutyPerKph * (0.8 - boundKph), 'never more than dead-beat: ' + sparse);
    // A centimetre encoder's pulse at 0.8 km/h is due after 45 ms; 200 ms late it is more often
    // noise, so only the slow provisional step acts (bound 0.18 km/h, far from the floor).
    const fineSettings = controllerSettingsFor(Object.assign({}, DEFAULT_CONFIG, { metersPerPulse: 0.01, loadAllowanceDuty: 0 }));
    const fine = overdueIntegral(fineSettings, 45, 200);
    const fineFloor = fineSettings.integralStepDutyPerKph * INTEGRAL_STEP_FRACTION * (0.8 - (0.01 / 0.2) * 3.6);
    assert.ok(fine < fineFloor / 2, 'fine encoder integral ' + fine + ' against a floor of ' + fineFloor);
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
    // Rising at 1 km/h/s: aims rampLeadS ahead. The belt measured over the last tick at the setpoint
    // then in force (3 km/h) is no error: the proportional term adds nothing.
    stepController(state, 3, fresh(3), 20, settings);
    const rising = stepController(state, 3.02, fresh(3), 20, settings);
    assert.ok(Math.abs(rising - feedForwardDuty(settings.dutyMap, 3.02 + settings.rampLeadS)) < 1e-9);
    // Falling at 1.5 km/h/s just above the minimum: the lead stops at the minimum speed.
    stepController(state, 0.85, fresh(0.85), 20, settings);
    const falling = stepController(state, 0.82, fresh(0.85), 20, settings);
    assert.ok(Math.abs(falling - feedForwardDuty(settings.dutyMap, DEFAULT_CONFIG.minSpeedKph)) < 1e-9, 'duty ' + falling);
  });
});

describe('speed controller: unproven load (one pulse per foot, the allowance an H-bridge drive gets)', () => {
  const FOOT = 0.3048;
  // The allowance is the H-bridge drive's default (firmware/config.ts DRIVE_DEFAULTS).
  const settings = controllerSettingsFor(resolveConfig({ drive: 'hbridge', metersPerPulse: FOOT }));
  const allowance = settings.loadAllowanceDuty;
  const mapAt = (speedKph: number) => feedForwardDuty(settings.dutyMap, speedKph);
  /** Setpoint travel, ms at 0.8 km/h, that covers `pulses` pulses. */
  const msFor = (pulses: number) => (pulses * FOOT * 3600) / 0.8;
  const beforeFirstPulse: SpeedMeasurement = { speedKph: 0, measurementCount: 0, measuredNow: false, measurementSpanMs: 0, pulseAgeMs: -1, spanRestarted: false };
  const firstPulse: SpeedMeasurement = { speedKph: 0, measurementCount: 0, measuredNow: false, measurementSpanMs: 0, pulseAgeMs: 0, spanRestarted: true };
  /** Ticks after the first pulse, before the second: no measurement yet. */
  const afterFirstPulse: SpeedMeasurement = { speedKph: 0, measurementCount: 0, measuredNow: false, measurementSpanMs: 0, pulseAgeMs: 20, spanRestarted: false };
  const measuredAt = (speedKph: number, count: number, spanMs: number): SpeedMeasurement => ({ speedKph, measurementCount: count, measuredNow: true, measurementSpanMs: spanMs, pulseAgeMs: 0, spanRestarted: false });

  /** A start held at 0.8 km/h (the setpoint already there) for `durationMs` with no pulse; returns the last duty. */
  function holdWithoutPulse(state: ReturnType<typeof makeControllerState>, durationMs: number, measurement: SpeedMeasurement): number {
    let duty = 0;
    for (let elapsedMs = 20; elapsedMs <= durationMs; elapsedMs += 20) duty = stepController(state, 0.8, measurement, 20, settings);
    return duty;
  }

  it('evidence starts one pulse plus the dead zone into a span and is whole half a pulse later', () => {
    const kphMsFor = (pulses: number) => pulses * FOOT * 3600;
    assert.equal(loadEvidenceShare(kphMsFor(1), FOOT), 0);
    assert.equal(loadEvidenceShare(kphMsFor(1 + LOAD_EVIDENCE_DEAD_PULSES), FOOT), 0);
    assert.ok(Math.abs(loadEvidenceShare(kphMsFor(1 + LOAD_EVIDENCE_DEAD_PULSES + LOAD_EVIDENCE_FULL_PULSES / 2), FOOT) - 0.5) < 1e-9);
    assert.equal(loadEvidenceShare(kphMsFor(3), FOOT), 1);
  });

  it('withholds the load allowance after a start while nothing proves the belt held back', () => {
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    const duty = holdWithoutPulse(state, msFor(1), beforeFirstPulse);
    assert.ok(Math.abs(duty - (mapAt(0.8) - allowance)) < 1e-9, 'duty ' + duty + ' is the map less the allowance');
    assert.equal(state.unprovenShare, 1);
    // Below the slowest running speed only part of it (none at LOAD_SCALE_ORIGIN of that speed).
    const slow = makeControllerState();
    stepController(slow, 0.5, beforeFirstPulse, 20, settings);
    const slowDuty = stepController(slow, 0.5, beforeFirstPulse, 20, settings);
    const scale = (0.5 - LOAD_SCALE_ORIGIN * 0.8) / ((1 - LOAD_SCALE_ORIGIN) * 0.8);
    assert.ok(Math.abs(slowDuty - (mapAt(0.5) - allowance * scale)) < 1e-9, 'duty at 0.5 km/h ' + slowDuty);
  });

  it('gives it back as an overdue pulse proves the belt held back, and keeps going after the first pulse', () => {
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    holdWithoutPulse(state, msFor(1 + LOAD_EVIDENCE_DEAD_PULSES) - 20, beforeFirstPulse);
    assert.equal(state.unprovenShare, 1, 'nothing proven within one pulse plus the dead zone');
    const partly = holdWithoutPulse(state, msFor(LOAD_EVIDENCE_FULL_PULSES / 4), beforeFirstPulse);
    assert.ok(state.unprovenShare > 0.5 && state.unprovenShare < 1, 'share ' + state.unprovenShare);
    assert.ok(partly > mapAt(0.8) - allowance, 'duty rose to ' + partly);
    // The belt breaks away and gives its first pulse: the give-back continues regardless.
    const shareAtPulse = state.unprovenShare;
    stepController(state, 0.8, firstPulse, 20, settings);
    const full = holdWithoutPulse(state, msFor(START_RELEASE_PULSES * shareAtPulse) + 40, afterFirstPulse);
    assert.equal(state.unprovenShare, 0);
    // Within the catch-up after the proof the duty aims ahead (tested below); after it, the whole map.
    assert.ok(full >= mapAt(0.8), 'at least the whole map: ' + full);
    const settled = holdWithoutPulse(state, CATCH_UP_LEADS * settings.rampLeadS * 1000, afterFirstPulse);
    assert.ok(Math.abs(settled - mapAt(0.8)) < 1e-9, 'the whole map: ' + settled);
  });

  /** Hold at 0.8 km/h with `measurement` until an overdue pulse proves a load (at most 10 s). */
  function holdUntilProven(state: ReturnType<typeof makeControllerState>, measurement: SpeedMeasurement): void {
    let elapsedMs = 0;
    while (state.unprovenShare >= 1 && elapsedMs < 10000) {
      stepController(state, 0.8, measurement, 20, settings);
      elapsedMs += 20;
    }
    assert.ok(state.unprovenShare < 1, 'never proven');
  }

  /** A start ramp from standstill to 0.8 km/h at `rateKphPerS` with no pulse; returns the state. */
  function rampedStart(rateKphPerS: number): ReturnType<typeof makeControllerState> {
    const state = makeControllerState();
    for (let setpointKph = rateKphPerS * 0.02; setpointKph < 0.8; setpointKph += rateKphPerS * 0.02) stepController(state, setpointKph, beforeFirstPulse, 20, settings);
    return state;
  }

  it('after a start proven loaded before any pulse, aims ahead as the start ramp did, for CATCH_UP_LEADS ramp leads', () => {
    [1, 0.3].forEach((rateKphPerS) => {
      const state = rampedStart(rateKphPerS);
      holdUntilProven(state, beforeFirstPulse);
      // The rest of the allowance follows within START_RELEASE_PULSES; the catch-up lasts longer.
      const released = holdWithoutPulse(state, msFor(START_RELEASE_PULSES) + 20, beforeFirstPulse);
      assert.equal(state.unprovenShare, 0);
      const expected = mapAt(0.8 + rateKphPerS * settings.rampLeadS);
      assert.ok(Math.abs(released - expected) < 1e-9, rateKphPerS + ' km/h/s: duty ' + released + ', expected ' + expected);
      const catchUpMs = CATCH_UP_LEADS * settings.rampLeadS * 1000;
      const after = holdWithoutPulse(state, catchUpMs - msFor(START_RELEASE_PULSES), beforeFirstPulse);
      assert.ok(Math.abs(after - mapAt(0.8)) < 1e-9, rateKphPerS + ' km/h/s: ' + after + ' after the catch-up');
    });
  });

  it('gives no catch-up where a pulse came before the proof (a moving belt lagging, not one held still)', () => {
    const state = rampedStart(1);
    stepController(state, 0.8, firstPulse, 20, settings);
    holdUntilProven(state, afterFirstPulse);
    const released = holdWithoutPulse(state, msFor(START_RELEASE_PULSES) + 20, afterFirstPulse);
    assert.equal(state.unprovenShare, 0);
    assert.ok(Math.abs(released - mapAt(0.8)) < 1e-9, 'duty ' + released + ' is the whole map, no more');
  });

  it('hands what is still withheld to the integral at the first measurement, without a jump in duty', () => {
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    holdWithoutPulse(state, 500, beforeFirstPulse);
    stepController(state, 0.8, firstPulse, 20, settings);
    const waiting: SpeedMeasurement = { speedKph: 0, measurementCount: 0, measuredNow: false, measurementSpanMs: 0, pulseAgeMs: 0, spanRestarted: false };
    let before = 0;
    for (let ageMs = 20; ageMs < 1300; ageMs += 20) {
      waiting.pulseAgeMs = ageMs;
      before = stepController(state, 0.8, afterFirstPulse, 20, settings);
    }
    // An empty direct drive keeps up with the setpoint on the unloaded feed-forward.
    const after = stepController(state, 0.8, measuredAt(0.84, 1, 1300), 20, settings);
    assert.equal(state.unprovenShare, 0);
    // The allowance, plus the measurement's own exact correction (0.04 km/h fast over 1.3 s).
    const exact = integralGainFor(1300, settings, LONG_SPAN_STEP_FRACTION, settings.measuredIntegralGain) * (0.8 - 0.84) * 1.3;
    assert.ok(Math.abs(state.integralDuty - (-allowance + exact)) < 1e-6, 'integral ' + state.integralDuty);
    assert.ok(Math.abs(after - before) < 0.002, 'duty ' + before + ' -> ' + after);
  });

  it('brings an integral below the map back when a walker stalls the lightly driven belt', () => {
    const state = makeControllerState();
    // A belt measured light: the allowance went to the integral.
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    stepController(state, 0.8, measuredAt(0.8, 1, 1372), 20, settings);
    stepController(state, 0.8, measuredAt(0.8, 2, 1372), 20, settings);
    const light = state.integralDuty;
    assert.ok(light < -0.08, 'integral ' + light);
    // The walker steps on and the belt stands: no pulse. Nothing before the pulse is overdue.
    const waiting: SpeedMeasurement = { speedKph: 0.8, measurementCount: 2, measuredNow: false, measurementSpanMs: 1372, pulseAgeMs: 0, spanRestarted: false };
    for (let ageMs = 20; ageMs < msFor(1); ageMs += 20) {
      waiting.pulseAgeMs = ageMs;
      stepController(state, 0.8, afterFirstPulse, 20, settings);
    }
    assert.ok(state.integralDuty < light + 0.005, 'nothing proven yet: ' + state.integralDuty);
    for (let ageMs = Math.ceil(msFor(1) / 20) * 20; ageMs < msFor(1 + LOAD_EVIDENCE_DEAD_PULSES + LOAD_EVIDENCE_FULL_PULSES) + 40; ageMs += 20) {
      waiting.pulseAgeMs = ageMs;
      stepController(state, 0.8, afterFirstPulse, 20, settings);
    }
    assert.ok(state.integralDuty >= -1e-9, 'the map is back: ' + state.integralDuty);
    // The belt moves again; the measurement of the stalled span does not take the give-back away.
    const restored = state.integralDuty;
    stepController(state, 0.8, measuredAt(0.3, 3, 3600), 20, settings);
    assert.ok(state.integralDuty >= restored, 'integral ' + restored + ' -> ' + state.integralDuty);
  });

  it('adds up to a heavier walker\'s share above the map when the belt still stands on the whole map', () => {
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    // The allowance comes back within one pulse plus the dead zone, then START_RELEASE_PULSES more.
    let releaseMs = 0;
    while (state.unprovenShare > 0 && releaseMs < 10000) {
      stepController(state, 0.8, beforeFirstPulse, 20, settings);
      releaseMs += 20;
    }
    assert.ok(releaseMs <= msFor(1 + LOAD_EVIDENCE_DEAD_PULSES + START_RELEASE_PULSES) + 20, 'released after ' + releaseMs + ' ms');
    assert.equal(state.integralDuty, 0, 'the map, no more yet');
    // The drive gets HEAVY_SETTLE_MS to answer, then one pulse plus the dead zone of evidence.
    holdWithoutPulse(state, HEAVY_SETTLE_MS + msFor(1 + LOAD_EVIDENCE_DEAD_PULSES) - 40, beforeFirstPulse);
    assert.equal(state.integralDuty, 0, 'nothing above the map before the evidence');
    const duty = holdWithoutPulse(state, msFor(LOAD_EVIDENCE_FULL_PULSES) + 100, beforeFirstPulse);
    assert.ok(Math.abs(state.integralDuty - HEAVY_WALKER_SHARE * allowance) < 1e-9, 'integral ' + state.integralDuty);
    assert.ok(duty > mapAt(0.8) + 0.04, 'duty ' + duty);
    // ...and never more while the belt still stands.
    holdWithoutPulse(state, 3000, beforeFirstPulse);
    assert.ok(Math.abs(state.integralDuty - HEAVY_WALKER_SHARE * allowance) < 1e-9, 'integral ' + state.integralDuty);
  });

  it('after a first pulse, gives a heavier walker no more than HEAVY_MOVING_DEADBEAT x the proven deficit calls for', () => {
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    holdWithoutPulse(state, msFor(1 + LOAD_EVIDENCE_DEAD_PULSES + START_RELEASE_PULSES) + 40, beforeFirstPulse);
    assert.equal(state.unprovenShare, 0);
    // The belt passes a mark: it moves. Then no pulse for long enough that the whole share would be given.
    stepController(state, 0.8, firstPulse, 20, settings);
    const sincePulseMs = HEAVY_SETTLE_MS + msFor(1 + LOAD_EVIDENCE_DEAD_PULSES + LOAD_EVIDENCE_FULL_PULSES) + 200;
    holdWithoutPulse(state, sincePulseMs, afterFirstPulse);
    // Not less than one pulse in the time since: the belt lags the setpoint at least this much.
    const provenDeficitKph = 0.8 - ((FOOT / sincePulseMs) * 3600);
    const capDuty = HEAVY_MOVING_DEADBEAT * settings.integralStepDutyPerKph * provenDeficitKph;
    assert.ok(state.integralDuty > 0, 'some duty given back: ' + state.integralDuty);
    assert.ok(state.integralDuty <= capDuty + 1e-9, 'integral ' + state.integralDuty + ' within ' + capDuty);
    assert.ok(state.integralDuty < HEAVY_WALKER_SHARE * allowance - 0.01, 'less than the whole share');
  });

  it('withholds the allowance again on a stop once the setpoint falls below the slowest running speed', () => {
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, settings);
    stepController(state, 0.8, measuredAt(0.8, 1, 1372), 20, settings);
    state.integralDuty = -0.03; // a belt learned a little lighter than the map
    stepController(state, 0.81, measuredAt(0.8, 2, 1372), 20, settings);
    const above = stepController(state, 0.8, measuredAt(0.8, 3, 1372), 20, settings);
    assert.ok(Math.abs(above - (mapAt(0.8) - 0.03)) < 0.01, 'running at 0.8: ' + above);
    const stopping = stepController(state, 0.79, measuredAt(0.8, 3, 1372), 20, settings);
    const scale = (0.79 - LOAD_SCALE_ORIGIN * 0.8) / ((1 - LOAD_SCALE_ORIGIN) * 0.8);
    const proportional = stopping - (mapAt(0.79) - 0.03 - (allowance * scale - 0.03));
    assert.ok(Math.abs(proportional) < 0.002, 'duty ' + stopping + ' is the map less the allowance (the integral counted against it)');
  });

  it('withholds nothing with loadAllowanceDuty 0 (a drive with its own speed loop)', () => {
    const off = Object.assign({}, settings, { loadAllowanceDuty: 0 });
    const state = makeControllerState();
    stepController(state, 0.8, beforeFirstPulse, 20, off);
    const duty = stepController(state, 0.8, beforeFirstPulse, 20, off);
    assert.ok(Math.abs(duty - mapAt(0.8)) < 1e-9, 'the whole map at once: ' + duty);
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

  describe('every answer, exactly', () => {
    const rows: [string, number, Command, 'forward' | 'backward', number, boolean, string][] = [
      ['slow-down', 10, { name: 'slowDown', source: 'local' }, 'forward', 0.8, true, 'slowing down to 0.8 km/h'],
      ['setSpeed within the range', 2, { name: 'setSpeed', source: 'local', speedKph: 3.5 }, 'forward', 3.5, true, 'target 3.5 km/h'],
      ['setSpeed below the minimum', 2, { name: 'setSpeed', source: 'local', speedKph: 0.5 }, 'forward', 2, false, 'refused: 0.5 km/h is below the minimum of 0.8 km/h; use stop'],
      ['setSpeed above the cap', 2, { name: 'setSpeed', source: 'local', speedKph: 4.5 }, 'backward', 2, false, 'refused: 4.5 km/h is above the backward cap of 4.0 km/h'],
      ['a step that lands exactly on the cap', 3.9, { name: 'speedUp', source: 'local' }, 'backward', 4, true, 'target 4.0 km/h'],
      ['a step past the cap', 4, { name: 'speedUp', source: 'local' }, 'backward', 4, true, 'clamped to the backward cap of 4.0 km/h'],
      ['a step that lands exactly on the minimum', 0.9, { name: 'speedDown', source: 'local' }, 'forward', 0.8, true, 'target 0.8 km/h'],
      ['a step below the minimum', 0.8, { name: 'speedDown', source: 'local' }, 'forward', 0.8, true, 'clamped to the minimum of 0.8 km/h'],
    ];
    rows.forEach((row) => {
      it(row[0] + ': ' + row[6], () => {
        const outcome = run(row[1], row[2], row[3]);
        assert.ok(Math.abs(outcome.next - row[4]) < 1e-9, 'target ' + outcome.next);
        assert.deepEqual(outcome.result, { accepted: row[5], message: row[6] });
      });
    });
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
