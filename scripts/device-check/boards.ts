// Per board: which Linux interpreter stands for it, its CPU for the tick conversion, and the firmware and configuration it gets.

import { deviceConfigOverrides } from '../../hal/espruino/boot';
import type { BoardProfile } from '../../hal/espruino/board-profile';
import { resolveConfig } from '../../firmware/config-overrides';
import type { TreadmillConfig } from '../../firmware/config';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOARD_PROFILES, type BoardName, type DriveName } from '../boards';
import { ROOT } from '../device-bundles';
import { buildFirmware } from '../firmware-build';
import { machineConfigOverrides, readMachineFile, type MachineDescription } from '../machine-description';

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

function checkedMachine(): MachineDescription {
  return readMachineFile(join(ROOT, CHECK_MACHINE_FILE));
}

/**
 * The firmware for `board`, made by the one build `npm run flash` runs (scripts/firmware-build.ts)
 * with the board named on its command line over machine.json, and the check's drive.
 */
export async function firmwareFor(board: string): Promise<{ text: string; edition: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'retrotread-check-'));
  try {
    const build = await buildFirmware({ board: board as BoardName, drive: CHECK_DRIVE, machine: checkedMachine(), machinePath: CHECK_MACHINE_FILE, outputDirectory: folder });
    return { text: readFileSync(build.firmwarePath, 'utf8'), edition: build.edition };
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
