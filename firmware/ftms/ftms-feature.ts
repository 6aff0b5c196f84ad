// Fitness Machine Feature (0x2ACC): the fields and targets this machine really supports, as exactly 8 bytes.

import type { FtmsLimits } from './ftms-limits';
import { writeUint32 } from './wire-values';

/** Machine feature bits (FTMS 4.3.1.1) the firmware can set; every other bit stays 0. */
export const FEATURE_AVERAGE_SPEED = 1 << 0;
export const FEATURE_TOTAL_DISTANCE = 1 << 2;
export const FEATURE_INCLINATION = 1 << 3;
export const FEATURE_ELEVATION_GAIN = 1 << 4;
export const FEATURE_EXPENDED_ENERGY = 1 << 9;
export const FEATURE_METABOLIC_EQUIVALENT = 1 << 11;
export const FEATURE_ELAPSED_TIME = 1 << 12;
export const FEATURE_REMAINING_TIME = 1 << 13;

/** Target setting feature bits (FTMS 4.3.1.2). */
export const TARGET_SPEED = 1 << 0;
export const TARGET_INCLINATION = 1 << 1;

/** The feature value's length: two uint32, and strict clients refuse any other length. */
export const FEATURE_BYTES = 8;

/**
 * The machine feature bits of a machine with `limits`. Always: average speed, distance, energy,
 * MET and elapsed time (the session metrics compute them from the belt encoder on every
 * edition). With an incline: inclination (and ramp angle) and elevation gain. With programs:
 * remaining time (only a program knows when a session ends). Cadence, pace, steps, heart rate,
 * power and the rest are not measured, so never claimed.
 */
export function machineFeatureBits(limits: FtmsLimits): number {
  let bits = FEATURE_AVERAGE_SPEED | FEATURE_TOTAL_DISTANCE | FEATURE_EXPENDED_ENERGY | FEATURE_METABOLIC_EQUIVALENT | FEATURE_ELAPSED_TIME;
  if (limits.hasIncline) bits |= FEATURE_INCLINATION | FEATURE_ELEVATION_GAIN;
  if (limits.hasPrograms) bits |= FEATURE_REMAINING_TIME;
  return bits;
}

/** The target setting bits: speed always (the belt has a speed loop), inclination with an incline. */
export function targetSettingBits(limits: FtmsLimits): number {
  return limits.hasIncline ? TARGET_SPEED | TARGET_INCLINATION : TARGET_SPEED;
}

/** Writes the feature value into `out` (at least 8 bytes); returns its length, 8. Read once at connection. */
export function encodeFeature(limits: FtmsLimits, out: Uint8Array): number {
  const offset = writeUint32(out, 0, machineFeatureBits(limits));
  return writeUint32(out, offset, targetSettingBits(limits));
}
