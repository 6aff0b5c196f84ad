// At boot: stored settings and calibration become configuration overrides, under the composition root's own.

import type { Log } from '../hal/log';
import type { Storage } from '../hal/storage';
import type { TreadmillConfig } from './config';
import { resolveConfig } from './config-overrides';
import { calibrationOverrides, loadCalibration, type Calibration } from './persistence/calibration-record';
import { listPrograms, loadProgram } from './persistence/program-records';
import { loadHistory, type HistoryEntry } from './persistence/session-history';
import { loadSettings, settingsOverrides, type Settings } from './persistence/settings-record';

/** The configuration the firmware boots with, and the stored values it came from. */
export interface BootSettings {
  config: TreadmillConfig;
  /** The user's settings (units and weight apply whatever the caps' fate; caps only when accepted). */
  settings: Settings;
  calibration: Calibration;
  /** The valid history entries, oldest first. */
  history: HistoryEntry[];
  /** Names of the stored custom programs whose record is intact. */
  programNames: string[];
}

type PlainObject = { [key: string]: unknown };

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `over` merged onto a copy of `base`: objects merge key by key, anything else (arrays too) replaces. */
function mergeUnder(base: object, over: object): object {
  const result = JSON.parse(JSON.stringify(base)) as PlainObject;
  const source = over as PlainObject;
  Object.keys(source).forEach(function (key) {
    const value = source[key];
    if (isPlainObject(value) && isPlainObject(result[key])) result[key] = mergeUnder(result[key] as object, value as object);
    else result[key] = value;
  });
  return result;
}

const DIRECTIONS = ['forward', 'backward'];
const CAP_NAMES = ['maxSpeedKph', 'maxInclinePct'];

/** Throws when the `stored` overrides raise a cap the machine description sets: stored settings may only lower them. */
function requireWithinMachineCaps(stored: object, machine: object | undefined): void {
  if (machine === undefined) return;
  DIRECTIONS.forEach(function (direction) {
    const caps = (machine as PlainObject)[direction];
    const values = (stored as PlainObject)[direction];
    if (!isPlainObject(caps) || !isPlainObject(values)) return;
    CAP_NAMES.forEach(function (name) {
      const cap = (caps as PlainObject)[name];
      const value = (values as PlainObject)[name];
      if (typeof cap === 'number' && typeof value === 'number' && value > cap) throw new Error('"' + direction + '.' + name + '" ' + value + ' is above the machine\'s cap of ' + cap);
    });
  });
}

/**
 * Resolve the boot configuration. `overrides` (the composition root's) are checked first and win
 * over anything stored: an invalid one still throws, naming the setting, as `resolveConfig` does.
 * `machine` (the build's machine description) lies beneath what is stored: a calibration the
 * board measured itself wins over the file's belt distance and duty map, and stored settings may
 * lower the file's caps but never raise them. Stored parts (settings caps, then calibration) are
 * merged one at a time; a part the merged configuration refuses is dropped with a warning naming
 * why, and the boot goes on with the rest. Bad stored fields were already dropped, field by
 * field, while loading. The history and the programs are read too, so every damaged record is
 * reported at boot. Never throws because of storage. Called once, by bootTreadmill.
 */
export function resolveBootSettings(storage: Storage, log: Log, overrides: object, machine?: object): BootSettings {
  let config = resolveConfig(overrides, machine);
  const settings = loadSettings(storage, log);
  const calibration = loadCalibration(storage, log);
  const parts: { name: string; overrides: object }[] = [
    { name: 'settings', overrides: settingsOverrides(settings) },
    { name: 'calibration', overrides: calibrationOverrides(calibration) },
  ];
  let accepted: object = {};
  parts.forEach(function (part) {
    const candidate = mergeUnder(accepted, part.overrides);
    try {
      requireWithinMachineCaps(part.overrides, machine);
      config = resolveConfig(mergeUnder(candidate, overrides), machine);
      accepted = candidate;
      if (machine !== undefined && part.name === 'calibration') {
        Object.keys(part.overrides).forEach(function (key) {
          if (key in (machine as PlainObject)) log.info('storage: the stored calibration\'s ' + key + ' is used, not the machine description\'s');
        });
      }
    } catch (error) {
      log.warn('storage: stored ' + part.name + ' refused by the configuration (' + String((error as Error).message) + '); booting without them');
    }
  });
  // Units are a display choice: they apply even when the stored caps were refused (unless the
  // composition root set them).
  if (!('units' in (overrides as PlainObject))) config.units = settings.units;
  // Read once at boot so that damaged history and program records are reported now, not later.
  const history = loadHistory(storage, log);
  const programNames = listPrograms(storage).filter(function (name) {
    return loadProgram(storage, log, name) !== null;
  });
  return { config: config, settings: settings, calibration: calibration, history: history, programNames: programNames };
}
