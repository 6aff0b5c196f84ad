// Makes the device bundles in memory: a board's firmware edition and the self-test (used by the build and its tests).

import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FirmwareEdition } from '../hal/espruino/board-profile';
import { BOARD_JSON, BOARD_PROFILES, type BoardName, type DriveName } from './boards';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from './esbuild-options';
import { propertyManglingOptions } from './property-mangling';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

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
 * The firmware for `board` with `drive`, in the board's edition, booting with `machine` (the
 * configuration overrides of the user's machine file, only what it sets; compiled in as a literal).
 * `inclineFitted` false boots the board without its incline (the machine has none): no incline
 * ports are made and its pins are left alone. A small board's edition shortens the names only it
 * uses; names stored, sent or read from the configuration keep theirs
 * (scripts/property-mangling.ts). The full edition keeps every name (its boards have the room).
 */
export async function bundleFirmware(board: BoardName, drive: DriveName, machine: object, inclineFitted: boolean): Promise<{ text: string; edition: FirmwareEdition }> {
  const edition = BOARD_PROFILES[board][drive].edition;
  const profile = drive === 'hbridge' ? 'BOARD_HBRIDGE' : 'BOARD';
  const boot = EDITION_BOOT[edition];
  const boardExpression = inclineFitted ? profile : `Object.assign({}, ${profile}, { incline: undefined })`;
  const entry =
    `import { ${profile} } from './hal/espruino/boards/${board}';\n` +
    `import { bootBoard } from './hal/espruino/boot';\n` +
    `import { ${boot.name} } from '${boot.module}';\n` +
    `bootBoard(${boardExpression}, ${boot.name}, ${JSON.stringify(machine)});\n`;
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
