// Belt speed from encoder pulse timestamps: period-based, with a standstill timeout and the measurement's span.

import type { PulseReading } from '../../hal/pulse-counter';

/** Estimator state, updated in place once per control tick. */
export interface SpeedEstimate {
  /** Estimated belt speed, km/h, positive. */
  speedKph: number;
  /**
   * HAL time at which the belt was first seen standing still, or -1 while it moves or is not yet
   * known to stand: at power-up the belt may still be coasting from before (power lost at speed),
   * so standstill is declared only once no pulse has come for the standstill timeout.
   */
  standstillSinceMs: number;
  /** When the estimate began (power-up), ms: the standstill timeout counts from here until a first pulse. */
  sinceMs: number;
  /** Count and time of the last pulse used, to measure the next period. */
  lastCount: number;
  lastPulseMs: number;
  /** Belt travel counted so far, metres. */
  distanceM: number;
  /** Pulses whose period implied an impossible speed (treated as glitches). */
  implausibleCount: number;
  /**
   * Period measurements since the belt last started moving (0 until the second pulse after a
   * standstill). While 0 the speed is not known, only that the belt moves: `speedKph` reads 0.
   */
  measurementCount: number;
  /** Whether the latest update brought a new period measurement. */
  measuredNow: boolean;
  /** Time the latest period measurement spans, ms (its pulse interval times its pulses); 0 if none. */
  measurementSpanMs: number;
  /** Time from the latest accepted pulse to the latest update, ms; -1 before the first pulse. */
  pulseAgeMs: number;
  /**
   * True on an update whose newest pulse starts a span without ending a measurement: the first
   * pulse after a standstill, or a pulse whose period was dropped as implausible. The next
   * measurement spans from that pulse.
   */
  spanRestarted: boolean;
}

/** Fixed settings of the estimator, derived once from the configuration. */
export interface SpeedEstimatorSettings {
  metersPerPulse: number;
  /** No pulse for this long means standstill, ms. */
  standstillTimeoutMs: number;
  /** A period implying more than this is a glitch, not a speed, km/h. */
  implausibleSpeedKph: number;
}

/** A fresh estimate: the belt at standstill since `nowMs` (power-up never assumes motion). */
export function makeSpeedEstimate(nowMs: number): SpeedEstimate {
  return {
    speedKph: 0,
    standstillSinceMs: -1,
    sinceMs: nowMs,
    lastCount: -1,
    lastPulseMs: -1,
    distanceM: 0,
    implausibleCount: 0,
    measurementCount: 0,
    measuredNow: false,
    measurementSpanMs: 0,
    pulseAgeMs: -1,
    spanRestarted: false,
  };
}

/** Time between pulses of a belt running steadily at `speedKph`, ms. Pure. */
export function pulseIntervalMs(metersPerPulse: number, speedKph: number): number {
  return (metersPerPulse / (speedKph / 3.6)) * 1000;
}

/**
 * Standstill timeout for an encoder: 2.5 pulse intervals at the slowest running speed, and at
 * least 1.5 s (the same window the encoder-loss fault uses; ../shared/domain.md). With one pulse
 * per foot and a 0.8 km/h minimum this is about 3.4 s.
 */
export function standstillTimeoutMs(metersPerPulse: number, minSpeedKph: number): number {
  return Math.max(1500, 2.5 * pulseIntervalMs(metersPerPulse, minSpeedKph));
}

/**
 * Update the estimate from a pulse counter reading. Called once per control tick.
 *
 * Why period-based: a walking-speed belt gives only a few pulses per second, so counting pulses
 * per tick would read mostly zeros. The speed is distance over the time between the first and
 * last pulse seen; between pulses it decays as 1/(time since the last pulse), so a stopping belt
 * reads falling speed before the standstill timeout declares zero. The first pulse after a
 * standstill only says that the belt moves (its period would include the time it stood still).
 */
export function updateSpeedEstimate(estimate: SpeedEstimate, reading: PulseReading, nowMs: number, settings: SpeedEstimatorSettings): void {
  estimate.measuredNow = false;
  estimate.spanRestarted = false;
  if (estimate.lastCount < 0) {
    // First reading after boot: take the counter as the origin, whatever it holds.
    estimate.lastCount = reading.count;
    estimate.lastPulseMs = reading.lastPulseMs;
    estimate.pulseAgeMs = reading.lastPulseMs < 0 ? -1 : nowMs - reading.lastPulseMs;
    return;
  }
  const newPulses = reading.count - estimate.lastCount;
  if (newPulses > 0) {
    estimate.distanceM += newPulses * settings.metersPerPulse;
    // A belt that was moving, with a pulse newer than the last: a measurement.
    if (estimate.lastPulseMs >= 0 && estimate.standstillSinceMs < 0 && reading.lastPulseMs > estimate.lastPulseMs) {
      const spanMs = reading.lastPulseMs - estimate.lastPulseMs;
      const speedKph = ((newPulses * settings.metersPerPulse) / spanMs) * 3600;
      if (speedKph <= settings.implausibleSpeedKph) {
        estimate.speedKph = speedKph;
        estimate.measurementCount++;
        estimate.measuredNow = true;
        estimate.measurementSpanMs = spanMs;
      } else {
        estimate.implausibleCount += newPulses;
        estimate.spanRestarted = true;
      }
    } else {
      // The first pulse after standstill starts a period; the belt moves, speed is not yet known.
      estimate.spanRestarted = true;
      estimate.measurementCount = 0;
      estimate.measurementSpanMs = 0;
    }
    estimate.standstillSinceMs = -1;
    estimate.lastCount = reading.count;
    estimate.lastPulseMs = reading.lastPulseMs;
  } else if (estimate.standstillSinceMs >= 0) {
    estimate.speedKph = 0;
  } else {
    // Before any pulse, the quiet time counts from power-up (see standstillSinceMs).
    const sinceLastPulseMs = nowMs - (estimate.lastPulseMs < 0 ? estimate.sinceMs : estimate.lastPulseMs);
    if (sinceLastPulseMs >= settings.standstillTimeoutMs) {
      estimate.speedKph = 0;
      estimate.standstillSinceMs = nowMs;
      estimate.measurementCount = 0;
      estimate.measurementSpanMs = 0;
    } else {
      // No pulse yet: the belt is at most as fast as one pulse in the time since the last one.
      const boundKph = (settings.metersPerPulse / (sinceLastPulseMs > 1 ? sinceLastPulseMs : 1)) * 3600;
      if (boundKph < estimate.speedKph) estimate.speedKph = boundKph;
    }
  }
  estimate.pulseAgeMs = estimate.lastPulseMs < 0 ? -1 : nowMs - estimate.lastPulseMs;
}

/** How long the belt has measured standstill at `nowMs`, ms; 0 while it moves. */
export function standstillDurationMs(estimate: SpeedEstimate, nowMs: number): number {
  // Comparisons, not Math.max: on the interpreter a call to it costs as much as four statements.
  return estimate.standstillSinceMs < 0 ? 0 : nowMs - estimate.standstillSinceMs > 1 ? nowMs - estimate.standstillSinceMs : 1;
}
