// The user's settings record: display units, weight, and speed and incline caps within the hard caps.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { CommandResult } from '../command';
import { HARD_CAPS } from '../config';
import { resolveConfig } from '../config-overrides';
import { readAlternating, writeAlternating } from './alternating-record';
import { numberProblem, readNumberField, rejectField, RECORD_FORMAT, warnUnknownFields, type StoredObject } from './stored-record';

/** Base name of the settings record; slots `rt.settings.a` and `rt.settings.b`. */
export const SETTINGS_RECORD = 'rt.settings';

/** Units the user sees; inside the firmware everything stays in km/h and metres. */
export type DisplayUnits = 'kph' | 'mph';

/**
 * What the user set. A number of null means "not set": the configuration's value applies.
 * Caps are km/h and percent grade, each within HARD_CAPS.
 */
export interface Settings {
  units: DisplayUnits;
  /** User weight for the energy estimate (config.userWeightKg), kg (20..250). */
  userWeightKg: number | null;
  forwardMaxSpeedKph: number | null;
  backwardMaxSpeedKph: number | null;
  forwardMaxInclinePct: number | null;
  backwardMaxInclinePct: number | null;
}

/** Used when nothing (or nothing valid) is stored. */
export const DEFAULT_SETTINGS: Settings = {
  units: 'kph',
  userWeightKg: null,
  forwardMaxSpeedKph: null,
  backwardMaxSpeedKph: null,
  forwardMaxInclinePct: null,
  backwardMaxInclinePct: null,
};

/** Lowest plausible and highest user weight, kg. */
const MIN_WEIGHT_KG = 20;
const MAX_WEIGHT_KG = 250;
/** Lowest cap a setting may ask for, km/h (the lowest start speed a configuration allows). */
const MIN_SPEED_CAP_KPH = 0.3;

interface NumberField {
  field: string;
  min: number;
  max: number;
}

/** The number fields with their ranges (caps within the hard caps), in the order they are checked. */
const NUMBER_FIELDS: NumberField[] = [
  { field: 'userWeightKg', min: MIN_WEIGHT_KG, max: MAX_WEIGHT_KG },
  { field: 'forwardMaxSpeedKph', min: MIN_SPEED_CAP_KPH, max: HARD_CAPS.forwardMaxSpeedKph },
  { field: 'backwardMaxSpeedKph', min: MIN_SPEED_CAP_KPH, max: HARD_CAPS.backwardMaxSpeedKph },
  { field: 'forwardMaxInclinePct', min: 0, max: HARD_CAPS.forwardMaxInclinePct },
  { field: 'backwardMaxInclinePct', min: 0, max: HARD_CAPS.backwardMaxInclinePct },
];

const KNOWN_FIELDS = ['format', 'sequence', 'units', 'userWeightKg', 'forwardMaxSpeedKph', 'backwardMaxSpeedKph', 'forwardMaxInclinePct', 'backwardMaxInclinePct'];

/** A copy of the defaults. */
export function defaultSettings(): Settings {
  return JSON.parse(JSON.stringify(DEFAULT_SETTINGS)) as Settings;
}

/**
 * The stored settings, field by field: each missing or bad field falls back to its default and
 * is logged (record and field); a missing record gives the defaults. Never throws. Called at boot.
 */
export function loadSettings(storage: Storage, log: Log): Settings {
  const settings = defaultSettings();
  const stored = readAlternating(storage, log, SETTINGS_RECORD);
  const object = stored.object;
  if (object === null) return settings;
  const name = stored.slotName;
  warnUnknownFields(object, KNOWN_FIELDS, name, log);
  if (object.units === 'kph' || object.units === 'mph') settings.units = object.units;
  else rejectField(log, name, 'units', object.units === undefined ? 'missing' : 'must be "kph" or "mph", got ' + JSON.stringify(object.units));
  const target = settings as unknown as StoredObject;
  NUMBER_FIELDS.forEach(function (cap) {
    // null is how "not set" is stored; anything else must be a number within the hard cap.
    if (object[cap.field] === null) return;
    const value = readNumberField(object, cap.field, cap.min, cap.max, false, name, log);
    if (value !== null) target[cap.field] = value;
  });
  return settings;
}

/** Configuration overrides for the values that are set (others are left to the configuration). */
export function settingsOverrides(settings: Settings): object {
  const overrides: { units: DisplayUnits; userWeightKg?: number; forward: { [key: string]: number }; backward: { [key: string]: number } } = { units: settings.units, forward: {}, backward: {} };
  if (settings.userWeightKg !== null) overrides.userWeightKg = settings.userWeightKg;
  if (settings.forwardMaxSpeedKph !== null) overrides.forward.maxSpeedKph = settings.forwardMaxSpeedKph;
  if (settings.backwardMaxSpeedKph !== null) overrides.backward.maxSpeedKph = settings.backwardMaxSpeedKph;
  if (settings.forwardMaxInclinePct !== null) overrides.forward.maxInclinePct = settings.forwardMaxInclinePct;
  if (settings.backwardMaxInclinePct !== null) overrides.backward.maxInclinePct = settings.backwardMaxInclinePct;
  return overrides;
}

/** Why `settings` cannot be saved (naming the field), or null when it can. */
export function checkSettings(settings: Settings): string | null {
  if (settings === null || typeof settings !== 'object') return 'settings must be an object';
  if (settings.units !== 'kph' && settings.units !== 'mph') return 'units must be "kph" or "mph"';
  const object = settings as unknown as StoredObject;
  let problem: string | null = null;
  NUMBER_FIELDS.forEach(function (spec) {
    const value = object[spec.field];
    if (problem !== null || value === null) return;
    const fieldProblem = numberProblem(value, spec.min, spec.max, false);
    if (fieldProblem !== null) problem = spec.field + ' ' + fieldProblem;
  });
  if (problem !== null) return problem;
  try {
    // The values must also fit the default configuration (e.g. a cap not below the start speed).
    resolveConfig(settingsOverrides(settings));
  } catch (error) {
    return String((error as Error).message);
  }
  return null;
}

/**
 * Validate and store `settings` (for a console's settings command). Refuses with a message naming
 * the field; a storage failure is reported, never thrown. The caps take effect at the next boot.
 * Call on a user's change only: each call writes flash.
 */
export function saveSettings(storage: Storage, log: Log, settings: Settings): CommandResult {
  const problem = checkSettings(settings);
  if (problem !== null) return { accepted: false, message: 'settings refused: ' + problem };
  const object: StoredObject = {
    format: RECORD_FORMAT,
    units: settings.units,
    userWeightKg: settings.userWeightKg,
    forwardMaxSpeedKph: settings.forwardMaxSpeedKph,
    backwardMaxSpeedKph: settings.backwardMaxSpeedKph,
    forwardMaxInclinePct: settings.forwardMaxInclinePct,
    backwardMaxInclinePct: settings.backwardMaxInclinePct,
  };
  if (!writeAlternating(storage, log, SETTINGS_RECORD, object)) return { accepted: false, message: 'settings not saved: storage write failed' };
  log.info('settings saved');
  return { accepted: true, message: 'settings saved; caps apply from the next start-up' };
}
