// Per board: which Linux interpreter stands for it, its CPU for the tick conversion, and the firmware and configuration it gets.

import { deviceConfigOverrides } from '../../hal/espruino/boot';
import type { BoardProfile } from '../../hal/espruino/board-profile';
import { resolveConfig } from '../../firmware/config-overrides';
import type { TreadmillConfig } from '../../firmware/config';
import { BOARD_PROFILES, bundleFirmware, type BoardName } from '../device-bundles';

/** The interpreter that writes Storage (grows its memory on demand; 64-bit: never used to measure). */
export const LOADER_INTERPRETER = 'espruino';
/** The interpreter the tick is counted on (-Os, pins as memory stores, flash mapped as on a board). */
export const TIMING_INTERPRETER = 'espruino_timing32';

/** How one board is measured: its 32-bit interpreter (the board's variable count) and its CPU. */
export interface BoardMachine {
  /** File name of the interpreter built with the board's variable count (../shared/espruino-linux/). */
  interpreter: string;
  cpu: string;
  clockMhz: number;
  /**
   * Board CPU cycles per x86 instruction counted on espruino_timing32: about 1.0 for the Pico
   * (a published Pico timing against the Linux build), about 1.3 for nRF52 (slower flash), about
   * 1.5 for the ESP32 (code through a flash cache). Estimates; ../shared/espruino-linux/README.md.
   */
  cyclesPerInstruction: number;
}

/** Board name (as scripts/device-bundles.ts lists them) -> how it is measured. */
export const BOARD_MACHINES: { [board: string]: BoardMachine } = {
  pico: { interpreter: 'espruino_pico32', cpu: 'STM32F401', clockMhz: 84, cyclesPerInstruction: 1.0 },
  mdbt42q: { interpreter: 'espruino_mdbt32', cpu: 'nRF52832', clockMhz: 64, cyclesPerInstruction: 1.3 },
  jolt: { interpreter: 'espruino_jolt32', cpu: 'nRF52840', clockMhz: 64, cyclesPerInstruction: 1.3 },
  esp32: { interpreter: 'espruino_esp32_32', cpu: 'ESP32', clockMhz: 240, cyclesPerInstruction: 1.5 },
};

/** The boards the build supports, in the order scripts/device-bundles.ts lists them. */
export function supportedBoards(): string[] {
  return Object.keys(BOARD_PROFILES);
}

/** The drive the device check runs each board with (the build's default). */
export const CHECK_DRIVE = 'mc2100';

/** The board profile the check runs (the build's default drive). */
export function checkedProfile(board: string): BoardProfile {
  return BOARD_PROFILES[board as BoardName][CHECK_DRIVE];
}

/**
 * The firmware bundle for `board`, made as the build makes it. One place, so that a change of the
 * build's options (board, drive, machine) changes only this function.
 */
export async function firmwareFor(board: string): Promise<{ text: string; edition: string }> {
  return bundleFirmware(board as BoardName, CHECK_DRIVE);
}

/**
 * The configuration the firmware runs with on `board`: the defaults with the overrides the device
 * boot passes (hal/espruino/boot.ts). The control period, the duty map and the encoder's metres
 * per pulse come from here. Stored settings are not applied (a fresh board has none).
 */
export function boardConfig(board: string): TreadmillConfig {
  return resolveConfig(deviceConfigOverrides(checkedProfile(board)));
}

/** Board time of `instructions` x86 instructions, ms. */
export function boardMilliseconds(instructions: number, machine: BoardMachine): number {
  return (instructions * machine.cyclesPerInstruction) / (machine.clockMhz * 1000);
}
