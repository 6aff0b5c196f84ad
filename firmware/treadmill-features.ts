// Which optional parts an edition of the firmware builds into the treadmill (full: all; compact and core: small boards).

import type { Log } from '../hal/log';
import type { TimerHandle } from '../hal/scheduler';
import type { Storage } from '../hal/storage';
import type { InclinePorts, TreadmillHal } from '../hal/treadmill-hal';
import type { TreadmillConfig } from './config';
import type { ConsoleCommands } from './console-protocol';
import type { InclineDriver } from './incline-driver';
import type { Training, TrainingHost } from './training';
import type { TreadmillConsole } from './treadmill-console';

/**
 * Factories for the parts an edition may leave out. A part left out (null) is not imported by
 * that edition's entry, so the bundler drops its code: that is how the core edition fits a Pico.
 * The treadmill works without either; the incline ports, when the HAL has them, then stay at
 * their safe value (both off) and the boot log says the edition does not drive them.
 */
export interface TreadmillFeatures {
  /** Makes the incline driver for a HAL that has an incline. */
  makeInclineDriver: ((ports: InclinePorts, config: TreadmillConfig, log: Log, nowMs: number) => InclineDriver) | null;
  /** Makes programs, calibration and the session history. */
  makeTraining: ((config: TreadmillConfig, storage: Storage, log: Log, host: TrainingHost) => Training) | null;
  /**
   * Starts the display host (firmware/display/) on `hal.display` at the end of the boot, when the
   * HAL has a display; the handle stops it (`halt`). Null: the edition draws nothing (its
   * display, if any, stays blank).
   */
  startDisplay: ((hal: TreadmillHal, treadmill: TreadmillConsole, config: TreadmillConfig) => TimerHandle | null) | null;
  /**
   * Makes the console line protocol's commands for settings, history, the suggestion, programs,
   * calibration and the belt distance (firmware/training-console.ts). Null: the edition answers
   * them "not in this edition".
   */
  makeConsoleCommands: ((hal: TreadmillHal, treadmill: TreadmillConsole, config: TreadmillConfig) => ConsoleCommands) | null;
}
