// Supported Speed Range (0x2AD4) and Supported Inclination Range (0x2AD5) from the current direction's caps and the increments.

import type { Direction } from '../command';
import { maxDeckInclinePctFor, maxSpeedKphFor, walkerInclinePct, type FtmsLimits } from './ftms-limits';
import { signedRaw, unsignedRaw, writeUint16 } from './wire-values';

/** Both range values are three 16-bit fields. */
export const RANGE_BYTES = 6;

/** Writes a speed range (uint16 minimum, maximum, increment, 0.01 km/h) into `out`; returns 6. */
export function encodeSpeedRange(minimumKph: number, maximumKph: number, incrementKph: number, out: Uint8Array): number {
  let offset = writeUint16(out, 0, unsignedRaw(minimumKph, 100, 0xffff));
  offset = writeUint16(out, offset, unsignedRaw(maximumKph, 100, 0xffff));
  return writeUint16(out, offset, unsignedRaw(incrementKph, 100, 0xffff));
}

/** Writes an inclination range (sint16 minimum, maximum, uint16 increment, 0.1 %) into `out`; returns 6. */
export function encodeInclineRange(minimumPct: number, maximumPct: number, incrementPct: number, out: Uint8Array): number {
  let offset = writeUint16(out, 0, signedRaw(minimumPct, 10, -0x8000, 0x7fff));
  offset = writeUint16(out, offset, signedRaw(maximumPct, 10, -0x8000, 0x7fff));
  return writeUint16(out, offset, unsignedRaw(incrementPct, 10, 0xffff));
}

/** The speed range a client may ask for in `direction`: the minimum running speed up to that direction's cap. */
export function encodeCurrentSpeedRange(limits: FtmsLimits, direction: Direction, out: Uint8Array): number {
  return encodeSpeedRange(limits.minSpeedKph, maxSpeedKphFor(limits, direction), limits.speedIncrementKph, out);
}

/**
 * The inclination range in `direction`, as the walker sees it: 0 % up to the cap forward, the cap
 * negated up to 0 % backward (a raised deck is a descent for a backward walker: walkerInclinePct).
 * Apps read ranges when they connect; the control point checks every target against the
 * direction in force when it arrives, so a range read before a direction change cannot widen it.
 */
export function encodeCurrentInclineRange(limits: FtmsLimits, direction: Direction, out: Uint8Array): number {
  const capPct = walkerInclinePct(maxDeckInclinePctFor(limits, direction), direction);
  const minimumPct = capPct < 0 ? capPct : 0;
  const maximumPct = capPct < 0 ? 0 : capPct;
  return encodeInclineRange(minimumPct, maximumPct, limits.inclineIncrementPct, out);
}
