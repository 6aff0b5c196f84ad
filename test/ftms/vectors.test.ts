// Every case of the FTMS vectors (checked with an independent client library) encoded or decoded by the firmware byte for byte.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeControlPointRequest, encodeControlPointResponse, makeControlPointRequest } from '../../firmware/ftms/control-point';
import { encodeFeature } from '../../firmware/ftms/ftms-feature';
import { encodePlainStatus, encodeStoppedOrPaused, encodeTargetInclineChanged, encodeTargetSpeedChanged } from '../../firmware/ftms/machine-status';
import { encodeInclineRange, encodeSpeedRange } from '../../firmware/ftms/ranges';
import { encodeTrainingStatus } from '../../firmware/ftms/training-status';
import {
  encodeTreadmillData,
  makeTreadmillDataValues,
  planTreadmillData,
  recordFieldFlags,
  REMAINING_TIME_PRESENT,
  type TreadmillDataValues,
} from '../../firmware/ftms/treadmill-data';
import { decodeControlPointResponse } from '../../sim/ftms/control-point-client';
import { bytesFromHex, hexFromBytes } from '../../sim/ftms/hex-bytes';
import { decodeFeature, decodeInclineRange, decodeMachineStatus, decodeSpeedRange, decodeTrainingStatus, decodeTreadmillData } from './ftms-client';
import { FULL_LIMITS } from './limits-fixture';

interface VectorCase {
  name: string;
  characteristic: string;
  hex: string;
  values: { [key: string]: number | boolean | string | null };
}

const VECTORS: VectorCase[] = JSON.parse(readFileSync(join(__dirname, 'ftms-vectors.json'), 'utf8')).cases;


const VALUE_KEYS: (keyof TreadmillDataValues)[] = [
  'instantaneousSpeedKph', 'averageSpeedKph', 'totalDistanceM', 'inclinationPct', 'rampAngleDeg', 'positiveElevationGainM',
  'negativeElevationGainM', 'totalEnergyKcal', 'energyPerHourKcal', 'energyPerMinuteKcal', 'metabolicEquivalentMet', 'elapsedTimeS', 'remainingTimeS',
];

function valuesFrom(vector: VectorCase): TreadmillDataValues {
  const values = makeTreadmillDataValues() as unknown as { [key: string]: number | null };
  for (const key of VALUE_KEYS) if (key in vector.values) values[key] = vector.values[key] as number | null;
  return values as unknown as TreadmillDataValues;
}

const out = new Uint8Array(64);

describe('FTMS vectors (test/ftms/ftms-vectors.json, a copy of ../shared/ftms-vectors.json)', () => {
  it('holds the 30 cases of the shared file, every characteristic the codec serves or parses', () => {
    assert.equal(VECTORS.length, 30);
    const kinds = new Set(VECTORS.map((vector) => vector.characteristic));
    assert.deepEqual([...kinds].sort(), ['controlPointRequest', 'controlPointResponse', 'feature', 'inclineRange', 'machineStatus', 'speedRange', 'trainingStatus', 'treadmillData']);
  });

  for (const vector of VECTORS) {
    it(`${vector.characteristic}: ${vector.name}`, () => {
      const bytes = bytesFromHex(vector.hex);
      const values = vector.values;
      let length: number;
      switch (vector.characteristic) {
        case 'treadmillData':
          length = encodeTreadmillData(values.flags as number, valuesFrom(vector), out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          assert.deepEqual(decodeTreadmillData(bytes), values);
          return;
        case 'feature': {
          length = encodeFeature(FULL_LIMITS, out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          const feature = decodeFeature(bytes);
          assert.equal(feature.machineFeatures, 0x3a1d);
          assert.equal(feature.targetSettingFeatures, 0x3);
          return;
        }
        case 'speedRange':
          length = encodeSpeedRange(values.minimumSpeedKph as number, values.maximumSpeedKph as number, values.minimumIncrementKph as number, out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          assert.deepEqual(decodeSpeedRange(bytes), values);
          return;
        case 'inclineRange':
          length = encodeInclineRange(values.minimumInclinationPct as number, values.maximumInclinationPct as number, values.minimumIncrementPct as number, out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          assert.deepEqual(decodeInclineRange(bytes), { minimumInclinationPct: values.minimumInclinationPct, maximumInclinationPct: values.maximumInclinationPct, minimumIncrementPct: values.minimumIncrementPct });
          return;
        case 'trainingStatus': {
          const state = values.trainingStatusCode === 1 ? 'idle' : 'running';
          length = encodeTrainingStatus(state, 'forward', out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          assert.equal(decodeTrainingStatus(bytes).trainingStatusCode, values.trainingStatusCode);
          return;
        }
        case 'machineStatus': {
          const opCode = values.opCode as number;
          if (opCode === 2) length = encodeStoppedOrPaused(values.controlInformation as number, out);
          else if (opCode === 5) length = encodeTargetSpeedChanged(values.newTargetSpeedKph as number, out);
          else if (opCode === 6) length = encodeTargetInclineChanged(values.newTargetInclinationPct as number, out);
          else length = encodePlainStatus(opCode, out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          assert.equal(decodeMachineStatus(bytes).opCode, opCode);
          return;
        }
        case 'controlPointRequest': {
          const request = makeControlPointRequest();
          assert.equal(decodeControlPointRequest(bytes, request), true);
          assert.equal(request.opCode, values.opCode);
          assert.equal(request.known, true);
          assert.equal(request.parameterValid, true);
          if ('targetSpeedKph' in values) assert.equal(request.targetSpeedRaw / 100, values.targetSpeedKph);
          if ('targetInclinationPct' in values) assert.equal(request.targetInclinationRaw / 10, values.targetInclinationPct);
          if ('controlInformation' in values) assert.equal(request.controlInformation, values.controlInformation);
          return;
        }
        case 'controlPointResponse':
          length = encodeControlPointResponse(values.requestOpCode as number, values.resultCode as number, out);
          assert.equal(hexFromBytes(out, length), vector.hex);
          assert.deepEqual(decodeControlPointResponse(bytes), { responseOpCode: values.responseOpCode, requestOpCode: values.requestOpCode, resultCode: values.resultCode });
          return;
        default:
          assert.fail(`no codec for ${vector.characteristic}`);
      }
    });
  }

  it('splits the full record at 20 bytes exactly as the split-record vectors do', () => {
    const parts = new Uint16Array(8);
    const count = planTreadmillData(recordFieldFlags(FULL_LIMITS) | REMAINING_TIME_PRESENT, 20, parts);
    const split = VECTORS.filter((vector) => vector.name.startsWith('treadmillData split record'));
    assert.equal(count, 2);
    assert.deepEqual([parts[0], parts[1]], split.map((vector) => vector.values.flags));
    // And the whole pair, encoded from one set of values, is byte for byte the vectors' pair.
    const values = valuesFrom({ name: 'both parts', characteristic: 'treadmillData', hex: '', values: Object.assign({}, split[0].values, split[1].values) });
    for (let i = 0; i < count; i++) assert.equal(hexFromBytes(out, encodeTreadmillData(parts[i], values, out)), split[i].hex);
  });
});
