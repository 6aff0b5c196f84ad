// Belt speed from encoder pulse timestamps: period-based, with a standstill timeout.

import type { PulseReading } from '../../hal/pulse-counter';

/** Estimator state, updated in place once per control tick. */
export interface SpeedEstimate {
  /** Estimated belt speed, km/h, positive. */
  speedKph: number;
  /** HAL time at which the belt was first seen standing still, or -1 while it moves. */
  standstillSinceMs: number;
  /** Count and time of the last pulse used, to measure the next period. */
  lastCount: number;
  lastPulseMs: number;
  /** Belt travel counted so far, metres. */
  distanceM: number;
  /** Pulses whose period implied an impossible speed (treated as glitches). */
  implausibleCount: number;
}

/** Fixed settings of the estimator, derived once from the configuration. */
export interface SpeedEstimatorSettings {
  metersPerPulse: number;
  /** No pulse for this long means standstill, ms. */
  standstillTimeoutMs: number;
  /** A period implying more than this is a glitch, not a speed, km/h. */
  implausibleSpeedKph: number;
}

export function makeSpeedEstimate(nowMs: number): SpeedEstimate {
  return { speedKph: 0, standstillSinceMs: nowMs, lastCount: -1, lastPulseMs: -1, distanceM: 0, implausibleCount: 0 };
}

/**
 * Standstill timeout for an encoder: 2.5 pulse intervals at the slowest running speed, and at
 * least 1.5 s (the same window the encoder-loss fault uses; ../shared/domain.md). With one pulse
 * per foot and a 0.8 km/h minimum this is about 3.4 s.
 */
export function standstillTimeoutMs(metersPerPulse: number, minSpeedKph: number): number {
  const intervalMs = (metersPerPulse / (minSpeedKph / 3.6)) * 1000;
  return Math.max(1500, 2.5 * intervalMs);
}

/**
 * Update the estimate from a pulse counter reading. Called once per control tick.
 *
 * Why period-based: a walking-speed belt gives only a few pulses per second, so counting pulses
 * per tick would read mostly zeros. The speed is distance over the time between the first and
 * last pulse seen; between pulses it decays as 1/(time since the last pulse), so a stopping belt
 * reads falling speed before the standstill timeout declares zero.
 */
export function updateSpeedEstimate(estimate: SpeedEstimate, reading: PulseReading, nowMs: number, settings: SpeedEstimatorSettings): void {
  if (estimate.lastCount < 0) {
    // First reading after boot: take the counter as the origin, whatever it holds.
    estimate.lastCount = reading.count;
    estimate.lastPulseMs = reading.lastPulseMs;
    return;
  }
  const newPulses = reading.count - estimate.lastCount;
  if (newPulses > 0) {
    estimate.distanceM += newPulses * settings.metersPerPulse;
    const hadPrevious = estimate.lastPulseMs >= 0 && estimate.standstillSinceMs < 0;
    if (hadPrevious && reading.lastPulseMs > estimate.lastPulseMs) {
      const periodMs = (reading.lastPulseMs - estimate.lastPulseMs) / newPulses;
      const speedKph = (settings.metersPerPulse / periodMs) * 3600;
      if (speedKph <= settings.implausibleSpeedKph) estimate.speedKph = speedKph;
      else estimate.implausibleCount += newPulses;
    }
    // The first pulse after standstill starts a period; the belt moves, speed is not yet known.
    estimate.standstillSinceMs = -1;
    estimate.lastCount = reading.count;
    estimate.lastPulseMs = reading.lastPulseMs;
    return;
  }
  if (estimate.standstillSinceMs >= 0) {
    estimate.speedKph = 0;
    return;
  }
  const sinceLastPulseMs = nowMs - estimate.lastPulseMs;
  if (estimate.lastPulseMs < 0 || sinceLastPulseMs >= settings.standstillTimeoutMs) {
    estimate.speedKph = 0;
    estimate.standstillSinceMs = nowMs;
    return;
  }
  // No pulse yet: the belt is at most as fast as one pulse in the time since the last one.
  const boundKph = (settings.metersPerPulse / Math.max(1, sinceLastPulseMs)) * 3600;
  if (boundKph < estimate.speedKph) estimate.speedKph = boundKph;
}

/** How long the belt has measured standstill at `nowMs`, ms; 0 while it moves. */
export function standstillDurationMs(estimate: SpeedEstimate, nowMs: number): number {
  return estimate.standstillSinceMs < 0 ? 0 : Math.max(1, nowMs - estimate.standstillSinceMs);
}
