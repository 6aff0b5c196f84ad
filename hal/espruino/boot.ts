// The device composition root: board profile and firmware edition in, running treadmill out.

import type { TreadmillHal } from '../treadmill-hal';
import type { BoardProfile } from './board-profile';
import { makeEspruinoHal } from './make-hal';

/** An edition's boot function (firmware/index.ts, firmware/compact-edition.ts): HAL and overrides in. */
export type BootFirmware = (hal: TreadmillHal, overrides: object) => unknown;

/**
 * The global name under which the booted treadmill stays reachable from the Espruino console:
 * `treadmill.status()`, `treadmill.command({name: 'startProgram', program: 'intervals', source:
 * 'local'})`. The device check (scripts/check-device.ts) starts a program through it.
 *
 * Why a global is no new exposure: whoever has the console already has the whole interpreter
 * (`analogWrite` on the motor pin included), and the commands still go through the safety table.
 * On Bluetooth boards the console is reachable over the air: lock it on a machine in use
 * (Espruino's `E.setPassword`). It costs the global's name; the treadmill itself is already kept
 * alive by its control interval.
 */
export const CONSOLE_HANDLE = 'treadmill';

/**
 * The configuration overrides the device boot passes to the firmware for `board` (over the
 * defaults, firmware/config.ts). The device check reads the control period and the duty map
 * through the same function, so it measures the configuration the board really runs.
 */
export function deviceConfigOverrides(board: BoardProfile): object {
  // The board knows its drive; the firmware picks that drive's defaults (firmware/config.ts).
  return { drive: board.motor.kind };
}

/**
 * Boot the firmware on the device: the HAL first (every output safe before anything else), then
 * the board's firmware edition with the board's overrides. Called once at top level from the
 * entry the build generates (scripts/device-bundles.ts), which is stored on the board as
 * `.bootcde`. The edition is passed in, not imported here, so that a small board's bundle holds
 * only its own. The booted treadmill is kept as the console handle (CONSOLE_HANDLE).
 *
 * A throw (bad pin name, unwatchable input, invalid configuration) leaves the outputs at their
 * safe values and the message on the console; the treadmill does not start.
 */
export function bootBoard(board: BoardProfile, bootFirmware: BootFirmware): void {
  const hal = makeEspruinoHal(board);
  const treadmill = bootFirmware(hal, deviceConfigOverrides(board));
  (global as unknown as { [name: string]: unknown })[CONSOLE_HANDLE] = treadmill;
}
