// Closed-loop belt speed: feed-forward from a duty map plus PI correction with anti-windup.

/** Controller memory, updated in place each tick. */
export interface ControllerState {
  /** Integral term, already in duty units (0..1). */
  integralDuty: number;
  /** Duty produced on the last step, 0..1. */
  duty: number;
}

export interface ControllerSettings {
  /** Points (km/h, duty) sorted by speed; the duty that holds each speed with a typical load. */
  dutyMap: { speedKph: number; duty: number }[];
  proportionalGain: number;
  integralGain: number;
  maxDuty: number;
}

export function makeControllerState(): ControllerState {
  return { integralDuty: 0, duty: 0 };
}

/** Feed-forward duty for a speed: linear interpolation in the map, flat beyond its ends. */
export function feedForwardDuty(dutyMap: { speedKph: number; duty: number }[], speedKph: number): number {
  if (dutyMap.length === 0) return 0;
  if (speedKph <= dutyMap[0].speedKph) return dutyMap[0].duty;
  for (let index = 1; index < dutyMap.length; index++) {
    const upper = dutyMap[index];
    if (speedKph <= upper.speedKph) {
      const lower = dutyMap[index - 1];
      const span = upper.speedKph - lower.speedKph;
      const fraction = span > 0 ? (speedKph - lower.speedKph) / span : 1;
      return lower.duty + fraction * (upper.duty - lower.duty);
    }
  }
  return dutyMap[dutyMap.length - 1].duty;
}

/** Forget the integral (on stop, fault, or any state where the motor is not driven). */
export function resetController(state: ControllerState): void {
  state.integralDuty = 0;
  state.duty = 0;
}

/**
 * One control step: returns the duty 0..maxDuty for `setpointKph` given the measured speed.
 * A zero setpoint gives zero duty (no creep). Anti-windup: the integral only grows while the
 * output is not saturated in the same direction, and is itself bounded to the duty range.
 */
export function stepController(state: ControllerState, setpointKph: number, measuredKph: number, dtMs: number, settings: ControllerSettings): number {
  if (setpointKph <= 0) {
    resetController(state);
    return 0;
  }
  const errorKph = setpointKph - measuredKph;
  const feedForward = feedForwardDuty(settings.dutyMap, setpointKph);
  const unsaturated = feedForward + settings.proportionalGain * errorKph + state.integralDuty;
  const saturatedHigh = unsaturated >= settings.maxDuty && errorKph > 0;
  const saturatedLow = unsaturated <= 0 && errorKph < 0;
  if (!saturatedHigh && !saturatedLow) {
    state.integralDuty += (settings.integralGain * errorKph * dtMs) / 1000;
    const bound = settings.maxDuty;
    if (state.integralDuty > bound) state.integralDuty = bound;
    if (state.integralDuty < -bound) state.integralDuty = -bound;
  }
  let duty = feedForward + settings.proportionalGain * errorKph + state.integralDuty;
  if (duty > settings.maxDuty) duty = settings.maxDuty;
  if (duty < 0) duty = 0;
  state.duty = duty;
  return duty;
}
