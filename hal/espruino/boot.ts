// The device composition root: board profile in, running treadmill out.

import { bootTreadmill } from '../../firmware/index';
import type { BoardProfile } from './board-profile';
import { makeEspruinoHal } from './make-hal';

/**
 * Boot the firmware on the device: the HAL first (every output safe before anything else), then
 * the firmware with its default configuration. Called once at top level from a board entry file
 * (hal/espruino/entry/*.ts), which the build bundles into the code stored as `.bootcde`.
 *
 * A throw (bad pin name, unwatchable input, invalid configuration) leaves the outputs at their
 * safe values and the message on the console; the treadmill does not start.
 */
export function boot(board: BoardProfile): void {
  const hal = makeEspruinoHal(board);
  bootTreadmill(hal, {});
}
