// What the machine can do, as FTMS publishes it: capabilities, per-direction caps and increments, and the walker's incline sign.

import type { TreadmillConfig } from '../config';
import type { Direction } from '../command';

/**
 * The machine as FTMS describes it. Built once at boot from the configuration and the HAL (the
 * HAL knows whether an incline is fitted; the edition knows whether programs are built in).
 */
export interface FtmsLimits {
  /** An incline lift is fitted and driven: inclination, ramp angle, elevation gain and incline targets. */
  hasIncline: boolean;
  /** Programs are built in, so a session can have a known remaining time. */
  hasPrograms: boolean;
  /** Lowest target speed, km/h (the belt's minimum running speed). */
  minSpeedKph: number;
  /** Published speed increment, km/h: targets are rounded to it. */
  speedIncrementKph: number;
  forwardMaxSpeedKph: number;
  backwardMaxSpeedKph: number;
  /** Deck incline caps, percent grade (the deck cannot go below 0 %). */
  forwardMaxInclinePct: number;
  backwardMaxInclinePct: number;
  /** Published incline increment, percent: targets are rounded to it. */
  inclineIncrementPct: number;
}

/** FtmsLimits from the treadmill's configuration. Pure; called once at boot. */
export function ftmsLimitsFromConfig(config: TreadmillConfig, hasIncline: boolean, hasPrograms: boolean): FtmsLimits {
  return {
    hasIncline: hasIncline,
    hasPrograms: hasPrograms,
    minSpeedKph: config.minSpeedKph,
    speedIncrementKph: config.speedStepKph,
    forwardMaxSpeedKph: config.forward.maxSpeedKph,
    backwardMaxSpeedKph: config.backward.maxSpeedKph,
    forwardMaxInclinePct: config.forward.maxInclinePct,
    backwardMaxInclinePct: config.backward.maxInclinePct,
    inclineIncrementPct: config.incline.stepPct,
  };
}

/** The speed cap of `direction`, km/h. */
export function maxSpeedKphFor(limits: FtmsLimits, direction: Direction): number {
  return direction === 'backward' ? limits.backwardMaxSpeedKph : limits.forwardMaxSpeedKph;
}

/** The deck incline cap of `direction`, percent. */
export function maxDeckInclinePctFor(limits: FtmsLimits, direction: Direction): number {
  return direction === 'backward' ? limits.backwardMaxInclinePct : limits.forwardMaxInclinePct;
}

/**
 * The direction the next belt movement will have: a pending direction change, else the current
 * one. Why: a target set while a change is pending is for the run after the change, so it must
 * fit that direction's caps.
 */
export function effectiveDirection(direction: Direction, pendingDirection: Direction | null): Direction {
  return pendingDirection === null ? direction : pendingDirection;
}

/**
 * The inclination a walker feels, percent, from the deck's grade. FTMS defines inclination from
 * the user's point of view (positive feels uphill). A backward walker faces the console with the
 * belt running toward it, so each step goes toward the lower end of a raised deck: they walk down
 * the slope, and FTMS shows the deck's grade negated. Forward walkers see the deck's grade.
 */
export function walkerInclinePct(deckInclinePct: number, direction: Direction): number {
  // 0 - x, not -x: a level deck is 0, never -0.
  return direction === 'backward' ? 0 - deckInclinePct : deckInclinePct;
}

/** The deck grade that gives a walker in `direction` the inclination `walkerPct`: the inverse of walkerInclinePct. */
export function deckInclinePct(walkerPct: number, direction: Direction): number {
  return direction === 'backward' ? 0 - walkerPct : walkerPct;
}
