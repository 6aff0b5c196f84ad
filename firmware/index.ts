// The firmware's entry point for composition roots (device boot, simulator, tests): the full edition.

import type { TreadmillHal } from '../hal/treadmill-hal';
import { resolveBootSettings } from './boot-settings';
import { startFullDisplay } from './display/full-display';
import { startFtmsHost } from './ftms/ftms-host';
import { InclineDriver } from './incline-driver';
import { Training } from './training';
import { makeTrainingConsole } from './training-console';
import { Treadmill } from './treadmill';
import type { TreadmillFeatures } from './treadmill-features';

/** The full edition builds in everything: incline, programs, calibration, session history, display, their console commands. */
export const FULL_FEATURES: TreadmillFeatures = {
  makeInclineDriver: (ports, config, log, nowMs) => new InclineDriver(ports, config, log, nowMs),
  makeTraining: (config, storage, log, host) => new Training(config, storage, log, host),
  startDisplay: startFullDisplay,
  makeConsoleCommands: makeTrainingConsole,
};

export { Treadmill } from './treadmill';
export type { Command, CommandName, CommandResult, CommandSource, Direction } from './command';
export type { TreadmillStatus } from './treadmill-status';
export type { TreadmillConfig } from './config';
export { DEFAULT_CONFIG, HARD_CAPS } from './config';
export { resolveConfig } from './config-overrides';

/**
 * Make and boot the firmware: validate `overrides` over the defaults (throws an Error naming the
 * bad setting, before any output is touched), merge the stored settings and calibration under them
 * and over `machine`, the description of the machine (firmware/boot-settings.ts: bad stored data
 * is dropped and logged, never stops the boot), build the treadmill (outputs safe first), start it.
 * With an FtmsLink in the HAL (a Bluetooth board), serve FTMS (firmware/ftms/ftms-host.ts): only
 * this edition imports it, so the compact and core editions' bundles hold no FTMS code.
 */
export function bootTreadmill(hal: TreadmillHal, overrides: object, machine?: object): Treadmill {
  const stored = resolveBootSettings(hal.storage, hal.log, overrides, machine);
  const treadmill = new Treadmill(hal, stored.config, FULL_FEATURES);
  treadmill.continueHistory(stored.history);
  treadmill.boot();
  if (hal.ftms) startFtmsHost({ link: hal.ftms, clock: hal.clock, scheduler: hal.scheduler, log: hal.log }, treadmill, stored.config, hal.incline !== undefined, true);
  return treadmill;
}

export type { Settings, DisplayUnits } from './persistence/settings-record';
export { loadSettings, saveSettings } from './persistence/settings-record';
export type { Calibration } from './persistence/calibration-record';
export { loadCalibration, saveCalibration } from './persistence/calibration-record';
export { listPrograms, loadProgram, saveProgram, eraseProgram } from './persistence/program-records';
export type { HistoryEntry } from './persistence/session-history';
export { loadHistory } from './persistence/session-history';
export type { SessionSuggestion } from './core/progress-suggestion';
export { suggestBackwardSession } from './core/progress-suggestion';
