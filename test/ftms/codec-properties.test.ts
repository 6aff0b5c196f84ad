// Property tests of the FTMS encoders: round trips at the specification's resolutions, no reserved bits, never over the negotiated size.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { encodeFeature, machineFeatureBits, targetSettingBits } from '../../firmware/ftms/ftms-feature';
import type { FtmsLimits } from '../../firmware/ftms/ftms-limits';
import { encodeTargetInclineChanged, encodeTargetSpeedChanged } from '../../firmware/ftms/machine-status';
import { encodeInclineRange, encodeSpeedRange } from '../../firmware/ftms/ranges';
import { encodeTrainingStatus, TRAINING_STATUS_MAX_BYTES } from '../../firmware/ftms/training-status';
import {
  ELAPSED_TIME_PRESENT,
  encodeTreadmillData,
  MAX_PARTS,
  MIN_NOTIFICATION_BYTES,
  MORE_DATA,
  partLength,
  planTreadmillData,
  WRITABLE_FLAGS,
  type TreadmillDataValues,
} from '../../firmware/ftms/treadmill-data';
import { makeValueBuffer, valueOfLength } from '../../firmware/ftms/value-buffer';
import { decodeFeature, decodeInclineRange, decodeMachineStatus, decodeSpeedRange, decodeTrainingStatus, decodeTreadmillData } from './ftms-client';

/** A value on a field's grid: raw integer in range, over the scale (what the wire can carry exactly). */
function onGrid(minRaw: number, maxRaw: number, scale: number): fc.Arbitrary<number> {
  return fc.integer({ min: minRaw, max: maxRaw }).map((raw) => raw / scale);
}

/** Off-grid values within a field: the encoder must round them to the nearest step. */
function offGrid(minRaw: number, maxRaw: number, scale: number): fc.Arbitrary<number> {
  return fc.double({ min: minRaw / scale, max: maxRaw / scale, noNaN: true });
}

const valuesArbitrary = fc.record({
  instantaneousSpeedKph: offGrid(0, 0xffff, 100),
  averageSpeedKph: offGrid(0, 0xffff, 100),
  totalDistanceM: offGrid(0, 0xffffff, 1),
  inclinationPct: offGrid(-0x8000, 0x7fff, 10),
  rampAngleDeg: fc.option(offGrid(-0x8000, 0x7ffe, 10)),
  positiveElevationGainM: offGrid(0, 0xffff, 10),
  negativeElevationGainM: offGrid(0, 0xffff, 10),
  totalEnergyKcal: fc.option(offGrid(0, 0xfffe, 1)),
  energyPerHourKcal: fc.option(offGrid(0, 0xfffe, 1)),
  energyPerMinuteKcal: fc.option(offGrid(0, 0xfe, 1)),
  metabolicEquivalentMet: offGrid(0, 0xff, 10),
  elapsedTimeS: offGrid(0, 0xffff, 1),
  remainingTimeS: offGrid(0, 0xffff, 1),
});

/** Half away from zero, the rounding the encoders promise. */
function expectedRaw(value: number, scale: number): number {
  const scaled = value * scale;
  // + 0 turns -0 into 0, as the wire does.
  return (scaled < 0 ? -Math.round(-scaled) : Math.round(scaled)) + 0;
}

const out = new Uint8Array(64);

describe('FTMS codec properties', () => {
  it('Treadmill Data: any flags and values decode back to the values at the field resolutions, with only the writable flags', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), valuesArbitrary, (flags, values: TreadmillDataValues) => {
        const length = encodeTreadmillData(flags, values, out);
        const written = flags & WRITABLE_FLAGS;
        assert.equal(length, partLength(written));
        const decoded = decodeTreadmillData(out.slice(0, length));
        assert.equal(decoded.flags, written, 'a reserved or unsupported flag bit was written');
        if ((written & MORE_DATA) === 0) assert.equal(decoded.instantaneousSpeedKph, expectedRaw(values.instantaneousSpeedKph, 100) / 100);
        else assert.equal('instantaneousSpeedKph' in decoded, false);
        if (written & (1 << 1)) assert.equal(decoded.averageSpeedKph, expectedRaw(values.averageSpeedKph, 100) / 100);
        if (written & (1 << 2)) assert.equal(decoded.totalDistanceM, expectedRaw(values.totalDistanceM, 1));
        if (written & (1 << 3)) {
          assert.equal(decoded.inclinationPct, expectedRaw(values.inclinationPct, 10) / 10);
          assert.equal(decoded.rampAngleDeg, values.rampAngleDeg === null ? null : expectedRaw(values.rampAngleDeg, 10) / 10);
        }
        if (written & (1 << 4)) {
          assert.equal(decoded.positiveElevationGainM, expectedRaw(values.positiveElevationGainM, 10) / 10);
          assert.equal(decoded.negativeElevationGainM, expectedRaw(values.negativeElevationGainM, 10) / 10);
        }
        if (written & (1 << 7)) {
          assert.equal(decoded.totalEnergyKcal, values.totalEnergyKcal === null ? null : expectedRaw(values.totalEnergyKcal, 1));
          assert.equal(decoded.energyPerHourKcal, values.energyPerHourKcal === null ? null : expectedRaw(values.energyPerHourKcal, 1));
          assert.equal(decoded.energyPerMinuteKcal, values.energyPerMinuteKcal === null ? null : expectedRaw(values.energyPerMinuteKcal, 1));
        }
        if (written & (1 << 9)) assert.equal(decoded.metabolicEquivalentMet, expectedRaw(values.metabolicEquivalentMet, 10) / 10);
        if (written & (1 << 10)) assert.equal(decoded.elapsedTimeS, expectedRaw(values.elapsedTimeS, 1));
        if (written & (1 << 11)) assert.equal(decoded.remainingTimeS, expectedRaw(values.remainingTimeS, 1));
      }),
      { numRuns: 500 },
    );
  });

  it('Treadmill Data: values past a field saturate at its limits, never wrap, and never become "not available"', () => {
    const values: TreadmillDataValues = {
      instantaneousSpeedKph: 1e6, averageSpeedKph: -3, totalDistanceM: 1e9, inclinationPct: -1e5, rampAngleDeg: 1e5,
      positiveElevationGainM: 1e7, negativeElevationGainM: NaN, totalEnergyKcal: 1e9, energyPerHourKcal: 1e9, energyPerMinuteKcal: 1e9,
      metabolicEquivalentMet: 99, elapsedTimeS: 1e6, remainingTimeS: -1,
    };
    const length = encodeTreadmillData(WRITABLE_FLAGS & ~MORE_DATA, values, out);
    assert.deepEqual(decodeTreadmillData(out.slice(0, length)), {
      flags: WRITABLE_FLAGS & ~MORE_DATA, moreData: false, instantaneousSpeedKph: 655.35, averageSpeedKph: 0, totalDistanceM: 0xffffff,
      inclinationPct: -3276.8, rampAngleDeg: 3276.6, positiveElevationGainM: 6553.5, negativeElevationGainM: 0, totalEnergyKcal: 0xfffe,
      energyPerHourKcal: 0xfffe, energyPerMinuteKcal: 0xfe, metabolicEquivalentMet: 25.5, elapsedTimeS: 0xffff, remainingTimeS: 0,
    });
  });

  it('the split: every part fits the negotiated size, every field is sent once, speed only in the last part, elapsed time in all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: MIN_NOTIFICATION_BYTES, max: 512 }), (fields, maxBytes) => {
        const recordFlags = fields & WRITABLE_FLAGS & ~MORE_DATA;
        const parts = new Uint16Array(MAX_PARTS);
        const count = planTreadmillData(recordFlags, maxBytes, parts);
        assert.ok(count >= 1 && count <= MAX_PARTS);
        let seen = 0;
        for (let i = 0; i < count; i++) {
          assert.ok(partLength(parts[i]) <= maxBytes, `part ${i} is ${partLength(parts[i])} bytes, over ${maxBytes}`);
          assert.equal((parts[i] & MORE_DATA) !== 0, i < count - 1, 'More Data must be set on every part but the last');
          assert.equal(parts[i] & ELAPSED_TIME_PRESENT, recordFlags & ELAPSED_TIME_PRESENT);
          const own = parts[i] & ~MORE_DATA & ~ELAPSED_TIME_PRESENT;
          assert.equal(seen & own, 0, 'a field was sent twice');
          seen |= own;
        }
        assert.equal(seen, recordFlags & ~ELAPSED_TIME_PRESENT, 'a field was lost');
        if (partLength(recordFlags) <= maxBytes) assert.equal(count, 1, 'a record that fits must not be split');
      }),
      { numRuns: 500 },
    );
  });

  it('the split refuses a size BLE cannot negotiate rather than overflow it', () => {
    assert.equal(planTreadmillData(WRITABLE_FLAGS, MIN_NOTIFICATION_BYTES - 1, new Uint16Array(MAX_PARTS)), 0);
  });

  it('Feature: exactly 8 bytes with no reserved bit, for every machine', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (hasIncline, hasPrograms) => {
        const limits = { hasIncline, hasPrograms } as FtmsLimits;
        assert.equal(encodeFeature(limits, out), 8);
        const feature = decodeFeature(out.slice(0, 8));
        assert.equal(feature.machineFeatures, machineFeatureBits(limits));
        assert.equal(feature.targetSettingFeatures, targetSettingBits(limits));
        // Inclination is claimed (read and target) exactly when an incline is fitted.
        assert.equal((feature.machineFeatures & (1 << 3)) !== 0, hasIncline);
        assert.equal((feature.targetSettingFeatures & (1 << 1)) !== 0, hasIncline);
        assert.equal((feature.machineFeatures & (1 << 13)) !== 0, hasPrograms);
      }),
    );
  });

  it('ranges, target statuses: round trips at 0.01 km/h and 0.1 %', () => {
    fc.assert(
      fc.property(onGrid(0, 0xffff, 100), onGrid(0, 0xffff, 100), onGrid(0, 0xffff, 100), onGrid(-0x8000, 0x7fff, 10), onGrid(-0x8000, 0x7fff, 10), onGrid(0, 0xffff, 10), (a, b, c, d, e, f) => {
        assert.deepEqual(decodeSpeedRange(out.slice(0, encodeSpeedRange(a, b, c, out))), { minimumSpeedKph: a, maximumSpeedKph: b, minimumIncrementKph: c });
        assert.deepEqual(decodeInclineRange(out.slice(0, encodeInclineRange(d, e, f, out))), { minimumInclinationPct: d, maximumInclinationPct: e, minimumIncrementPct: f });
        assert.deepEqual(decodeMachineStatus(out.slice(0, encodeTargetSpeedChanged(a, out))), { opCode: 5, newTargetSpeedKph: a });
        assert.deepEqual(decodeMachineStatus(out.slice(0, encodeTargetInclineChanged(d, out))), { opCode: 6, newTargetInclinationPct: d });
      }),
      { numRuns: 300 },
    );
  });

  it('Training Status: fits one 20-byte notification in every state and direction, reserved flag bits clear', () => {
    for (const state of ['idle', 'countdown', 'running', 'stopping', 'freeBelt', 'fault'] as const) {
      for (const direction of ['forward', 'backward'] as const) {
        const length = encodeTrainingStatus(state, direction, out);
        assert.ok(length <= TRAINING_STATUS_MAX_BYTES && length <= MIN_NOTIFICATION_BYTES);
        const decoded = decodeTrainingStatus(out.slice(0, length));
        assert.equal(decoded.text, direction === 'backward' ? 'Walking backward' : undefined);
      }
    }
  });
});

describe('FTMS value buffers', () => {
  it('a value of each length is one view, made once, sharing the buffer the encoders write', () => {
    const buffer = makeValueBuffer(20);
    const first = valueOfLength(buffer, 17);
    assert.equal(first.length, 17);
    assert.equal(valueOfLength(buffer, 17), first, 'a second request of the same length makes nothing new');
    buffer.bytes[3] = 42;
    assert.equal(first[3], 42);
    assert.equal(valueOfLength(buffer, 20).length, 20);
    assert.equal(valueOfLength(buffer, 0).length, 0);
  });
});
