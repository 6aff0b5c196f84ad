// Detects the catalogue's faults from one tick's measurements, each with its own time window.

import type { FaultLimits } from '../config';
import type { FaultCode } from '../fault-code';

/** Timers the monitor keeps between ticks; -1 means "not running". */
export interface FaultMonitorState {
  /** When the motor last started driving (duty above drivingDuty), or -1. */
  drivingSinceMs: number;
  /** When the belt last showed progress (a new pulse) while driven. */
  lastProgressMs: number;
  lastCount: number;
  /** Whether a pulse was seen since driving started (the start allowance applies until one is). */
  pulseSinceDriving: boolean;
  overspeedSinceMs: number;
  /** Setpoint the overspeed check compares with: follows rises at once, falls only slowly. */
  referenceKph: number;
  stallSinceMs: number;
  wrongDirectionSinceMs: number;
}

/** One tick's measurements for the monitor, filled in place by the control loop. */
export interface FaultMonitorInputs {
  nowMs: number;
  dtMs: number;
  /** Whether the motor is enabled and the safety state lets it be driven. */
  motorDriven: boolean;
  duty: number;
  maxDuty: number;
  setpointKph: number;
  measuredSpeedKph: number;
  /** The direction's configured speed cap, km/h: above it (plus margin) trips at once. */
  speedCapKph: number;
  pulseCount: number;
  /** Pulse period at the slowest speed worth driving, ms; sets the encoder-loss window. */
  metersPerPulse: number;
  minSpeedKph: number;
  /** The input queue lost edges (device FIFO overflow). */
  edgesLost: boolean;
  /** null without a direction sensor; otherwise whether the sensor says the belt moves backward. */
  sensedBackward: boolean | null;
  commandedBackward: boolean;
}

export function makeFaultMonitorState(): FaultMonitorState {
  return { drivingSinceMs: -1, lastProgressMs: -1, lastCount: -1, pulseSinceDriving: false, overspeedSinceMs: -1, referenceKph: 0, stallSinceMs: -1, wrongDirectionSinceMs: -1 };
}

export function makeFaultMonitorInputs(): FaultMonitorInputs {
  return {
    nowMs: 0,
    dtMs: 0,
    motorDriven: false,
    duty: 0,
    maxDuty: 1,
    setpointKph: 0,
    measuredSpeedKph: 0,
    speedCapKph: 0,
    pulseCount: 0,
    metersPerPulse: 1,
    minSpeedKph: 0.8,
    edgesLost: false,
    sensedBackward: null,
    commandedBackward: false,
  };
}

/**
 * Encoder-loss window: max(2.5 expected pulse intervals, 1.5 s) at the current setpoint (never
 * slower than the minimum running speed), per ../shared/domain.md.
 */
export function encoderLossWindowMs(metersPerPulse: number, setpointKph: number, minSpeedKph: number): number {
  const speedMps = Math.max(setpointKph, minSpeedKph) / 3.6;
  return Math.max(1500, 2.5 * (metersPerPulse / speedMps) * 1000);
}

/** Returns `since` if a condition already holds, `nowMs` if it just began, -1 if it does not hold. */
function holdSince(condition: boolean, since: number, nowMs: number): number {
  if (!condition) return -1;
  return since < 0 ? nowMs : since;
}

/**
 * Check every fault once per tick. Returns the first fault found (in catalogue priority) or null.
 * Why windows: walking load, footfalls and sparse encoder pulses make single readings noisy;
 * users of other controllers complain of false trips as much as of missed ones.
 */
export function detectFault(state: FaultMonitorState, inputs: FaultMonitorInputs, limits: FaultLimits): FaultCode | null {
  const nowMs = inputs.nowMs;
  if (inputs.edgesLost) return 'lostEdges';

  const newPulse = state.lastCount >= 0 && inputs.pulseCount > state.lastCount;
  state.lastCount = inputs.pulseCount;
  const driving = inputs.motorDriven && inputs.duty >= limits.drivingDuty;
  if (!driving) {
    state.drivingSinceMs = -1;
    state.pulseSinceDriving = false;
  } else if (state.drivingSinceMs < 0) {
    state.drivingSinceMs = nowMs;
    state.lastProgressMs = nowMs;
  }
  if (newPulse) {
    state.lastProgressMs = nowMs;
    if (driving) state.pulseSinceDriving = true;
  }
  if (driving) {
    let windowMs = encoderLossWindowMs(inputs.metersPerPulse, inputs.setpointKph, inputs.minSpeedKph);
    if (!state.pulseSinceDriving) windowMs += limits.encoderStartAllowanceMs;
    if (nowMs - state.lastProgressMs > windowMs) return 'encoderLoss';
  }

  // Overspeed: above the cap at once; above the setpoint plus margin for a window. Only while
  // the motor may drive: in free-belt mode the walker, not the motor, sets the pace.
  if (!inputs.motorDriven) {
    state.overspeedSinceMs = -1;
    state.referenceKph = 0;
  }
  const capMarginKph = limits.overspeedMarginKph + limits.overspeedFraction * inputs.speedCapKph;
  if (inputs.motorDriven && inputs.measuredSpeedKph > inputs.speedCapKph + capMarginKph) return 'overspeed';
  // Why a slowly falling reference: after a lower setpoint the belt coasts down behind it, which
  // is not a runaway; a runaway accelerates, and soon leaves even the falling reference behind.
  state.referenceKph = Math.max(inputs.setpointKph, state.referenceKph - (limits.overspeedReferenceDecayKphPerS * inputs.dtMs) / 1000);
  const marginKph = limits.overspeedMarginKph + limits.overspeedFraction * state.referenceKph;
  const tooFast = inputs.motorDriven && inputs.measuredSpeedKph > state.referenceKph + marginKph;
  state.overspeedSinceMs = holdSince(tooFast, state.overspeedSinceMs, nowMs);
  if (state.overspeedSinceMs >= 0 && nowMs - state.overspeedSinceMs >= limits.overspeedWindowMs) return 'overspeed';

  // Stall: the controller asks for nearly all it may, and the belt stays far below the setpoint.
  const straining = driving && inputs.duty >= 0.95 * inputs.maxDuty && inputs.measuredSpeedKph < limits.stallSpeedFraction * inputs.setpointKph;
  state.stallSinceMs = holdSince(straining, state.stallSinceMs, nowMs);
  if (state.stallSinceMs >= 0 && nowMs - state.stallSinceMs >= limits.stallWindowMs) return 'stall';

  // Wrong direction, only where a direction sensor exists and the belt really moves.
  const against = inputs.sensedBackward !== null && inputs.measuredSpeedKph > 0.3 && inputs.sensedBackward !== inputs.commandedBackward;
  state.wrongDirectionSinceMs = holdSince(against, state.wrongDirectionSinceMs, nowMs);
  if (state.wrongDirectionSinceMs >= 0 && nowMs - state.wrongDirectionSinceMs >= limits.wrongDirectionWindowMs) return 'wrongDirection';

  return null;
}
