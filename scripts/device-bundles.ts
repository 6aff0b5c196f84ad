// Makes the device bundles in memory: a board's firmware edition and the self-test (used by the build and its tests).

import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoardProfile, FirmwareEdition } from '../hal/espruino/board-profile';
import { BOARD as ESP32_BOARD, BOARD_HBRIDGE as ESP32_HBRIDGE } from '../hal/espruino/boards/esp32';
import { BOARD as MDBT42Q_BOARD, BOARD_HBRIDGE as MDBT42Q_HBRIDGE } from '../hal/espruino/boards/mdbt42q';
import { BOARD as PICO_BOARD, BOARD_HBRIDGE as PICO_HBRIDGE } from '../hal/espruino/boards/pico';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from './esbuild-options';
import { propertyManglingOptions } from './property-mangling';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export type BoardName = 'pico' | 'mdbt42q' | 'esp32';
export type DriveName = 'mc2100' | 'hbridge';

/** Board name -> the offline board JSON the espruino tool needs for it. */
export const BOARD_JSON: { [board in BoardName]: string } = {
  pico: 'hal/espruino/boards/PICO_R1_3.json',
  mdbt42q: 'hal/espruino/boards/MDBT42Q.json',
  esp32: 'hal/espruino/boards/ESP32.json',
};

/** Board name -> its profiles per drive, as the board files export them. */
export const BOARD_PROFILES: { [board in BoardName]: { [drive in DriveName]: BoardProfile } } = {
  pico: { mc2100: PICO_BOARD, hbridge: PICO_HBRIDGE },
  mdbt42q: { mc2100: MDBT42Q_BOARD, hbridge: MDBT42Q_HBRIDGE },
  esp32: { mc2100: ESP32_BOARD, hbridge: ESP32_HBRIDGE },
};

/** Edition -> the module and function that boot it (the entry imports only that one). */
const EDITION_BOOT: { [edition in FirmwareEdition]: { module: string; name: string } } = {
  full: { module: './firmware/index', name: 'bootTreadmill' },
  compact: { module: './firmware/compact-edition', name: 'bootCompactTreadmill' },
  core: { module: './firmware/core-edition', name: 'bootCoreTreadmill' },
};

/** Bytes of the board's saved-code area (Storage), from its board JSON: pages x page size. */
export function savedCodeBytes(board: BoardName): number {
  const info = JSON.parse(readFileSync(join(ROOT, BOARD_JSON[board]), 'utf8')) as { chip: { saved_code: { page_size: number; pages: number } } };
  return info.chip.saved_code.page_size * info.chip.saved_code.pages;
}

/** Bundle `entryContents` with the device settings (and `extra`); refuses the Espruino traps. */
async function bundle(entryContents: string, name: string, extra: BuildOptions): Promise<string> {
  const result = await build({
    ...ESPRUINO_BUILD_OPTIONS,
    ...DEVICE_MINIFY,
    ...extra,
    stdin: { contents: entryContents, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    write: false,
    outfile: name,
  });
  const text = result.outputFiles[0].text;
  const traps = findEspruinoTraps(text);
  if (traps.length > 0) throw new Error(name + ': ' + traps.join('; '));
  return text;
}

/**
 * The firmware for `board` with `drive`, in the board's edition. A small board's edition shortens
 * the names only it uses; names stored, sent or read from the board's configuration keep theirs
 * (scripts/property-mangling.ts). The full edition keeps every name (its boards have the room).
 */
export async function bundleFirmware(board: BoardName, drive: DriveName): Promise<{ text: string; edition: FirmwareEdition }> {
  const edition = BOARD_PROFILES[board][drive].edition;
  const profile = drive === 'hbridge' ? 'BOARD_HBRIDGE' : 'BOARD';
  const boot = EDITION_BOOT[edition];
  const entry =
    `import { ${profile} } from './hal/espruino/boards/${board}';\n` +
    `import { bootBoard } from './hal/espruino/boot';\n` +
    `import { ${boot.name} } from '${boot.module}';\n` +
    `bootBoard(${profile}, ${boot.name});\n`;
  const text = await bundle(entry, 'firmware.js', edition === 'full' ? {} : propertyManglingOptions(ROOT, true));
  return { text: text, edition: edition };
}

/**
 * The self-test bundle (before its loader, scripts/selftest-loader.ts). Nothing in it leaves it
 * (no stored records, no remote link), so every bundle-only name is shortened; no wrapper
 * function, because Espruino charges each function for every scope around it.
 */
export async function bundleSelftest(): Promise<string> {
  return bundle(`import './sim/selftest/main';\n`, 'selftest.js', { ...propertyManglingOptions(ROOT, false), format: 'esm' });
}
