// Fills one Treadmill Data record from the treadmill's status: what a forward or backward walker sees, once a second, in place.

import { kcalPerMinFromVo2, RESTING_VO2_ML_PER_KG_MIN } from '../core/energy';
import type { TreadmillStatus } from '../treadmill-status';
import { walkerInclinePct } from './ftms-limits';
import type { TreadmillDataValues } from './treadmill-data';

/** Degrees per radian. */
const DEGREES_PER_RADIAN = 180 / Math.PI;

/**
 * Elevation split by the sign the walker feels. The session metrics sum distance x deck grade in
 * either direction (their energy convention); FTMS reports the walker's view, where a backward
 * walker on a raised deck descends (walkerInclinePct). Each sample's growth of the metric goes to
 * the side of the direction the belt runs: the direction switches only at standstill, after a
 * stop, a dwell and a countdown (seconds in which no elevation accrues), so one-second samples
 * attribute every metre to the right side.
 */
export interface ElevationSplit {
  positiveM: number;
  negativeM: number;
  /** The metric's value at the previous sample, m. */
  lastGainM: number;
}

export function makeElevationSplit(): ElevationSplit {
  return { positiveM: 0, negativeM: 0, lastGainM: 0 };
}

/**
 * Fills `out` from `status` (the firmware's snapshot) for a user of `userWeightKg`, updating
 * `split`. Call once per Treadmill Data record. Allocates nothing.
 * - Speed: the measured belt speed's magnitude in either direction (FTMS has no direction field).
 * - Inclination and ramp angle: the walker's (negative for a backward walker on a raised deck),
 *   the angle computed from the grade.
 * - Energy per hour and per minute: the current MET's gross rate (not available before a session).
 * - Remaining time: from a program; `out.remainingTimeS` is 0 and the caller leaves the field out
 *   (REMAINING_TIME_PRESENT) while `status.metrics.remainingMs` is null.
 */
export function fillTreadmillDataValues(status: TreadmillStatus, userWeightKg: number, split: ElevationSplit, out: TreadmillDataValues): void {
  const metrics = status.metrics;
  const inclinePct = walkerInclinePct(status.inclinePct, status.direction);
  out.instantaneousSpeedKph = status.measuredSpeedKph < 0 ? -status.measuredSpeedKph : status.measuredSpeedKph;
  out.averageSpeedKph = metrics.averageSpeedKph;
  out.totalDistanceM = metrics.distanceM;
  out.inclinationPct = inclinePct;
  out.rampAngleDeg = Math.atan(inclinePct / 100) * DEGREES_PER_RADIAN;
  // A new session restarts the metric from 0: restart the split with it.
  if (metrics.elevationGainM < split.lastGainM) {
    split.positiveM = 0;
    split.negativeM = 0;
    split.lastGainM = 0;
  }
  const gainM = metrics.elevationGainM - split.lastGainM;
  split.lastGainM = metrics.elevationGainM;
  if (status.direction === 'backward') split.negativeM += gainM;
  else split.positiveM += gainM;
  out.positiveElevationGainM = split.positiveM;
  out.negativeElevationGainM = split.negativeM;
  const started = metrics.elapsedMs > 0;
  out.totalEnergyKcal = started ? metrics.energyKcal : null;
  const kcalPerMin = kcalPerMinFromVo2(metrics.currentMet * RESTING_VO2_ML_PER_KG_MIN, userWeightKg);
  out.energyPerHourKcal = started ? kcalPerMin * 60 : null;
  out.energyPerMinuteKcal = started ? kcalPerMin : null;
  out.metabolicEquivalentMet = metrics.currentMet;
  out.elapsedTimeS = Math.floor(metrics.elapsedMs / 1000);
  out.remainingTimeS = metrics.remainingMs === null ? 0 : Math.ceil(metrics.remainingMs / 1000);
}
