// Unit tests of the session figures: the session clock, starts and continuations, distance split, energy, MET, validity and remaining time.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import type { SafetyState } from '../../firmware/core/safety-state';
import { estimateEnergyRate, makeEnergyRate } from '../../firmware/core/energy';
import { makeSessionTracker, RATE_SMOOTHING_MS, SESSION_CONTINUE_WINDOW_MS, setRemainingTime, updateSessionMetrics, type SessionMetricsSettings, type SessionTracker } from '../../firmware/core/session-metrics';

const TICK_MS = 20;
const SETTINGS: SessionMetricsSettings = { userWeightKg: 70, backwardEnergyMultiplier: 1.3 };
const THREE_MPH_KPH = 4.828032;

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, what + ': expected ' + expected + ' +/- ' + tolerance + ', got ' + actual);
}

/** Feed `durationMs` of ticks at a steady `speedKph` (distance = speed x time) in `state`. */
function run(tracker: SessionTracker, state: SafetyState, direction: Direction, speedKph: number, inclinePct: number, durationMs: number, settings?: SessionMetricsSettings): void {
  const stepM = (speedKph / 3.6) * (TICK_MS / 1000);
  for (let elapsedMs = 0; elapsedMs < durationMs; elapsedMs += TICK_MS) {
    updateSessionMetrics(tracker, settings || SETTINGS, TICK_MS, stepM, speedKph, direction, inclinePct, state);
  }
}

/** A countdown, then `durationMs` running. */
function session(tracker: SessionTracker, direction: Direction, speedKph: number, inclinePct: number, durationMs: number): void {
  run(tracker, 'countdown', direction, 0, inclinePct, 3000);
  run(tracker, 'running', direction, speedKph, inclinePct, durationMs);
}

describe('session metrics', () => {
  it('12-3-30 for 70 kg: about 300 kcal, 8.3 MET, distance x grade climbed', () => {
    const tracker = makeSessionTracker();
    session(tracker, 'forward', THREE_MPH_KPH, 12, 30 * 60000);
    const metrics = tracker.metrics;
    const rate = makeEnergyRate();
    estimateEnergyRate(rate, THREE_MPH_KPH, 12, 'forward', 70, 1.3);
    close(metrics.elapsedMs, 30 * 60000, 0, 'elapsed');
    close(metrics.distanceM, (THREE_MPH_KPH / 3.6) * 1800, 1e-6, 'distance');
    close(metrics.distanceForwardM, metrics.distanceM, 0, 'all forward');
    assert.equal(metrics.distanceBackwardM, 0);
    close(metrics.elevationGainM, metrics.distanceM * 0.12, 1e-6, 'elevation');
    close(metrics.energyKcal, rate.kcalPerMin * 30, 1e-6, 'energy equals the rate over the time');
    close(metrics.energyKcal, 300, 30, 'energy near the domain example');
    close(metrics.averageMet, 8.3, 0.1, 'average MET');
    close(metrics.currentMet, rate.met, 1e-9, 'current MET');
    close(metrics.averageSpeedKph, THREE_MPH_KPH, 1e-6, 'average speed');
    assert.equal(metrics.estimateQuality, 'validated');
    assert.equal(metrics.remainingMs, null);
  });

  it('runs the clock in running, stopping and freeBelt only', () => {
    const tracker = makeSessionTracker();
    run(tracker, 'idle', 'forward', 0, 0, 1000);
    run(tracker, 'countdown', 'forward', 0, 0, 3000);
    assert.equal(tracker.metrics.elapsedMs, 0);
    assert.equal(tracker.metrics.energyKcal, 0);
    run(tracker, 'running', 'forward', 4, 0, 10000);
    run(tracker, 'stopping', 'forward', 2, 0, 2000);
    assert.equal(tracker.metrics.elapsedMs, 12000);
    assert.equal(tracker.metrics.active, true);
    const energyKcal = tracker.metrics.energyKcal;
    // A coasting belt after the session (or an idle belt pushed by hand) counts nothing.
    run(tracker, 'idle', 'forward', 1, 0, 5000);
    run(tracker, 'fault', 'forward', 1, 0, 5000);
    assert.equal(tracker.metrics.elapsedMs, 12000);
    assert.equal(tracker.metrics.energyKcal, energyKcal);
    assert.equal(tracker.metrics.active, false);
    assert.equal(tracker.metrics.currentMet, 0);
    run(tracker, 'freeBelt', 'forward', 2, 0, 4000);
    assert.equal(tracker.metrics.elapsedMs, 4000, 'free belt starts a session of its own');
    assert.ok(tracker.metrics.distanceM > 2);
  });

  it('starts afresh at a new start in the same direction, and keeps figures after a resume from stopping', () => {
    const tracker = makeSessionTracker();
    session(tracker, 'forward', 4, 0, 10000);
    run(tracker, 'stopping', 'forward', 2, 0, 1000);
    run(tracker, 'running', 'forward', 4, 0, 1000);
    assert.equal(tracker.metrics.elapsedMs, 12000, 'a resume continues');
    run(tracker, 'stopping', 'forward', 2, 0, 1000);
    run(tracker, 'idle', 'forward', 0, 0, 1000);
    session(tracker, 'forward', 3, 0, 5000);
    assert.equal(tracker.metrics.elapsedMs, 5000);
    close(tracker.metrics.distanceM, (3 / 3.6) * 5, 1e-9, 'only the new session\'s distance');
  });

  it('continues the session across a direction change and splits the distance by direction', () => {
    const tracker = makeSessionTracker();
    session(tracker, 'forward', 4, 0, 60000);
    run(tracker, 'stopping', 'forward', 2, 0, 3000);
    run(tracker, 'idle', 'forward', 0, 0, 4000);
    session(tracker, 'backward', 2, 0, 60000);
    const metrics = tracker.metrics;
    close(metrics.distanceForwardM, (4 / 3.6) * 60 + (2 / 3.6) * 3, 1e-6, 'forward');
    close(metrics.distanceBackwardM, (2 / 3.6) * 60, 1e-6, 'backward');
    close(metrics.distanceM, metrics.distanceForwardM + metrics.distanceBackwardM, 1e-9, 'total');
    assert.equal(metrics.elapsedMs, 123000, 'idle and countdown between do not count');
  });

  it('starts afresh after a direction change when the gap is too long or the last session ended in a fault', () => {
    const late = makeSessionTracker();
    session(late, 'forward', 4, 0, 10000);
    run(late, 'idle', 'forward', 0, 0, SESSION_CONTINUE_WINDOW_MS);
    session(late, 'backward', 2, 0, 10000);
    assert.equal(late.metrics.distanceForwardM, 0);
    assert.equal(late.metrics.elapsedMs, 10000);

    const faulted = makeSessionTracker();
    session(faulted, 'forward', 4, 0, 10000);
    run(faulted, 'fault', 'forward', 0, 0, 1000);
    run(faulted, 'idle', 'forward', 0, 0, 1000);
    session(faulted, 'backward', 2, 0, 10000);
    assert.equal(faulted.metrics.distanceForwardM, 0);
    assert.equal(faulted.metrics.elapsedMs, 10000);
  });

  it('costs the multiplier more walking backward, and exactly the forward figure with a multiplier of 1', () => {
    const forward = makeSessionTracker();
    const backward = makeSessionTracker();
    const plain = makeSessionTracker();
    session(forward, 'forward', 2, 5, 60000);
    session(backward, 'backward', 2, 5, 60000);
    run(plain, 'running', 'backward', 2, 5, 60000, { userWeightKg: 70, backwardEnergyMultiplier: 1 });
    close(backward.metrics.energyKcal / forward.metrics.energyKcal, 1.3, 1e-9, 'backward / forward energy');
    close(backward.metrics.averageMet / forward.metrics.averageMet, 1.3, 1e-9, 'backward / forward MET');
    close(plain.metrics.energyKcal, forward.metrics.energyKcal, 1e-9, 'multiplier 1');
    close(backward.metrics.elevationGainM, backward.metrics.distanceBackwardM * 0.05, 1e-9, 'backward climbs the same grade');
  });

  it('scales energy with the user weight', () => {
    const light = makeSessionTracker();
    const heavy = makeSessionTracker();
    run(light, 'running', 'forward', 5, 3, 60000, { userWeightKg: 50, backwardEnergyMultiplier: 1.3 });
    run(heavy, 'running', 'forward', 5, 3, 60000, { userWeightKg: 100, backwardEnergyMultiplier: 1.3 });
    close(heavy.metrics.energyKcal / light.metrics.energyKcal, 2, 1e-9, 'energy ratio');
    close(heavy.metrics.averageMet, light.metrics.averageMet, 1e-9, 'MET does not depend on weight');
  });

  it('says when the session was mostly below the validated range, not when only the ramp was', () => {
    const slow = makeSessionTracker();
    session(slow, 'backward', 0.8, 0, 5 * 60000);
    assert.equal(slow.metrics.currentEstimateQuality, 'belowValidatedRange');
    assert.equal(slow.metrics.estimateQuality, 'belowValidatedRange');
    assert.equal(slow.metrics.belowValidatedRangeMs, 5 * 60000);

    const brisk = makeSessionTracker();
    session(brisk, 'forward', 1, 0, 5000);
    run(brisk, 'running', 'forward', 5, 0, 5 * 60000);
    // The rate follows the speed smoothed over RATE_SMOOTHING_MS: from 1 to 5 km/h it crosses the
    // validated range's 3 km/h after RATE_SMOOTHING_MS x ln 2.
    const lagMs = RATE_SMOOTHING_MS * Math.log(2);
    assert.ok(Math.abs(brisk.metrics.belowValidatedRangeMs - (5000 + lagMs)) <= 2 * TICK_MS, 'below range for ' + brisk.metrics.belowValidatedRangeMs + ' ms');
    assert.equal(brisk.metrics.currentEstimateQuality, 'validated');
    assert.equal(brisk.metrics.estimateQuality, 'validated');
  });

  it('estimates the current MET from the speed smoothed over RATE_SMOOTHING_MS, so footfall ripple barely moves it', () => {
    const tracker = makeSessionTracker();
    const expected = makeEnergyRate();
    estimateEnergyRate(expected, 4.83, 12, 'forward', SETTINGS.userWeightKg, SETTINGS.backwardEnergyMultiplier);
    // A fine encoder's reading of a belt at 4.83 km/h swinging 0.25 km/h either way at 1.8 steps a second.
    let lowestMet = Infinity;
    let highestMet = 0;
    for (let nowMs = TICK_MS; nowMs <= 60000; nowMs += TICK_MS) {
      const speedKph = 4.83 + 0.25 * Math.sin((2 * Math.PI * 1.8 * nowMs) / 1000);
      updateSessionMetrics(tracker, SETTINGS, TICK_MS, (speedKph / 3.6) * (TICK_MS / 1000), speedKph, 'forward', 12, 'running');
      if (nowMs > 30000) {
        lowestMet = Math.min(lowestMet, tracker.metrics.currentMet);
        highestMet = Math.max(highestMet, tracker.metrics.currentMet);
      }
    }
    assert.ok(Math.abs(lowestMet - expected.met) < 0.05 && Math.abs(highestMet - expected.met) < 0.05, 'MET ' + lowestMet.toFixed(3) + '..' + highestMet.toFixed(3) + ' around ' + expected.met.toFixed(3));
  });

  it('integrates sparse encoder pulses to the same energy as a smooth distance', () => {
    const smooth = makeSessionTracker();
    const pulsed = makeSessionTracker();
    const speedKph = 3;
    const metersPerPulse = 0.3048;
    const pulseEveryMs = (metersPerPulse / (speedKph / 3.6)) * 1000;
    let nextPulseMs = pulseEveryMs;
    for (let nowMs = TICK_MS; nowMs <= 120000; nowMs += TICK_MS) {
      updateSessionMetrics(smooth, SETTINGS, TICK_MS, (speedKph / 3.6) * (TICK_MS / 1000), speedKph, 'forward', 4, 'running');
      let stepM = 0;
      while (nextPulseMs <= nowMs) {
        stepM += metersPerPulse;
        nextPulseMs += pulseEveryMs;
      }
      updateSessionMetrics(pulsed, SETTINGS, TICK_MS, stepM, speedKph, 'forward', 4, 'running');
    }
    // At most one pulse of distance apart, so the energy differs by at most one pulse's movement cost.
    assert.ok(Math.abs(pulsed.metrics.distanceM - smooth.metrics.distanceM) <= metersPerPulse);
    const onePulseKcal = ((0.1 + 1.8 * 0.04) * metersPerPulse * 70 * 5) / 1000;
    close(pulsed.metrics.energyKcal, smooth.metrics.energyKcal, onePulseKcal, 'energy');
  });

  it('counts a program\'s remaining time down with the session clock, stops at 0 and clears it at a new session', () => {
    const tracker = makeSessionTracker();
    session(tracker, 'forward', 3, 0, 1000);
    assert.equal(tracker.metrics.remainingMs, null);
    setRemainingTime(tracker.metrics, 5000);
    run(tracker, 'running', 'forward', 3, 0, 2000);
    assert.equal(tracker.metrics.remainingMs, 3000);
    run(tracker, 'idle', 'forward', 0, 0, 1000);
    assert.equal(tracker.metrics.remainingMs, 3000, 'the clock stands in idle');
    session(tracker, 'forward', 3, 0, 3000);
    assert.equal(tracker.metrics.remainingMs, null);
    setRemainingTime(tracker.metrics, 500);
    run(tracker, 'running', 'forward', 3, 0, 2000);
    assert.equal(tracker.metrics.remainingMs, 0);
  });
});
