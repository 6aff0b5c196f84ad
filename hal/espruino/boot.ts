// The device composition root: board profile and firmware edition in, running treadmill out.

import type { TreadmillConfig } from '../../firmware/config';
import type { TreadmillHal } from '../treadmill-hal';
import type { BoardProfile } from './board-profile';
import { makeEspruinoHal } from './make-hal';

/** An edition's boot function (firmware/index.ts, firmware/compact-edition.ts): HAL, overrides and machine description in. */
export type BootFirmware = (hal: TreadmillHal, overrides: object, machine: object) => unknown;

/**
 * Boot the firmware on the device: the HAL first (every output safe before anything else), then
 * the board's firmware edition with the defaults of the board's drive and `machine`, the
 * configuration the user's machine file gives (only what the file sets: belt distance, incline
 * scale, caps, duty map; scripts/machine-description.ts). Called once at top level from the entry
 * the build generates (scripts/device-bundles.ts), which is stored on the board as `.bootcde`.
 * The edition is passed in, not imported here, so that a small board's bundle holds only its own.
 *
 * A throw (bad pin name, unwatchable input, invalid configuration) leaves the outputs at their
 * safe values and the message on the console; the treadmill does not start.
 */
export function bootBoard(board: BoardProfile, bootFirmware: BootFirmware, machine: object): void {
  const hal = makeEspruinoHal(board);
  // The board knows its drive; the firmware picks that drive's defaults (firmware/config.ts).
  bootFirmware(hal, { drive: board.motor.kind }, machine);
}

/** A preset edition's boot function (firmware/core-edition.ts, bootPresetTreadmill): HAL and a resolved configuration in. */
export type BootPresetFirmware = (hal: TreadmillHal, config: TreadmillConfig) => unknown;

/**
 * Boot a preset edition: the HAL first (every output safe before anything else), then the
 * edition with `config`, which the build resolved from the defaults, the board's drive and the
 * machine file and checked as the board would (scripts/device-bundles.ts). Failures as `bootBoard`.
 */
export function bootPresetBoard(board: BoardProfile, bootFirmware: BootPresetFirmware, config: TreadmillConfig): void {
  const hal = makeEspruinoHal(board);
  bootFirmware(hal, config);
}
