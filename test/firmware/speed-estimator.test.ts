// Unit tests of the period-based belt speed estimator.

import assert from 'node:assert/strict';
import type { PulseReading } from '../../hal/pulse-counter';
import { makeSpeedEstimate, standstillDurationMs, standstillTimeoutMs, updateSpeedEstimate, type SpeedEstimatorSettings } from '../../firmware/core/speed-estimator';

const FOOT_M = 0.3048;

function settings(metersPerPulse: number): SpeedEstimatorSettings {
  return { metersPerPulse, standstillTimeoutMs: standstillTimeoutMs(metersPerPulse, 0.8), implausibleSpeedKph: 42 };
}

/** Feed an ideal belt at `speedKph` to the estimator with 20 ms ticks; returns the estimate. */
function runBelt(speedKph: number, metersPerPulse: number, durationMs: number) {
  const config = settings(metersPerPulse);
  const estimate = makeSpeedEstimate(0);
  const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
  const periodMs = (metersPerPulse / (speedKph / 3.6)) * 1000;
  for (let nowMs = 0; nowMs <= durationMs; nowMs += 20) {
    const pulses = Math.floor(nowMs / periodMs);
    if (pulses > reading.count) {
      reading.count = pulses;
      reading.lastPulseMs = pulses * periodMs;
    }
    updateSpeedEstimate(estimate, reading, nowMs, config);
  }
  return { estimate, config, reading };
}

describe('speed estimator', () => {
  describe('at power-up (the belt may still be coasting from before)', () => {
    const timeoutMs = 3000;
    const config: SpeedEstimatorSettings = { metersPerPulse: FOOT_M, standstillTimeoutMs: timeoutMs, implausibleSpeedKph: 42 };

    it('does not call the belt still until no pulse has come for the standstill timeout since power-up', () => {
      const estimate = makeSpeedEstimate(500);
      const reading: PulseReading = { count: 7, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
      for (let nowMs = 500; nowMs < 500 + timeoutMs; nowMs += 100) {
        updateSpeedEstimate(estimate, reading, nowMs, config);
        assert.equal(standstillDurationMs(estimate, nowMs), 0, 'still at ' + nowMs + ' ms');
      }
      updateSpeedEstimate(estimate, reading, 500 + timeoutMs, config);
      assert.equal(standstillDurationMs(estimate, 500 + timeoutMs + 400), 400);
    });

    it('a pulse of a belt moving at power-up restarts the wait from that pulse', () => {
      const estimate = makeSpeedEstimate(0);
      const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
      updateSpeedEstimate(estimate, reading, 0, config);
      reading.count = 1;
      reading.lastPulseMs = 2500;
      updateSpeedEstimate(estimate, reading, 2600, config);
      updateSpeedEstimate(estimate, reading, timeoutMs + 100, config);
      assert.equal(standstillDurationMs(estimate, timeoutMs + 100), 0, 'the pulse at 2.5 s: not still by 3.1 s');
      updateSpeedEstimate(estimate, reading, 2500 + timeoutMs, config);
      assert.ok(standstillDurationMs(estimate, 2500 + timeoutMs) > 0, 'still a timeout after that pulse');
    });
  });

  it('standstill timeout is 2.5 pulse intervals at the minimum speed, at least 1.5 s', () => {
    assert.ok(Math.abs(standstillTimeoutMs(FOOT_M, 0.8) - 2.5 * (FOOT_M / (0.8 / 3.6)) * 1000) < 1e-6);
    assert.equal(standstillTimeoutMs(0.01, 0.8), 1500);
  });

  [
    { speedKph: 0.8, metersPerPulse: FOOT_M },
    { speedKph: 4, metersPerPulse: FOOT_M },
    { speedKph: 16, metersPerPulse: FOOT_M },
    { speedKph: 0.8, metersPerPulse: 0.01 },
    { speedKph: 16, metersPerPulse: 0.002 },
  ].forEach((row) => {
    it(`measures ${row.speedKph} km/h with ${(1 / row.metersPerPulse).toFixed(1)} pulses/m within 1 %`, () => {
      const result = runBelt(row.speedKph, row.metersPerPulse, 20000);
      assert.ok(Math.abs(result.estimate.speedKph - row.speedKph) < row.speedKph * 0.01, `got ${result.estimate.speedKph}`);
      assert.equal(standstillDurationMs(result.estimate, 20000), 0);
      assert.ok(Math.abs(result.estimate.distanceM - result.reading.count * row.metersPerPulse) < 1e-9);
    });
  });

  it('decays between pulses and declares standstill after the timeout', () => {
    const result = runBelt(2, FOOT_M, 5000);
    const estimate = result.estimate;
    const reading = result.reading;
    const stopMs = reading.lastPulseMs;
    updateSpeedEstimate(estimate, reading, stopMs + 1000, result.config);
    assert.ok(estimate.speedKph <= (FOOT_M / 1) * 3.6 + 1e-9 && estimate.speedKph > 0, `decayed to ${estimate.speedKph}`);
    updateSpeedEstimate(estimate, reading, stopMs + result.config.standstillTimeoutMs + 1, result.config);
    assert.equal(estimate.speedKph, 0);
    assert.ok(standstillDurationMs(estimate, stopMs + result.config.standstillTimeoutMs + 2001) >= 2000);
  });

  it('does not invent a speed from the first pulse after standstill', () => {
    const config = settings(FOOT_M);
    const estimate = makeSpeedEstimate(0);
    const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
    updateSpeedEstimate(estimate, reading, 0, config);
    reading.count = 1;
    reading.lastPulseMs = 5000;
    updateSpeedEstimate(estimate, reading, 5010, config);
    assert.equal(estimate.speedKph, 0);
    assert.equal(standstillDurationMs(estimate, 5010), 0, 'a pulse means the belt moves');
    reading.count = 2;
    reading.lastPulseMs = 6000;
    updateSpeedEstimate(estimate, reading, 6010, config);
    assert.ok(Math.abs(estimate.speedKph - FOOT_M * 3.6) < 1e-9);
  });

  it('reports each period measurement once, with its span, and counts them from the start', () => {
    const config = settings(FOOT_M);
    const estimate = makeSpeedEstimate(0);
    const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
    updateSpeedEstimate(estimate, reading, 0, config);
    reading.count = 1;
    reading.lastPulseMs = 1000;
    updateSpeedEstimate(estimate, reading, 1010, config);
    assert.equal(estimate.spanRestarted, true, 'the first pulse starts a span');
    assert.equal(estimate.measuredNow, false);
    assert.equal(estimate.measurementCount, 0);
    updateSpeedEstimate(estimate, reading, 1030, config);
    assert.equal(estimate.spanRestarted, false);
    assert.equal(estimate.pulseAgeMs, 30);
    reading.count = 3;
    reading.lastPulseMs = 2200;
    updateSpeedEstimate(estimate, reading, 2210, config);
    assert.equal(estimate.measuredNow, true);
    assert.equal(estimate.measurementCount, 1);
    assert.equal(estimate.measurementSpanMs, 1200);
    assert.equal(estimate.pulseAgeMs, 10);
    assert.ok(Math.abs(estimate.speedKph - ((2 * FOOT_M) / 1.2) * 3.6) < 1e-9);
    updateSpeedEstimate(estimate, reading, 2230, config);
    assert.equal(estimate.measuredNow, false, 'a measurement is new on one update only');
    assert.equal(estimate.measurementCount, 1);
    // Standstill forgets the measurements: the next start is unknown again.
    updateSpeedEstimate(estimate, reading, 2200 + config.standstillTimeoutMs + 1, config);
    assert.equal(estimate.measurementCount, 0);
    assert.equal(estimate.speedKph, 0);
  });

  it('ignores a period that implies an impossible speed', () => {
    const result = runBelt(3, FOOT_M, 3000);
    const before = result.estimate.speedKph;
    result.reading.count += 1;
    result.reading.lastPulseMs += 5;
    updateSpeedEstimate(result.estimate, result.reading, result.reading.lastPulseMs + 1, result.config);
    assert.equal(result.estimate.speedKph, before);
    assert.equal(result.estimate.implausibleCount, 1);
    assert.equal(result.estimate.measuredNow, false);
    assert.equal(result.estimate.spanRestarted, true, 'the next period starts at the dropped pulse');
  });
});
