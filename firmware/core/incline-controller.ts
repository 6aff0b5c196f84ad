// Incline lift control: homing, a rate-limited setpoint, a deadband, end stops and a dead time; up and down never on together.

import type { InclineSettings } from '../config';
import { setInclineHome, type InclineMotion, type InclinePositionEstimate } from './incline-position';

/** Why homing could not finish; the caller latches the incline-runaway fault. */
export type HomingFailure = 'none' | 'stalledAboveLimit' | 'timeout';

/** The controller's memory, updated in place by `stepInclineController`. */
export interface InclineControllerState {
  /** Homing drives down until the lower limit switch or a stall marks 0 %. */
  homing: boolean;
  homingSinceMs: number;
  homingFailure: HomingFailure;
  /** The output on now (at most one). */
  motion: InclineMotion;
  /** The output last on: what direction-free pulses count as while the lift coasts. */
  lastMotion: InclineMotion;
  /** When both outputs last went off, ms (-Infinity: never on since boot). */
  stoppedAtMs: number;
  /** When the position last changed while driving, ms (for the homing stall). */
  lastProgressMs: number;
  /** The rate-limited setpoint the lift follows, percent. */
  setpointPct: number;
  /** The outputs to write: never both true. */
  up: boolean;
  down: boolean;
}

/** Inputs of one controller step; one object reused by the caller. */
export interface InclineControlInputs {
  nowMs: number;
  dtMs: number;
  /** Whether the safety state and the key let the lift move. */
  allowed: boolean;
  /** What the user asked for, percent. */
  targetPct: number;
  /** The cap of the belt direction selected or pending, percent (backward 10, forward 15). */
  capPct: number;
  /** The lift's upper end stop the control never drives past, percent. */
  maxPct: number;
  /** The lower limit switch: true when at the bottom; false when the lift has none. */
  lowerLimitActive: boolean;
  /** Whether the lift has a lower limit switch at all. */
  hasLowerLimit: boolean;
}

export function makeInclineControllerState(): InclineControllerState {
  return {
    homing: false,
    homingSinceMs: 0,
    homingFailure: 'none',
    motion: 'stopped',
    lastMotion: 'stopped',
    stoppedAtMs: -Infinity,
    lastProgressMs: 0,
    setpointPct: 0,
    up: false,
    down: false,
  };
}

export function makeInclineControlInputs(): InclineControlInputs {
  return { nowMs: 0, dtMs: 0, allowed: false, targetPct: 0, capPct: 0, maxPct: 0, lowerLimitActive: false, hasLowerLimit: false };
}

/** Ask for homing (at boot, on demand, after a runaway): drive down to find 0 %. */
export function startHoming(state: InclineControllerState, nowMs: number): void {
  state.homing = true;
  state.homingSinceMs = nowMs;
  state.homingFailure = 'none';
  state.lastProgressMs = nowMs;
}

/**
 * Apply the motion decided (every change of the outputs passes here). A lift driving either way
 * stops, whatever was decided but its own direction: going from one direction to the other always
 * passes through 'stopped' for the dead time.
 */
function setMotion(state: InclineControllerState, motion: InclineMotion, nowMs: number): void {
  if (motion === state.motion) return;
  if (state.motion !== 'stopped') {
    state.motion = 'stopped';
    state.stoppedAtMs = nowMs;
  } else {
    state.motion = motion;
    state.lastMotion = motion;
    state.lastProgressMs = nowMs;
  }
}

/** Whether the outputs have been off long enough for the lift to start again (reversal dead time). */
function deadTimeOver(state: InclineControllerState, nowMs: number, settings: InclineSettings): boolean {
  return state.motion === 'stopped' && nowMs - state.stoppedAtMs >= settings.deadTimeMs;
}

function stepHoming(state: InclineControllerState, position: InclinePositionEstimate, inputs: InclineControlInputs, settings: InclineSettings): InclineMotion {
  const nowMs = inputs.nowMs;
  if (position.kind !== 'pulses') {
    // A potentiometer knows where the lift is: nothing to find.
    state.homing = false;
    return 'stopped';
  }
  if (inputs.lowerLimitActive) {
    setInclineHome(position);
    state.homing = false;
    state.setpointPct = 0;
    return 'stopped';
  }
  if (nowMs - state.homingSinceMs >= settings.homingTimeoutMs) {
    state.homing = false;
    state.homingFailure = 'timeout';
    return 'stopped';
  }
  if (state.motion === 'down') {
    if (position.newPulses > 0) state.lastProgressMs = nowMs;
    else if (nowMs - state.lastProgressMs >= settings.homingStallMs) {
      state.homing = false;
      state.setpointPct = 0;
      // With a lower limit switch, standing still above it means a stuck lift, not the bottom.
      if (inputs.hasLowerLimit) state.homingFailure = 'stalledAboveLimit';
      else setInclineHome(position);
      return 'stopped';
    }
    return 'down';
  }
  return deadTimeOver(state, nowMs, settings) ? 'down' : 'stopped';
}

/**
 * The setpoint moves toward the target at the rate limit, and never above `ceilingPct` (that holds
 * at once). A target above the ceiling needs no clamp of its own: the last line holds the ceiling,
 * and for any tick length (dtMs >= 0) the setpoint comes out as if the target had been clamped.
 */
function stepSetpoint(state: InclineControllerState, inputs: InclineControlInputs, ceilingPct: number, settings: InclineSettings): void {
  let targetPct = inputs.targetPct;
  if (targetPct < 0) targetPct = 0;
  const stepPct = (settings.ratePctPerS * inputs.dtMs) / 1000;
  let setpointPct = state.setpointPct;
  if (setpointPct < targetPct) setpointPct = setpointPct + stepPct < targetPct ? setpointPct + stepPct : targetPct;
  else if (setpointPct > targetPct) setpointPct = setpointPct - stepPct > targetPct ? setpointPct - stepPct : targetPct;
  if (setpointPct > ceilingPct) setpointPct = ceilingPct;
  state.setpointPct = setpointPct;
}

function stepFollowing(state: InclineControllerState, position: InclinePositionEstimate, inputs: InclineControlInputs, settings: InclineSettings): InclineMotion {
  const ceilingPct = inputs.capPct < inputs.maxPct ? inputs.capPct : inputs.maxPct;
  stepSetpoint(state, inputs, ceilingPct, settings);
  const setpointPct = state.setpointPct;
  const pulsePct = position.kind === 'pulses' ? 1 / settings.pulsesPerPct : 0;
  // Up stops once the highest the lift can be, plus its overrun, reaches the setpoint or an end
  // stop: the truth never ends above either. Down stops once the highest it can be is at or
  // below the setpoint, so a lowered cap is met for certain.
  const upDone = position.upperBoundPct + settings.overrunPct >= setpointPct || position.upperBoundPct + settings.overrunPct >= inputs.maxPct;
  // A potentiometer near 0 % stops there (the lift's own bottom); a pulse sensor finds 0 % by homing.
  const downDone = position.upperBoundPct <= setpointPct || (pulsePct === 0 && position.positionPct <= settings.analogUncertaintyPct);
  if (state.motion === 'up') return upDone ? 'stopped' : 'up';
  if (state.motion === 'down') {
    if (!downDone && pulsePct > 0 && setpointPct < pulsePct) {
      // Below one pulse the count cannot tell 0 % apart: drive to the bottom and re-zero there.
      startHoming(state, inputs.nowMs);
      state.lastProgressMs = inputs.nowMs;
      return 'down';
    }
    return downDone ? 'stopped' : 'down';
  }
  if (!deadTimeOver(state, inputs.nowMs, settings)) return 'stopped';
  const abovePct = position.positionPct - setpointPct;
  if (!downDone && (abovePct > settings.deadbandPct || position.positionPct > ceilingPct)) return 'down';
  if (!upDone && -abovePct > settings.deadbandPct) return 'up';
  return 'stopped';
}

/**
 * One control step, once per control tick after the position update. Decides the outputs
 * (`state.up`, `state.down`): never both on, both off while `inputs.allowed` is false, off for
 * `deadTimeMs` between any two moves, never driving past 0 % (except homing, which ends at the
 * bottom) or `maxPct`, and never leaving the lift above the cap. Pure; allocates nothing.
 */
export function stepInclineController(state: InclineControllerState, position: InclinePositionEstimate, inputs: InclineControlInputs, settings: InclineSettings): void {
  let motion: InclineMotion;
  if (!inputs.allowed) {
    // Held: nothing moves later on its own, and a pending homing gets its full time once allowed.
    state.setpointPct = position.positionPct > 0 ? position.positionPct : 0;
    state.homingSinceMs = inputs.nowMs;
    state.lastProgressMs = inputs.nowMs;
    motion = 'stopped';
  } else if (state.homingFailure !== 'none') motion = 'stopped';
  else if (state.homing) motion = stepHoming(state, position, inputs, settings);
  else if (!position.homed) motion = 'stopped';
  else motion = stepFollowing(state, position, inputs, settings);
  // A reversal decided while driving stops first (setMotion).
  setMotion(state, motion, inputs.nowMs);
  state.up = state.motion === 'up';
  state.down = state.motion === 'down';
}

/** Both outputs off now (a safety event between ticks, e.g. the key pulled): the next move waits out the dead time. */
export function stopInclineController(state: InclineControllerState, nowMs: number): void {
  setMotion(state, 'stopped', nowMs);
  state.up = false;
  state.down = false;
}
