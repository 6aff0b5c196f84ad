// The device composition root: board profile in, running treadmill out.

import { bootTreadmill } from '../../firmware/index';
import type { BoardProfile } from './board-profile';
import { makeEspruinoHal } from './make-hal';

/**
 * Boot the firmware on the device: the HAL first (every output safe before anything else), then
 * the firmware with the defaults of the board's drive. Called once at top level from the entry
 * the build generates (scripts/build.ts), which is stored on the board as `.bootcde`.
 *
 * A throw (bad pin name, unwatchable input, invalid configuration) leaves the outputs at their
 * safe values and the message on the console; the treadmill does not start.
 */
export function boot(board: BoardProfile): void {
  const hal = makeEspruinoHal(board);
  // The board knows its drive; the firmware picks that drive's defaults (firmware/config.ts).
  bootTreadmill(hal, { drive: board.motor.kind });
}
