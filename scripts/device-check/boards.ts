// Per board: which Linux interpreter stands for it, its CPU for the tick conversion, and the firmware and configuration it gets.

import { deviceConfigOverrides } from '../../hal/espruino/boot';
import type { BoardProfile, DisplayProfile } from '../../hal/espruino/board-profile';
import { resolveConfig } from '../../firmware/config-overrides';
import type { TreadmillConfig } from '../../firmware/config';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOARD_PROFILES, type BoardName, type DriveName } from '../boards';
import { ROOT } from '../device-bundles';
import { buildFirmware } from '../firmware-build';
import { displayOn, machineConfigOverrides, readMachineFile, type MachineDescription, type MachineDisplay } from '../machine-description';

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
  jolt: { interpreter: 'espruino_jolt32', cpu: 'nRF52840', clockMhz: 64, cyclesPerInstruction: 1.3 },
  esp32: { interpreter: 'espruino_esp32_32', cpu: 'ESP32', clockMhz: 240, cyclesPerInstruction: 1.5 },
};

/** The boards the build supports, in the order scripts/device-bundles.ts lists them. */
export function supportedBoards(): string[] {
  return Object.keys(BOARD_PROFILES);
}

/** The drive the device check runs each board with (the build's default). */
export const CHECK_DRIVE: DriveName = 'mc2100';

/** The board profile the check runs (the build's default drive). */
export function checkedProfile(board: string): BoardProfile {
  return BOARD_PROFILES[board as BoardName][CHECK_DRIVE];
}

/** The machine file the check builds with: the project's own (machine.json), as `npm run flash` does by default. */
export const CHECK_MACHINE_FILE = 'machine.json';

/**
 * The display the check fits on a board that can have one, when machine.json names none: the
 * 20x4 LCD, the largest character screen, so that its redraws and its memory are in the figures
 * (the harness fakes its I2C bus).
 */
export const CHECK_DISPLAY: MachineDisplay = { kind: 'hd44780-pcf8574', columns: 20, rows: 4, address: 0x27 };

/** The display `board` gets in the check: machine.json's, or CHECK_DISPLAY where the board's edition draws one and it has the pins. */
function checkedDisplay(machine: MachineDescription, board: string): DisplayProfile | null {
  const withDisplay = Object.assign({}, machine, { display: machine.display !== null ? machine.display : CHECK_DISPLAY });
  try {
    return displayOn(withDisplay, board as BoardName, CHECK_DRIVE);
  } catch (_noDisplay) {
    return displayOn(machine, board as BoardName, CHECK_DRIVE);
  }
}

function checkedMachine(board?: string): MachineDescription {
  const machine = readMachineFile(join(ROOT, CHECK_MACHINE_FILE));
  if (board === undefined) return machine;
  const display = checkedDisplay(machine, board);
  return Object.assign({}, machine, { display: display !== null ? { kind: display.kind, columns: display.columns, rows: display.rows, address: display.address } : null });
}

/**
 * The firmware for `board`, made by the one build `npm run flash` runs (scripts/firmware-build.ts)
 * with the board named on its command line over machine.json (and CHECK_DISPLAY where the board
 * can have a display), and the check's drive.
 */
export async function firmwareFor(board: string): Promise<{ text: string; edition: string; display: DisplayProfile | null }> {
  const folder = mkdtempSync(join(tmpdir(), 'retrotread-check-'));
  try {
    const machine = checkedMachine(board);
    const build = await buildFirmware({ board: board as BoardName, drive: CHECK_DRIVE, machine, machinePath: CHECK_MACHINE_FILE, outputDirectory: folder });
    return { text: readFileSync(build.firmwarePath, 'utf8'), edition: build.edition, display: displayOn(machine, board as BoardName, CHECK_DRIVE) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The configuration the firmware runs with on `board`: the defaults with the overrides the device
 * boot passes (hal/espruino/boot.ts). The control period, the duty map and the encoder's metres
 * per pulse come from here. Stored settings are not applied (a fresh board has none).
 */
export function boardConfig(board: string): TreadmillConfig {
  return resolveConfig(deviceConfigOverrides(checkedProfile(board)), machineConfigOverrides(checkedMachine()));
}

/** Board time of `instructions` x86 instructions, ms. */
export function boardMilliseconds(instructions: number, machine: BoardMachine): number {
  return (instructions * machine.cyclesPerInstruction) / (machine.clockMhz * 1000);
}
