// The core edition (safety, closed-loop speed, backward mode, faults) and the boot without stored settings that small editions share.

import type { TreadmillHal } from '../hal/treadmill-hal';
import type { TreadmillConfig } from './config';
import { resolveConfig } from './config-overrides';
import { Treadmill } from './treadmill';
import type { TreadmillFeatures } from './treadmill-features';

/** Nothing optional: the incline outputs stay off, and programs, calibration and history are absent (the self-test). */
export const CORE_FEATURES: TreadmillFeatures = { makeInclineDriver: null, makeTraining: null, startDisplay: null, makeConsoleCommands: null };

/**
 * Make and boot a treadmill with `features` (CORE_FEATURES, or COMPACT_FEATURES from
 * firmware/compact-edition.ts): validate `overrides` over `machine` (the build's description of
 * the machine) and the defaults (throws an Error naming the bad setting, before any output is
 * touched), build the treadmill (outputs safe first), start it. Stored settings and calibration
 * are not read (they belong to the full edition's training features): the treadmill runs on the
 * defaults, the machine description and the board's overrides (README: Editions).
 */
export function bootTreadmillWith(hal: TreadmillHal, overrides: object, features: TreadmillFeatures, machine?: object): Treadmill {
  const treadmill = new Treadmill(hal, resolveConfig(overrides, machine), features);
  treadmill.boot();
  return treadmill;
}

/**
 * Make and boot a treadmill on `config`, a configuration already resolved and checked by
 * `resolveConfig` (the build does it for a small board, scripts/device-bundles.ts). Why: a board
 * that reads no stored settings needs neither the defaults nor the checker at run time, and on
 * a Pico they cost about 400 interpreter variables.
 */
export function bootPresetTreadmill(hal: TreadmillHal, config: TreadmillConfig, features: TreadmillFeatures): Treadmill {
  const treadmill = new Treadmill(hal, config, features);
  treadmill.boot();
  return treadmill;
}

/** Boot the core edition on a preset configuration (see bootPresetTreadmill). */
export function bootCorePreset(hal: TreadmillHal, config: TreadmillConfig): Treadmill {
  return bootPresetTreadmill(hal, config, CORE_FEATURES);
}

/** Boot the core edition: the smallest (the self-test's firmware). */
export function bootCoreTreadmill(hal: TreadmillHal, overrides: object, machine?: object): Treadmill {
  return bootTreadmillWith(hal, overrides, CORE_FEATURES, machine);
}
