// The firmware's entry point for composition roots (device boot, simulator, tests).

import type { TreadmillHal } from '../hal/treadmill-hal';
import { resolveConfig } from './config-overrides';
import { Treadmill } from './treadmill';

export { Treadmill } from './treadmill';
export type { Command, CommandName, CommandResult, CommandSource, Direction } from './command';
export type { TreadmillStatus } from './treadmill-status';
export type { TreadmillConfig } from './config';
export { DEFAULT_CONFIG, HARD_CAPS } from './config';
export { resolveConfig } from './config-overrides';

/**
 * Make and boot the firmware: validate `overrides` over the defaults (throws an Error naming the
 * bad setting, before any output is touched), build the treadmill (outputs safe first), start it.
 */
export function bootTreadmill(hal: TreadmillHal, overrides: object): Treadmill {
  const config = resolveConfig(overrides);
  const treadmill = new Treadmill(hal, config);
  treadmill.boot();
  return treadmill;
}
