// Treadmill Data (0x2ACD): the record's fields, how they are split across notifications of the negotiated size, and the encoder.

import type { FtmsLimits } from './ftms-limits';
import { signedRaw, unsignedRaw, writeUint16, writeUint24, writeUint8 } from './wire-values';

/*
 * Flag bits (FTMS 4.9.1.1). Bit 0 is inverted: set means "More Data", i.e. this notification
 * does not carry the instantaneous speed and another part of the record follows. The firmware
 * writes only the bits below; pace, heart rate, force and power are not measured, and bits
 * 13-15 are reserved (a strict client rejects a record that sets them).
 */
export const MORE_DATA = 1 << 0;
export const AVERAGE_SPEED_PRESENT = 1 << 1;
export const TOTAL_DISTANCE_PRESENT = 1 << 2;
export const INCLINATION_PRESENT = 1 << 3;
export const ELEVATION_GAIN_PRESENT = 1 << 4;
export const EXPENDED_ENERGY_PRESENT = 1 << 7;
export const METABOLIC_EQUIVALENT_PRESENT = 1 << 9;
export const ELAPSED_TIME_PRESENT = 1 << 10;
export const REMAINING_TIME_PRESENT = 1 << 11;

/** Every flag the encoder may write: anything else in a part's flags is dropped. */
export const WRITABLE_FLAGS = MORE_DATA | AVERAGE_SPEED_PRESENT | TOTAL_DISTANCE_PRESENT | INCLINATION_PRESENT | ELEVATION_GAIN_PRESENT
  | EXPENDED_ENERGY_PRESENT | METABOLIC_EQUIVALENT_PRESENT | ELAPSED_TIME_PRESENT | REMAINING_TIME_PRESENT;

/** The smallest notification payload BLE allows (ATT MTU 23 less 3 bytes of header): the default. */
export const MIN_NOTIFICATION_BYTES = 20;

/** A record splits into at most this many notifications (each optional field alone needs a part at worst). */
export const MAX_PARTS = 8;

/** "Data not available" markers (FTMS 4.9.1.7, 4.9.1.12). */
export const RAMP_ANGLE_NOT_AVAILABLE = 0x7fff;
export const ENERGY_UINT16_NOT_AVAILABLE = 0xffff;
export const ENERGY_UINT8_NOT_AVAILABLE = 0xff;

/**
 * One record's figures in physical units; the encoder rounds each to its field's resolution.
 * Speeds are magnitudes (a backward belt reports its speed as positive: FTMS has no direction
 * field); inclination is the walker's (see walkerInclinePct). One object, reused and filled in
 * place each second.
 */
export interface TreadmillDataValues {
  /** Belt speed, km/h, >= 0 (0.01 km/h on the wire). */
  instantaneousSpeedKph: number;
  /** km/h (0.01). */
  averageSpeedKph: number;
  /** Metres (1 m, uint24). */
  totalDistanceM: number;
  /** Walker's inclination, percent (0.1 %, sint16). */
  inclinationPct: number;
  /** Walker's ramp angle, degrees (0.1 degree), or null: not available (0x7FFF). */
  rampAngleDeg: number | null;
  /** Metres (0.1 m, uint16). */
  positiveElevationGainM: number;
  /** Metres (0.1 m, uint16). */
  negativeElevationGainM: number;
  /** kcal, or null: not available. */
  totalEnergyKcal: number | null;
  energyPerHourKcal: number | null;
  energyPerMinuteKcal: number | null;
  /** MET (0.1, uint8). */
  metabolicEquivalentMet: number;
  /** Seconds (uint16). */
  elapsedTimeS: number;
  /** Seconds (uint16); the flag is left out of the record when a session has no known end. */
  remainingTimeS: number;
}

/** Zeroed values (energy and ramp angle not available). */
export function makeTreadmillDataValues(): TreadmillDataValues {
  return {
    instantaneousSpeedKph: 0,
    averageSpeedKph: 0,
    totalDistanceM: 0,
    inclinationPct: 0,
    rampAngleDeg: null,
    positiveElevationGainM: 0,
    negativeElevationGainM: 0,
    totalEnergyKcal: null,
    energyPerHourKcal: null,
    energyPerMinuteKcal: null,
    metabolicEquivalentMet: 0,
    elapsedTimeS: 0,
    remainingTimeS: 0,
  };
}

/**
 * The optional fields a machine with `limits` sends in every record (as present-flags, More Data
 * clear), the Feature value's claims: a record carries exactly what the feature says it supports.
 * Remaining time is added per record, only while a program knows it.
 */
export function recordFieldFlags(limits: FtmsLimits): number {
  let flags = AVERAGE_SPEED_PRESENT | TOTAL_DISTANCE_PRESENT | EXPENDED_ENERGY_PRESENT | METABOLIC_EQUIVALENT_PRESENT | ELAPSED_TIME_PRESENT;
  if (limits.hasIncline) flags |= INCLINATION_PRESENT | ELEVATION_GAIN_PRESENT;
  return flags;
}

/** The optional fields in wire order, with their sizes in bytes (FTMS 4.9.1). */
// Typed arrays: on the interpreter a plain array's every element costs variables.
const FIELD_ORDER = new Uint16Array([AVERAGE_SPEED_PRESENT, TOTAL_DISTANCE_PRESENT, INCLINATION_PRESENT, ELEVATION_GAIN_PRESENT, EXPENDED_ENERGY_PRESENT, METABOLIC_EQUIVALENT_PRESENT, REMAINING_TIME_PRESENT]);
const FIELD_BYTES = new Uint8Array([2, 3, 4, 4, 5, 1, 2]);
const FLAGS_BYTES = 2;
const SPEED_BYTES = 2;
const ELAPSED_BYTES = 2;

/** Bytes a part with `flags` takes on the wire (flags included). */
export function partLength(flags: number): number {
  let length = FLAGS_BYTES + ((flags & MORE_DATA) === 0 ? SPEED_BYTES : 0) + ((flags & ELAPSED_TIME_PRESENT) !== 0 ? ELAPSED_BYTES : 0);
  for (let i = 0; i < FIELD_ORDER.length; i++) {
    if ((flags & FIELD_ORDER[i]) !== 0) length += FIELD_BYTES[i];
  }
  return length;
}

/**
 * Splits a record with the optional fields `recordFlags` into notifications of at most
 * `maxBytes`, writing each part's flags into `partFlagsOut`; returns how many parts (0 when
 * `maxBytes` is below MIN_NOTIFICATION_BYTES, which BLE does not allow).
 *
 * The split: the whole record when it fits. Otherwise parts with More Data set are filled with
 * the fields in wire order until the next one does not fit, and the last part carries the
 * instantaneous speed and what is left. Elapsed time goes into every part: FTMS made it
 * mandatory in split records during its drafting, and a client that shows one part alone still
 * gets a consistent time. At 20 bytes the full record (27 bytes) splits into average speed,
 * distance, inclination and elevation gain (17 bytes), then speed, energy, MET and remaining time
 * (14 bytes). Call it when the fields or the negotiated size change, not every second.
 */
export function planTreadmillData(recordFlags: number, maxBytes: number, partFlagsOut: Uint16Array): number {
  if (maxBytes < MIN_NOTIFICATION_BYTES) return 0;
  const elapsed = recordFlags & ELAPSED_TIME_PRESENT;
  let remaining = recordFlags & WRITABLE_FLAGS & ~MORE_DATA & ~ELAPSED_TIME_PRESENT;
  let parts = 0;
  while (parts < MAX_PARTS - 1 && partLength(remaining | elapsed) > maxBytes) {
    let part = MORE_DATA | elapsed;
    for (let i = 0; i < FIELD_ORDER.length; i++) {
      const field = FIELD_ORDER[i];
      if ((remaining & field) === 0) continue;
      if (partLength(part | field) > maxBytes) break;
      part |= field;
      remaining &= ~field;
    }
    partFlagsOut[parts] = part;
    parts++;
  }
  partFlagsOut[parts] = remaining | elapsed;
  return parts + 1;
}

/** An energy figure's raw value: `notAvailable` for null, else whole kcal held one below the marker. */
function energyRaw(kcal: number | null, notAvailable: number): number {
  return kcal === null ? notAvailable : unsignedRaw(kcal, 1, notAvailable - 1);
}

/**
 * Writes one notification with `flags` (from planTreadmillData, or any flags: bits the firmware
 * does not write are dropped) from `values` into `out`, which must hold partLength(flags) bytes;
 * returns the length written. No padding, no allocation: call it every second with the same
 * buffer. Values outside a field saturate at its limits (never wrap).
 */
export function encodeTreadmillData(flags: number, values: TreadmillDataValues, out: Uint8Array): number {
  const written = flags & WRITABLE_FLAGS;
  let offset = writeUint16(out, 0, written);
  if ((written & MORE_DATA) === 0) offset = writeUint16(out, offset, unsignedRaw(values.instantaneousSpeedKph, 100, 0xffff));
  if ((written & AVERAGE_SPEED_PRESENT) !== 0) offset = writeUint16(out, offset, unsignedRaw(values.averageSpeedKph, 100, 0xffff));
  if ((written & TOTAL_DISTANCE_PRESENT) !== 0) offset = writeUint24(out, offset, unsignedRaw(values.totalDistanceM, 1, 0xffffff));
  if ((written & INCLINATION_PRESENT) !== 0) {
    offset = writeUint16(out, offset, signedRaw(values.inclinationPct, 10, -0x8000, 0x7fff));
    // 0x7FFF means "not available", so a real angle stops one short of it.
    const angle = values.rampAngleDeg;
    offset = writeUint16(out, offset, angle === null ? RAMP_ANGLE_NOT_AVAILABLE : signedRaw(angle, 10, -0x8000, 0x7ffe));
  }
  if ((written & ELEVATION_GAIN_PRESENT) !== 0) {
    offset = writeUint16(out, offset, unsignedRaw(values.positiveElevationGainM, 10, 0xffff));
    offset = writeUint16(out, offset, unsignedRaw(values.negativeElevationGainM, 10, 0xffff));
  }
  if ((written & EXPENDED_ENERGY_PRESENT) !== 0) {
    offset = writeUint16(out, offset, energyRaw(values.totalEnergyKcal, ENERGY_UINT16_NOT_AVAILABLE));
    offset = writeUint16(out, offset, energyRaw(values.energyPerHourKcal, ENERGY_UINT16_NOT_AVAILABLE));
    offset = writeUint8(out, offset, energyRaw(values.energyPerMinuteKcal, ENERGY_UINT8_NOT_AVAILABLE));
  }
  if ((written & METABOLIC_EQUIVALENT_PRESENT) !== 0) offset = writeUint8(out, offset, unsignedRaw(values.metabolicEquivalentMet, 10, 0xff));
  if ((written & ELAPSED_TIME_PRESENT) !== 0) offset = writeUint16(out, offset, unsignedRaw(values.elapsedTimeS, 1, 0xffff));
  if ((written & REMAINING_TIME_PRESENT) !== 0) offset = writeUint16(out, offset, unsignedRaw(values.remainingTimeS, 1, 0xffff));
  return offset;
}
