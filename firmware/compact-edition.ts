// The compact edition's parts, for boards with little flash (the Pico): the core plus the incline.

import type { TreadmillHal } from '../hal/treadmill-hal';
import type { TreadmillConfig } from './config';
import { bootPresetTreadmill, bootTreadmillWith } from './core-edition';
import { InclineDriver } from './incline-driver';
import type { Treadmill } from './treadmill';
import type { TreadmillFeatures } from './treadmill-features';

/**
 * The incline is hardware a walker's safety depends on, so it stays; programs, calibration and
 * history go, and so does the display: the Pico has no room for it (README, "Display").
 */
export const COMPACT_FEATURES: TreadmillFeatures = {
  makeInclineDriver: (ports, config, log, nowMs) => new InclineDriver(ports, config, log, nowMs),
  makeTraining: null,
  startDisplay: null,
  makeConsoleCommands: null,
};

/** Boot the compact edition (defaults, the machine description and the board's overrides; no stored settings). */
export function bootCompactTreadmill(hal: TreadmillHal, overrides: object, machine?: object): Treadmill {
  return bootTreadmillWith(hal, overrides, COMPACT_FEATURES, machine);
}

/** Boot the compact edition on a preset configuration (firmware/core-edition.ts, bootPresetTreadmill). */
export function bootCompactPreset(hal: TreadmillHal, config: TreadmillConfig): Treadmill {
  return bootPresetTreadmill(hal, config, COMPACT_FEATURES);
}
