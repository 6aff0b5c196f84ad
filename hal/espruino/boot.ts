// The device composition root: board profile and firmware edition in, running treadmill out.

import type { TreadmillHal } from '../treadmill-hal';
import type { BoardProfile } from './board-profile';
import { makeEspruinoHal } from './make-hal';

/** An edition's boot function (firmware/index.ts, firmware/compact-edition.ts): HAL and overrides in. */
export type BootFirmware = (hal: TreadmillHal, overrides: object) => unknown;

/**
 * Boot the firmware on the device: the HAL first (every output safe before anything else), then
 * the board's firmware edition with the defaults of the board's drive. Called once at top level
 * from the entry the build generates (scripts/build.ts), which is stored on the board as `.bootcde`.
 * The edition is passed in, not imported here, so that a small board's bundle holds only its own.
 *
 * A throw (bad pin name, unwatchable input, invalid configuration) leaves the outputs at their
 * safe values and the message on the console; the treadmill does not start.
 */
export function bootBoard(board: BoardProfile, bootFirmware: BootFirmware): void {
  const hal = makeEspruinoHal(board);
  // The board knows its drive; the firmware picks that drive's defaults (firmware/config.ts).
  bootFirmware(hal, { drive: board.motor.kind });
}
