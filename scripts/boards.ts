// The boards and drives the build supports (name -> profiles and offline board JSON), and the boards it dropped and why.

import type { BoardProfile } from '../hal/espruino/board-profile';
import { BOARD as ESP32_BOARD, BOARD_HBRIDGE as ESP32_HBRIDGE } from '../hal/espruino/boards/esp32';
import { BOARD as JOLT_BOARD, BOARD_HBRIDGE as JOLT_HBRIDGE } from '../hal/espruino/boards/jolt';
import { BOARD as PICO_BOARD, BOARD_HBRIDGE as PICO_HBRIDGE } from '../hal/espruino/boards/pico';

export type BoardName = 'esp32' | 'jolt' | 'pico';
export type DriveName = 'mc2100' | 'hbridge';

/** Supported boards, the default first. */
export const BOARD_NAMES: BoardName[] = ['esp32', 'jolt', 'pico'];
export const DRIVE_NAMES: DriveName[] = ['mc2100', 'hbridge'];

/** The board and drive a build gets when neither the command line nor the machine file names one. */
export const DEFAULT_BOARD: BoardName = 'esp32';
export const DEFAULT_DRIVE: DriveName = 'mc2100';

/** Board name -> the offline board JSON the espruino tool needs for it. */
export const BOARD_JSON: { [board in BoardName]: string } = {
  esp32: 'hal/espruino/boards/ESP32.json',
  jolt: 'hal/espruino/boards/JOLTJS.json',
  pico: 'hal/espruino/boards/PICO_R1_3.json',
};

/** Board name -> its profiles per drive, as the board files export them. */
export const BOARD_PROFILES: { [board in BoardName]: { [drive in DriveName]: BoardProfile } } = {
  esp32: { mc2100: ESP32_BOARD, hbridge: ESP32_HBRIDGE },
  jolt: { mc2100: JOLT_BOARD, hbridge: JOLT_HBRIDGE },
  pico: { mc2100: PICO_BOARD, hbridge: PICO_HBRIDGE },
};

/**
 * Boards the build makes firmware for (to measure and develop it) but that `npm run flash` refuses,
 * each with its reason: measured on the real interpreter, their firmware does not keep its control
 * tick or memory budget, so no person may stand on a belt they drive (README, "Real boards").
 * None today: the Jolt.js was listed until its full edition's tick came down from 3.13 M x86
 * instructions (26.5 % of its 240 ms period) to 2.88 M (24.5 %) against the 25 % budget.
 */
export const UNFIT_BOARDS: { [name: string]: string } = {};

/** Why `board` must not be flashed to a treadmill (an entry of `unfitBoards`), or null when it may. */
export function unfitReason(board: string, unfitBoards: { [name: string]: string } = UNFIT_BOARDS): string | null {
  return Object.prototype.hasOwnProperty.call(unfitBoards, board) ? unfitBoards[board] : null;
}

/**
 * Boards the build no longer makes firmware for, with the reason a user asking for one is given.
 * Why the MDBT42Q went: measured on a 32-bit Espruino 2v29 built for Linux, the smallest edition
 * (the core) uses 4122-4365 variables just after boot, and the MDBT42Q has 2950.
 */
export const DROPPED_BOARDS: { [name: string]: string } = {
  mdbt42q:
    'the MDBT42Q is no longer supported: with its 2950 variables it cannot boot the firmware (even the smallest edition needs about 4100-4400 just after boot, measured on Espruino 2v29); see README.md, "Dropped boards"',
};

export function isBoardName(name: string): name is BoardName {
  return (BOARD_NAMES as string[]).indexOf(name) >= 0;
}

export function isDriveName(name: string): name is DriveName {
  return (DRIVE_NAMES as string[]).indexOf(name) >= 0;
}

/** Why `name` is no board of the build: dropped (and why), or unknown (and the choices). */
export function unknownBoardMessage(name: string): string {
  const dropped = DROPPED_BOARDS[name.toLowerCase()];
  if (dropped !== undefined) return dropped;
  return 'unknown board "' + name + '"; choose one of ' + BOARD_NAMES.join(', ');
}

/** Why `name` is no drive of the build, with the choices. */
export function unknownDriveMessage(name: string): string {
  return 'unknown drive "' + name + '"; choose one of ' + DRIVE_NAMES.join(', ');
}
