// Moves the speed setpoint toward the target within the acceleration and deceleration limits.

/**
 * How long the setpoint takes to round off its rate at the end of a ramp, s. Why: a drive lags
 * its command (the MC-2100 board ramps its own reference over about 0.8 s, a DC motor with the
 * belt's inertia about 0.25 s), so a ramp that stops dead leaves the belt behind or ahead of the
 * target; easing the rate to zero lets the belt arrive with it, and spares the walker a jolt.
 * It lengthens a ramp by half this time and never raises the rate above the limit.
 */
export const RAMP_END_ROUNDING_S = 0.8;

/**
 * `Math.sqrt` under a name of the bundle's own. Why: the interpreter finds a built-in such as
 * `Math` only after walking every global the bundle created (about 270, some 8000 x86
 * instructions a lookup, measured on espruino_timing32), and a ramping tick takes two square
 * roots; this name sits among the first globals (scripts/tick-path-order.ts).
 */
const squareRoot = Math.sqrt;

/**
 * The next setpoint, km/h: `setpointKph` moved toward `targetKph` by at most `accelKphPerS`
 * (when rising) or `decelKphPerS` (when falling) times `dtMs`. Near the target the rate falls
 * as the square root of the distance left (a constant-jerk approach lasting
 * `RAMP_END_ROUNDING_S`), so the setpoint arrives with zero rate and never passes the target.
 * Pure; called once per control tick.
 */
export function rampSetpoint(setpointKph: number, targetKph: number, accelKphPerS: number, decelKphPerS: number, dtMs: number): number {
  if (targetKph === setpointKph) return setpointKph;
  const rising = targetKph > setpointKph;
  const limitKphPerS = rising ? accelKphPerS : decelKphPerS;
  const remainingKph = rising ? targetKph - setpointKph : setpointKph - targetKph;
  // On the constant-jerk approach (rate sqrt(2 x limit / RAMP_END_ROUNDING_S x remaining)) the
  // square root of the distance left falls at a constant pace: integrated exactly over the tick,
  // so a long control period (a slow board's 100-250 ms) ends the ramp when a short one does
  // instead of jumping to the target early.
  const rootLeft = squareRoot(remainingKph) - squareRoot((2 * limitKphPerS) / RAMP_END_ROUNDING_S) * (dtMs / 2000);
  // The step: the approach's, at most the rate limit's (worked out again rather than kept: on the
  // interpreter each local costs about as much as two field reads).
  let stepKph = rootLeft > 0 ? remainingKph - rootLeft * rootLeft : remainingKph;
  if (!(stepKph < (limitKphPerS * dtMs) / 1000)) stepKph = (limitKphPerS * dtMs) / 1000;
  if (stepKph >= remainingKph) return targetKph;
  return rising ? setpointKph + stepKph : setpointKph - stepKph;
}
