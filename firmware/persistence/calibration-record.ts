// The calibration record: belt distance per encoder pulse and the feed-forward duty-to-speed map.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { CommandResult } from '../command';
import { HARD_CAPS } from '../config';
import { readAlternating, writeAlternating } from './alternating-record';
import { numberProblem, readNumberField, rejectField, RECORD_FORMAT, warnUnknownFields, type StoredObject } from './stored-record';

/** Base name of the calibration record; slots `rt.calib.a` and `rt.calib.b`. */
export const CALIBRATION_RECORD = 'rt.calib';

/** One point of the duty map, the same shape as TreadmillConfig.dutyMap. */
export interface DutyPoint {
  speedKph: number;
  duty: number;
}

/** Calibrated values; null means "not calibrated": the configuration's value applies. */
export interface Calibration {
  /** Belt travel per encoder pulse, metres (0.0005..2, as checkConfig allows). */
  metersPerPulse: number | null;
  /** At least 2 points, rising in speed and not falling in duty, duty within 0..HARD_CAPS.maxDuty. */
  dutyMap: DutyPoint[] | null;
}

const MIN_METERS_PER_PULSE = 0.0005;
const MAX_METERS_PER_PULSE = 2;
/** More points than any calibration routine needs: a bigger map is garbage, and costs memory. */
const MAX_DUTY_POINTS = 32;
const MAX_MAP_SPEED_KPH = 2 * HARD_CAPS.forwardMaxSpeedKph;
const KNOWN_FIELDS = ['format', 'sequence', 'metersPerPulse', 'dutyMap'];

/** Why `value` is not a usable duty map, naming the point, or null when it is. */
export function dutyMapProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be an array of {speedKph, duty}';
  if (value.length < 2 || value.length > MAX_DUTY_POINTS) return 'must have 2..' + MAX_DUTY_POINTS + ' points, got ' + value.length;
  let problem: string | null = null;
  value.forEach(function (point: unknown, index: number) {
    if (problem !== null) return;
    if (point === null || typeof point !== 'object' || Array.isArray(point)) {
      problem = 'point ' + index + ' must be {speedKph, duty}';
      return;
    }
    const object = point as StoredObject;
    const speedProblem = numberProblem(object.speedKph, 0, MAX_MAP_SPEED_KPH, false);
    const dutyProblem = numberProblem(object.duty, 0, HARD_CAPS.maxDuty, false);
    if (speedProblem !== null) problem = 'point ' + index + ' speedKph ' + speedProblem;
    else if (dutyProblem !== null) problem = 'point ' + index + ' duty ' + dutyProblem;
    else if (index > 0) {
      const previous = value[index - 1] as DutyPoint;
      if (!((object.speedKph as number) > previous.speedKph) || (object.duty as number) < previous.duty) {
        problem = 'point ' + index + ' must rise in speed and not fall in duty';
      }
    }
  });
  return problem;
}

/**
 * The stored calibration, field by field: a bad field falls back to "not calibrated" (the
 * configuration's value) and is logged. Never throws. Called at boot.
 */
export function loadCalibration(storage: Storage, log: Log): Calibration {
  const calibration: Calibration = { metersPerPulse: null, dutyMap: null };
  const stored = readAlternating(storage, log, CALIBRATION_RECORD);
  const object = stored.object;
  if (object === null) return calibration;
  const name = stored.slotName;
  warnUnknownFields(object, KNOWN_FIELDS, name, log);
  if (object.metersPerPulse !== null) calibration.metersPerPulse = readNumberField(object, 'metersPerPulse', MIN_METERS_PER_PULSE, MAX_METERS_PER_PULSE, false, name, log);
  if (object.dutyMap !== undefined && object.dutyMap !== null) {
    const problem = dutyMapProblem(object.dutyMap);
    if (problem === null) {
      calibration.dutyMap = (object.dutyMap as StoredObject[]).map(function (point) {
        return { speedKph: point.speedKph as number, duty: point.duty as number };
      });
    } else rejectField(log, name, 'dutyMap', problem);
  }
  return calibration;
}

/** Configuration overrides for what is calibrated. */
export function calibrationOverrides(calibration: Calibration): object {
  const overrides: { metersPerPulse?: number; dutyMap?: DutyPoint[] } = {};
  if (calibration.metersPerPulse !== null) overrides.metersPerPulse = calibration.metersPerPulse;
  if (calibration.dutyMap !== null) overrides.dutyMap = calibration.dutyMap;
  return overrides;
}

/**
 * Validate and store a calibration (called by the calibration routine once it has finished, or a
 * console). Refuses with a message; a storage failure is reported, never thrown. Applies from the
 * next boot, where it is checked against the whole configuration (e.g. the board's maxDuty) and
 * dropped with a log line if it does not fit.
 */
export function saveCalibration(storage: Storage, log: Log, calibration: Calibration): CommandResult {
  if (calibration === null || typeof calibration !== 'object') return { accepted: false, message: 'calibration refused: must be an object' };
  if (calibration.metersPerPulse !== null) {
    const problem = numberProblem(calibration.metersPerPulse, MIN_METERS_PER_PULSE, MAX_METERS_PER_PULSE, false);
    if (problem !== null) return { accepted: false, message: 'calibration refused: metersPerPulse ' + problem };
  }
  if (calibration.dutyMap !== null) {
    const problem = dutyMapProblem(calibration.dutyMap);
    if (problem !== null) return { accepted: false, message: 'calibration refused: dutyMap ' + problem };
  }
  const object: StoredObject = { format: RECORD_FORMAT, metersPerPulse: calibration.metersPerPulse, dutyMap: calibration.dutyMap };
  if (!writeAlternating(storage, log, CALIBRATION_RECORD, object)) return { accepted: false, message: 'calibration not saved: storage write failed' };
  log.info('calibration saved');
  return { accepted: true, message: 'calibration saved; applies from the next start-up' };
}
