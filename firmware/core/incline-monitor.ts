// Incline runaway detection: movement without a command, a driven lift that does not move, a position past an end stop.

import type { InclineSettings } from '../config';
import type { InclineMotion, InclinePositionEstimate } from './incline-position';

/** What the monitor found; anything but 'none' latches the incline-runaway fault. */
export type InclineTrouble = 'none' | 'uncommanded' | 'wrongWay' | 'stuck' | 'pastEndStop';

/** Words for the log, one per trouble. */
export const INCLINE_TROUBLE_MESSAGES: { [trouble: string]: string } = {
  none: 'incline healthy',
  uncommanded: 'incline moving with both outputs off',
  wrongWay: 'incline moving against its output',
  stuck: 'incline driven but not moving',
  pastEndStop: 'incline past its end stop',
};

/** The monitor's memory, updated in place by `checkIncline`. */
export interface InclineMonitorState {
  /** Position when the lift came to rest (after coasting), percent; valid while `restValid`. */
  restPct: number;
  restValid: boolean;
  /** Position when the latest move (or its latest progress) began, percent. */
  progressPct: number;
  progressSinceMs: number;
  /** Position when the current move began, percent. */
  moveStartPct: number;
  /** The motion seen at the previous check. */
  lastMotion: InclineMotion;
}

/** Inputs of one check; one object reused by the caller. */
export interface InclineMonitorInputs {
  nowMs: number;
  /** The output that was on during the interval that ended now. */
  motion: InclineMotion;
  /** When both outputs last went off, ms. */
  stoppedAtMs: number;
  /** Homing drives into the bottom on purpose; its stall is the controller's business. */
  homing: boolean;
  /** The lift's upper end stop, percent. */
  maxPct: number;
}

export function makeInclineMonitorState(): InclineMonitorState {
  return { restPct: 0, restValid: false, progressPct: 0, progressSinceMs: 0, moveStartPct: 0, lastMotion: 'stopped' };
}

export function makeInclineMonitorInputs(): InclineMonitorInputs {
  return { nowMs: 0, motion: 'stopped', stoppedAtMs: 0, homing: false, maxPct: 15 };
}

/** Start afresh (after a fault is cleared or the lift re-homed): no memory of earlier positions. */
export function resetInclineMonitor(state: InclineMonitorState): void {
  state.restValid = false;
  state.lastMotion = 'stopped';
}

/**
 * Check the lift once per control tick, after the position update and before the controller
 * decides. Each rule has a window so sensor noise and a coasting lift do not trip it:
 * - uncommanded: both outputs off for `coastMs`, then the position leaves its resting point by
 *   more than `uncommandedPct`;
 * - wrongWay: while driven, the position moves against the output by more than `uncommandedPct`
 *   (a potentiometer can tell; direction-free pulses cannot);
 * - stuck: driven (not homing) with less than `stuckProgressPct` of movement for `stuckWindowMs`;
 * - pastEndStop: a known position below 0 or above `maxPct` by more than `endStopMarginPct`.
 * Pure; allocates nothing.
 */
export function checkIncline(state: InclineMonitorState, position: InclinePositionEstimate, inputs: InclineMonitorInputs, settings: InclineSettings): InclineTrouble {
  const nowMs = inputs.nowMs;
  const positionPct = position.positionPct;
  const motion = inputs.motion;
  if (position.homed && (positionPct < -settings.endStopMarginPct || positionPct > inputs.maxPct + settings.endStopMarginPct)) return 'pastEndStop';
  if (motion === 'stopped') {
    state.lastMotion = motion;
    if (nowMs - inputs.stoppedAtMs < settings.coastMs) {
      state.restValid = false;
      return 'none';
    }
    if (!state.restValid) {
      state.restPct = positionPct;
      state.restValid = true;
      return 'none';
    }
    const movedPct = positionPct - state.restPct;
    return movedPct > settings.uncommandedPct || movedPct < -settings.uncommandedPct ? 'uncommanded' : 'none';
  }
  state.restValid = false;
  if (motion !== state.lastMotion) {
    state.lastMotion = motion;
    state.moveStartPct = positionPct;
    state.progressPct = positionPct;
    state.progressSinceMs = nowMs;
    return 'none';
  }
  const sinceStartPct = positionPct - state.moveStartPct;
  if ((motion === 'up' && sinceStartPct < -settings.uncommandedPct) || (motion === 'down' && sinceStartPct > settings.uncommandedPct)) return 'wrongWay';
  const progressPct = positionPct - state.progressPct;
  // Any pulse is movement (the first one after a reversal re-crosses the same edge).
  const moved = position.kind === 'pulses' ? position.newPulses > 0 : progressPct >= settings.stuckProgressPct || progressPct <= -settings.stuckProgressPct;
  if (moved) {
    state.progressPct = positionPct;
    state.progressSinceMs = nowMs;
    return 'none';
  }
  if (inputs.homing) {
    state.progressSinceMs = nowMs;
    return 'none';
  }
  return nowMs - state.progressSinceMs >= settings.stuckWindowMs ? 'stuck' : 'none';
}
