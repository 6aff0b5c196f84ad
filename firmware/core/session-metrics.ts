// Session figures (time, distance by direction, elevation, energy, MET), updated in place once per control tick.

import type { Direction } from '../command';
import {
  directionMultiplier,
  equationForSpeed,
  estimateEnergyRate,
  gradeFractionFromPct,
  kcalFromOxygenMlPerKg,
  makeEnergyRate,
  metFromVo2,
  movementOxygenMlPerKg,
  RESTING_VO2_ML_PER_KG_MIN,
  speedMPerMinFromKph,
  type EnergyRate,
  type EstimateQuality,
} from './energy';
import type { SafetyState } from './safety-state';

/**
 * A session ends and still counts as continued by a start in the other direction within this
 * time, ms. Why: a direction change always stops the belt, waits for the standstill dwell and
 * needs a fresh start (../shared/domain.md); a person who walks forward to warm up and then
 * turns round is still in one workout, so its figures carry on and the distance splits by
 * direction. Any other start (same direction, after a fault, or later than this) begins a new session.
 */
export const SESSION_CONTINUE_WINDOW_MS = 120000;

/**
 * When more than this fraction of a session's time was spent below the walking equation's
 * validated range, the session's energy is reported as `belowValidatedRange`. Why a fraction:
 * every session ramps up from standstill through the slow speeds for a few seconds, which says
 * nothing about the estimate of a 30-minute walk.
 */
export const BELOW_RANGE_SESSION_FRACTION = 0.1;

/**
 * The figures of the current session (or of the latest one, after it ended, until the next
 * start). All come from the belt encoder's distance and the firmware's own time; none allocate.
 *
 * Definitions:
 * - The session clock runs while the belt runs a session: in running, stopping and freeBelt.
 *   Countdown, idle and fault do not count (the belt is not driven for the walker).
 * - A session starts on the first tick in running after a countdown (or in freeBelt, which is
 *   entered from idle); everything resets then, unless it continues the previous session after
 *   a direction change (SESSION_CONTINUE_WINDOW_MS).
 * - Distance is the encoder's belt travel while the clock runs, attributed to the direction
 *   selected at the time.
 * - Elevation gain is distance x grade in either direction: the treadmill convention for
 *   forward walking, kept for backward walking on the same grade (the walker still climbs
 *   the belt's slope; the ACSM equations treat the grade the same way).
 * - Energy is gross (rest included), from the ACSM equations (firmware/core/energy.ts) with the
 *   backward multiplier while walking backward, for the configured user weight.
 */
export interface SessionMetrics {
  /** True while the session clock runs. */
  active: boolean;
  /** Session time, ms (see the definitions above). */
  elapsedMs: number;
  /** Belt travel in the session, metres, both directions. */
  distanceM: number;
  /** Belt travel while running forward, metres. */
  distanceForwardM: number;
  /** Belt travel while walking backward, metres. */
  distanceBackwardM: number;
  /** distanceM over elapsed time, km/h; 0 before any time has passed. */
  averageSpeedKph: number;
  /** Sum of distance x grade, metres. */
  elevationGainM: number;
  /** Gross energy expenditure, kcal. */
  energyKcal: number;
  /** Gross oxygen uptake, ml per kg of body weight (what the energy comes from). */
  oxygenMlPerKg: number;
  /** MET at the latest tick from the measured speed, grade and direction; 0 while the clock stands. */
  currentMet: number;
  /** Mean MET over the session time. */
  averageMet: number;
  /** Quality of the latest tick's estimate (below 50 m/min the walking equation is not validated). */
  currentEstimateQuality: EstimateQuality;
  /** Session time spent below the walking equation's validated range, ms. */
  belowValidatedRangeMs: number;
  /** Quality of the session's energy: `belowValidatedRange` past BELOW_RANGE_SESSION_FRACTION of the time. */
  estimateQuality: EstimateQuality;
  /**
   * Time left in the session, ms, or null when unknown (manual sessions). A program sets it with
   * `setRemainingTime`; it then counts down with the session clock and stops at 0.
   */
  remainingMs: number | null;
}

/** The settings the figures need; the firmware passes its TreadmillConfig. */
export interface SessionMetricsSettings {
  /** User's body weight, kg. */
  userWeightKg: number;
  /** Factor on the energy of walking backward (about 1.3). */
  backwardEnergyMultiplier: number;
}

/** The metrics plus what the update needs to remember between ticks. */
export interface SessionTracker {
  readonly metrics: SessionMetrics;
  /** Scratch for the current rate, reused every tick. */
  readonly rate: EnergyRate;
  /** State seen at the previous update. */
  previousState: SafetyState;
  /** Direction of the latest counted tick (of the session that ran last). */
  sessionDirection: Direction;
  /** Time since the latest session's clock stopped, ms. */
  sinceSessionEndMs: number;
  /** Whether the latest session's clock stopped without a fault. */
  endedCleanly: boolean;
  /** Belt speed smoothed over `RATE_SMOOTHING_MS`, km/h: what the current rate is estimated from. */
  smoothedSpeedKph: number;
}

/**
 * Time constant of the speed the current MET is estimated from, ms. Why: a fine encoder reads
 * every heel strike (about 0.25 km/h either way at walking pace), which at 12 % incline swings the
 * walking equation by about 0.4 MET at 1.8 steps a second; over two seconds that is a few
 * hundredths. Energy and the averages integrate distance and need no smoothing.
 */
export const RATE_SMOOTHING_MS = 2000;

/** Whether the session clock runs in `state`. */
export function isSessionClockState(state: SafetyState): boolean {
  return state === 'running' || state === 'stopping' || state === 'freeBelt';
}

/** Zeroed figures. */
export function makeSessionMetrics(): SessionMetrics {
  return {
    active: false,
    elapsedMs: 0,
    distanceM: 0,
    distanceForwardM: 0,
    distanceBackwardM: 0,
    averageSpeedKph: 0,
    elevationGainM: 0,
    energyKcal: 0,
    oxygenMlPerKg: 0,
    currentMet: 0,
    averageMet: 0,
    currentEstimateQuality: 'validated',
    belowValidatedRangeMs: 0,
    estimateQuality: 'validated',
    remainingMs: null,
  };
}

/** Zero every figure in place (a new session). */
export function resetSessionMetrics(metrics: SessionMetrics): void {
  metrics.active = false;
  metrics.elapsedMs = 0;
  metrics.distanceM = 0;
  metrics.distanceForwardM = 0;
  metrics.distanceBackwardM = 0;
  metrics.averageSpeedKph = 0;
  metrics.elevationGainM = 0;
  metrics.energyKcal = 0;
  metrics.oxygenMlPerKg = 0;
  metrics.currentMet = 0;
  metrics.averageMet = 0;
  metrics.currentEstimateQuality = 'validated';
  metrics.belowValidatedRangeMs = 0;
  metrics.estimateQuality = 'validated';
  metrics.remainingMs = null;
}

/** A tracker at power-up: no session yet, the belt idle. */
export function makeSessionTracker(): SessionTracker {
  return {
    metrics: makeSessionMetrics(),
    rate: makeEnergyRate(),
    previousState: 'idle',
    sessionDirection: 'forward',
    sinceSessionEndMs: 0,
    endedCleanly: false,
    smoothedSpeedKph: 0,
  };
}

/**
 * Set the time left in the session, ms (a program does, at each segment or tick), or null when
 * unknown. Negative values read as 0.
 */
export function setRemainingTime(metrics: SessionMetrics, remainingMs: number | null): void {
  metrics.remainingMs = remainingMs === null ? null : Math.max(0, remainingMs);
}

/** Whether a session clock starting now in `direction` continues the previous session. */
function continuesPreviousSession(tracker: SessionTracker, state: SafetyState, direction: Direction): boolean {
  return (
    state === 'running' &&
    tracker.endedCleanly &&
    tracker.metrics.elapsedMs > 0 &&
    direction !== tracker.sessionDirection &&
    tracker.sinceSessionEndMs <= SESSION_CONTINUE_WINDOW_MS
  );
}

/**
 * Advance the figures by one control tick. Called by the control loop once per tick, after the
 * tick's safety transition, with:
 * - `dtMs`: time since the previous tick, ms;
 * - `distanceIncrementM`: belt travel the encoder counted in this tick, metres (>= 0);
 * - `speedKph`: the measured belt speed, km/h (positive): it picks the equation, the
 *   validity flag and the current MET (energy itself integrates the distance, exact however
 *   sparse the pulses);
 * - `direction`: the selected belt direction; `inclinePct`: the incline, percent grade;
 * - `state`: the safety state after the tick's transition.
 * Detects session starts and ends from the state, so the caller needs no other hook. Allocates nothing.
 */
export function updateSessionMetrics(
  tracker: SessionTracker,
  settings: SessionMetricsSettings,
  dtMs: number,
  distanceIncrementM: number,
  speedKph: number,
  direction: Direction,
  inclinePct: number,
  state: SafetyState,
): void {
  const metrics = tracker.metrics;
  const counting = isSessionClockState(state);
  const wasCounting = isSessionClockState(tracker.previousState);
  tracker.previousState = state;
  if (!counting) {
    if (wasCounting) {
      tracker.endedCleanly = state !== 'fault';
      tracker.sinceSessionEndMs = 0;
    }
    if (tracker.sinceSessionEndMs <= SESSION_CONTINUE_WINDOW_MS) tracker.sinceSessionEndMs += dtMs;
    metrics.active = false;
    metrics.currentMet = 0;
    tracker.smoothedSpeedKph = 0;
    return;
  }
  if (!wasCounting && !continuesPreviousSession(tracker, state, direction)) resetSessionMetrics(metrics);
  tracker.sessionDirection = direction;
  metrics.active = true;

  const stepMs = dtMs > 0 ? dtMs : 0;
  const distanceM = distanceIncrementM > 0 ? distanceIncrementM : 0;
  metrics.elapsedMs += stepMs;
  metrics.distanceM += distanceM;
  if (direction === 'backward') metrics.distanceBackwardM += distanceM;
  else metrics.distanceForwardM += distanceM;
  const grade = gradeFractionFromPct(inclinePct);
  metrics.elevationGainM += distanceM * grade;

  // Gross oxygen of this tick: the movement terms over the distance, plus rest over the time.
  const weightKg = settings.userWeightKg;
  const multiplier = directionMultiplier(direction, distanceM > 0 || speedKph > 0, settings.backwardEnergyMultiplier);
  const equation = equationForSpeed(speedMPerMinFromKph(speedKph));
  const oxygenMlPerKg = (movementOxygenMlPerKg(equation, distanceM, grade) + (RESTING_VO2_ML_PER_KG_MIN * stepMs) / 60000) * multiplier;
  metrics.oxygenMlPerKg += oxygenMlPerKg;
  metrics.energyKcal += kcalFromOxygenMlPerKg(oxygenMlPerKg, weightKg);

  const rate = tracker.rate;
  const smoothing = stepMs < RATE_SMOOTHING_MS ? stepMs / RATE_SMOOTHING_MS : 1;
  tracker.smoothedSpeedKph += (speedKph - tracker.smoothedSpeedKph) * smoothing;
  estimateEnergyRate(rate, tracker.smoothedSpeedKph, inclinePct, direction, weightKg, settings.backwardEnergyMultiplier);
  metrics.currentMet = rate.met;
  metrics.currentEstimateQuality = rate.quality;
  if (rate.quality === 'belowValidatedRange') metrics.belowValidatedRangeMs += stepMs;

  const elapsedMs = metrics.elapsedMs;
  if (elapsedMs > 0) {
    metrics.averageMet = metFromVo2(metrics.oxygenMlPerKg / (elapsedMs / 60000));
    metrics.averageSpeedKph = (metrics.distanceM / (elapsedMs / 1000)) * 3.6;
  }
  metrics.estimateQuality = metrics.belowValidatedRangeMs > BELOW_RANGE_SESSION_FRACTION * elapsedMs ? 'belowValidatedRange' : 'validated';
  // A comparison, not Math.max: on the interpreter a call to it costs as much as four statements.
  if (metrics.remainingMs !== null) metrics.remainingMs = metrics.remainingMs > stepMs ? metrics.remainingMs - stepMs : 0;
}
