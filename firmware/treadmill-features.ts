// Which optional parts an edition of the firmware builds into the treadmill (full: all; core: small boards).

import type { Log } from '../hal/log';
import type { Storage } from '../hal/storage';
import type { InclinePorts } from '../hal/treadmill-hal';
import type { TreadmillConfig } from './config';
import type { InclineDriver } from './incline-driver';
import type { Training, TrainingHost } from './training';

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
}
