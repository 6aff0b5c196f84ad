// Little-endian field writers and readers for FTMS values: physical units in, wire integers out, no allocation.

/*
 * Why saturate here: a telemetry figure past its field (a 19-hour session's elapsed seconds, say)
 * must not wrap round to a small number an app would believe. Targets never pass through these
 * writers unchecked: the control point refuses a target outside the range instead of clamping it.
 */

/** `value` x `scale` rounded half away from zero (so -0.25 % and 0.25 % round alike). Non-finite reads as 0. */
export function scaledRound(value: number, scale: number): number {
  const scaled = value * scale;
  // NaN and the infinities are the only numbers for which x - x is not 0.
  if (scaled - scaled !== 0) return 0;
  return scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
}

/** `value` x `scale`, rounded, held within 0..`max`: the raw integer of an unsigned field. */
export function unsignedRaw(value: number, scale: number, max: number): number {
  const raw = scaledRound(value, scale);
  if (raw < 0) return 0;
  return raw > max ? max : raw;
}

/** `value` x `scale`, rounded, held within `min`..`max`: the raw integer of a signed field. */
export function signedRaw(value: number, scale: number, min: number, max: number): number {
  const raw = scaledRound(value, scale);
  if (raw < min) return min;
  return raw > max ? max : raw;
}

/** Writes one byte at `offset`; returns the offset after it. */
export function writeUint8(out: Uint8Array, offset: number, raw: number): number {
  out[offset] = raw & 0xff;
  return offset + 1;
}

/** Writes a 16-bit integer (unsigned, or signed in two's complement) little-endian; returns the next offset. */
export function writeUint16(out: Uint8Array, offset: number, raw: number): number {
  out[offset] = raw & 0xff;
  out[offset + 1] = (raw >> 8) & 0xff;
  return offset + 2;
}

/** Writes a 24-bit unsigned integer little-endian; returns the next offset. */
export function writeUint24(out: Uint8Array, offset: number, raw: number): number {
  out[offset] = raw & 0xff;
  out[offset + 1] = (raw >> 8) & 0xff;
  out[offset + 2] = (raw >> 16) & 0xff;
  return offset + 3;
}

/** Writes a 32-bit unsigned integer little-endian; returns the next offset. */
export function writeUint32(out: Uint8Array, offset: number, raw: number): number {
  out[offset] = raw & 0xff;
  out[offset + 1] = (raw >> 8) & 0xff;
  out[offset + 2] = (raw >> 16) & 0xff;
  out[offset + 3] = (raw >>> 24) & 0xff;
  return offset + 4;
}

/** Reads an unsigned 16-bit little-endian integer at `offset`. */
export function readUint16(bytes: Uint8Array, offset: number): number {
  return bytes[offset] | (bytes[offset + 1] << 8);
}

/** Reads a signed 16-bit little-endian integer at `offset`. */
export function readSint16(bytes: Uint8Array, offset: number): number {
  const raw = readUint16(bytes, offset);
  return raw >= 0x8000 ? raw - 0x10000 : raw;
}
