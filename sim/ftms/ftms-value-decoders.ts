// A client's decoders for what the firmware serves, written from the FTMS field tables apart from the encoders: for round trips, vectors and the web console's FTMS link.
// (Hex and the control point's answer are beside it, in sim/ftms/.) Browser-safe: no Node module.

/** A DataView reader that fails loudly on a short value (a strict client rejects it). */
class Reader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(): number { this.need(1); return this.view.getUint8(this.offset++); }
  u16(): number { this.need(2); const v = this.view.getUint16(this.offset, true); this.offset += 2; return v; }
  s16(): number { this.need(2); const v = this.view.getInt16(this.offset, true); this.offset += 2; return v; }
  u24(): number { const low = this.u16(); return low + this.u8() * 65536; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.offset, true); this.offset += 4; return v; }
  rest(): Uint8Array { const r = this.bytes.slice(this.offset); this.offset = this.bytes.length; return r; }
  end(): void { if (this.offset !== this.bytes.length) throw new Error(`${this.bytes.length - this.offset} extra bytes`); }
  private need(n: number): void { if (this.offset + n > this.bytes.length) throw new Error('value too short'); }
}

/** Values keyed as in ftms-vectors.json: a key only when its field is present, null for "not available". */
export type Decoded = { [key: string]: number | boolean | string | null };

/** Treadmill Data (FTMS 4.9.1), every field of the table; throws on reserved flags, short or long values. */
export function decodeTreadmillData(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  const flags = r.u16();
  if ((flags & 0xe000) !== 0) throw new Error('reserved flag bits set');
  const d: Decoded = { flags, moreData: (flags & 1) !== 0 };
  if ((flags & 1) === 0) d.instantaneousSpeedKph = r.u16() / 100;
  if (flags & (1 << 1)) d.averageSpeedKph = r.u16() / 100;
  if (flags & (1 << 2)) d.totalDistanceM = r.u24();
  if (flags & (1 << 3)) {
    d.inclinationPct = r.s16() / 10;
    const angle = r.s16();
    d.rampAngleDeg = angle === 0x7fff ? null : angle / 10;
  }
  if (flags & (1 << 4)) {
    d.positiveElevationGainM = r.u16() / 10;
    d.negativeElevationGainM = r.u16() / 10;
  }
  if (flags & (1 << 5)) d.instantaneousPaceKmPerMin = r.u8() / 10;
  if (flags & (1 << 6)) d.averagePaceKmPerMin = r.u8() / 10;
  if (flags & (1 << 7)) {
    const total = r.u16();
    const perHour = r.u16();
    const perMinute = r.u8();
    d.totalEnergyKcal = total === 0xffff ? null : total;
    d.energyPerHourKcal = perHour === 0xffff ? null : perHour;
    d.energyPerMinuteKcal = perMinute === 0xff ? null : perMinute;
  }
  if (flags & (1 << 8)) d.heartRateBpm = r.u8();
  if (flags & (1 << 9)) d.metabolicEquivalentMet = r.u8() / 10;
  if (flags & (1 << 10)) d.elapsedTimeS = r.u16();
  if (flags & (1 << 11)) d.remainingTimeS = r.u16();
  if (flags & (1 << 12)) {
    d.forceOnBeltN = r.s16();
    d.powerOutputW = r.s16();
  }
  r.end();
  return d;
}

/** Fitness Machine Feature: exactly 8 bytes, reserved bits (17-31, and target bits 17-31) clear. */
export function decodeFeature(bytes: Uint8Array): { machineFeatures: number; targetSettingFeatures: number } {
  if (bytes.length !== 8) throw new Error('feature must be 8 bytes');
  const r = new Reader(bytes);
  const machineFeatures = r.u32();
  const targetSettingFeatures = r.u32();
  if (machineFeatures >>> 17 !== 0 || targetSettingFeatures >>> 17 !== 0) throw new Error('reserved feature bits set');
  return { machineFeatures, targetSettingFeatures };
}

export function decodeSpeedRange(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  const d = { minimumSpeedKph: r.u16() / 100, maximumSpeedKph: r.u16() / 100, minimumIncrementKph: r.u16() / 100 };
  r.end();
  return d;
}

export function decodeInclineRange(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  const d = { minimumInclinationPct: r.s16() / 10, maximumInclinationPct: r.s16() / 10, minimumIncrementPct: r.u16() / 10 };
  r.end();
  return d;
}

/** Training Status: flags, status, then the UTF-8 string when flag bit 0 is set. */
export function decodeTrainingStatus(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  const flags = r.u8();
  if ((flags & 0xfc) !== 0) throw new Error('reserved training status flags set');
  const d: Decoded = { flags, trainingStatusCode: r.u8() };
  if (flags & 1) d.text = new TextDecoder('utf-8', { fatal: true }).decode(r.rest());
  r.end();
  return d;
}

/** Fitness Machine Status: op code and its parameter. */
export function decodeMachineStatus(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  const opCode = r.u8();
  const d: Decoded = { opCode };
  if (opCode === 0x02) d.controlInformation = r.u8();
  else if (opCode === 0x05) d.newTargetSpeedKph = r.u16() / 100;
  else if (opCode === 0x06) d.newTargetInclinationPct = r.s16() / 10;
  else if (opCode !== 0x01 && opCode !== 0x03 && opCode !== 0x04 && opCode !== 0xff) throw new Error('unknown status op code');
  r.end();
  return d;
}
