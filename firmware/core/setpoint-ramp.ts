// Moves the speed setpoint toward the target within the acceleration and deceleration limits.

/**
 * The next setpoint, km/h: `setpointKph` moved toward `targetKph` by at most
 * `accelKphPerS` (when rising) or `decelKphPerS` (when falling) times `dtMs`. Pure.
 */
export function rampSetpoint(setpointKph: number, targetKph: number, accelKphPerS: number, decelKphPerS: number, dtMs: number): number {
  if (targetKph > setpointKph) return Math.min(targetKph, setpointKph + (accelKphPerS * dtMs) / 1000);
  if (targetKph < setpointKph) return Math.max(targetKph, setpointKph - (decelKphPerS * dtMs) / 1000);
  return setpointKph;
}
