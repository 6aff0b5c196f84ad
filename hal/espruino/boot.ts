// The device composition root: board profile and firmware edition in, running treadmill out.

import type { TreadmillConfig } from '../../firmware/config';
import type { TreadmillConsole } from '../../firmware/treadmill-console';
import type { TreadmillHal } from '../treadmill-hal';
import type { BoardProfile } from './board-profile';
import { makeEspruinoHal, type DisplayMaker, type FtmsLinkMaker } from './make-hal';

/** An edition's boot function (firmware/index.ts, firmware/compact-edition.ts): HAL, overrides and machine description in. */
export type BootFirmware = (hal: TreadmillHal, overrides: object, machine: object) => unknown;

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
  // The board knows its drive (the firmware picks that drive's defaults, firmware/config.ts) and
  // the control period its interpreter can keep (hal/espruino/boards/board-timing.ts).
  return { drive: board.motor.kind, controlPeriodMs: board.controlPeriodMs };
}

/**
 * The global function of the console's line protocol (firmware/console-protocol.ts): a host sends
 * `\x10rt("<one JSON request, as a JavaScript string>")` and a newline, and reads back the one line
 * of JSON it prints. Why through the REPL: the console stays Espruino's own, so flashing and the
 * Web IDE keep working, and \x10 turns the REPL's echo off for that line (the tools' own way).
 */
export const CONSOLE_REQUEST = 'rt';

/** Keep the booted treadmill reachable from the console (see CONSOLE_HANDLE, CONSOLE_REQUEST). */
function keepConsoleHandle(booted: unknown): void {
  // Assigned by name, as the globals declared in espruino-globals.d.ts (why there), not through
  // `global[CONSOLE_HANDLE]`: the names are CONSOLE_HANDLE and CONSOLE_REQUEST.
  treadmill = booted;
  const handle = booted as TreadmillConsole;
  rt = (line: unknown) => {
    console.log(handle.reply(line));
  };
}

/**
 * Boot the firmware on the device: the HAL first (every output safe before anything else), then
 * the board's firmware edition with the defaults of the board's drive and `machine`, the
 * configuration the user's machine file gives (only what the file sets: belt distance, incline
 * scale, caps, duty map; scripts/machine-description.ts). Called once at top level from the entry
 * the build generates (scripts/device-bundles.ts), which is stored on the board as `.bootcde`.
 * The edition is passed in, not imported here, so that a small board's bundle holds only its own.
 * The booted treadmill is kept as the console handle (CONSOLE_HANDLE). `makeDisplay`: the
 * display driver, when the machine has a display (the entry imports only that one).
 * `makeFtmsLink`: the Bluetooth FTMS link, for a Bluetooth board (the entry imports it only for those).
 *
 * A throw (bad pin name, unwatchable input, invalid configuration) leaves the outputs at their
 * safe values and the message on the console; the treadmill does not start.
 */
export function bootBoard(board: BoardProfile, bootFirmware: BootFirmware, machine: object, makeDisplay?: DisplayMaker, makeFtmsLink?: FtmsLinkMaker): void {
  const hal = makeEspruinoHal(board, makeDisplay, makeFtmsLink);
  keepConsoleHandle(bootFirmware(hal, deviceConfigOverrides(board), machine));
}

/** A preset edition's boot function (firmware/core-edition.ts, bootPresetTreadmill): HAL and a resolved configuration in. */
export type BootPresetFirmware = (hal: TreadmillHal, config: TreadmillConfig) => unknown;

/**
 * Boot a preset edition: the HAL first (every output safe before anything else), then the
 * edition with `config`, which the build resolved from the defaults, the board's drive and the
 * machine file and checked as the board would (scripts/device-bundles.ts). Failures and
 * `makeDisplay` as `bootBoard`.
 */
export function bootPresetBoard(board: BoardProfile, bootFirmware: BootPresetFirmware, config: TreadmillConfig, makeDisplay?: DisplayMaker): void {
  const hal = makeEspruinoHal(board, makeDisplay);
  keepConsoleHandle(bootFirmware(hal, config));
}
