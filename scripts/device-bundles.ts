// Makes the device bundles in memory: a board's firmware edition and the self-test (used by the build and its tests).

import { build, transform, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DisplayKind, DisplayProfile, FirmwareEdition } from '../hal/espruino/board-profile';
import { BOARD_JSON, BOARD_PROFILES, type BoardName, type DriveName } from './boards';
import { resolveConfig } from '../firmware/config-overrides';
import { deviceConfigOverrides } from '../hal/espruino/boot';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from './esbuild-options';
import { inlineConstants } from './inline-constants';
import { inlineFunctions } from './inline-functions';
import { branchesAsBlocks } from './branches-as-blocks';
import { PRETOKEN_NAMES, propertyManglingOptions } from './property-mangling';
import { orderTickPathFirst, TICK_PATH_NAMES } from './tick-path-order';
import { findGlobalCollisions, findPretokenKeywordNames, platformGlobalNames } from './top-level-names';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Edition -> the module and function that boot it (the entry imports only that one). `preset`:
 * the edition boots on a configuration the build resolves and validates (firmware/core-edition.ts,
 * bootPresetTreadmill), because it reads no stored settings; the full edition merges the stored
 * settings and calibration at boot, so it resolves its configuration on the board.
 */
const EDITION_BOOT: { [edition in FirmwareEdition]: { module: string; name: string; preset: boolean } } = {
  full: { module: './firmware/index', name: 'bootTreadmill', preset: false },
  compact: { module: './firmware/compact-edition', name: 'bootCompactPreset', preset: true },
  core: { module: './firmware/core-edition', name: 'bootCorePreset', preset: true },
};

/** Display kind -> the driver module and its maker (hal/espruino/make-hal.ts, DisplayMaker) that the entry imports. */
const DISPLAY_DRIVERS: { [kind in DisplayKind]: { module: string; name: string } } = {
  'hd44780-pcf8574': { module: './hal/espruino/hd44780-display', name: 'makeHd44780Display' },
  ssd1306: { module: './hal/espruino/ssd1306-display', name: 'makeSsd1306Display' },
};

/** Bytes of the board's saved-code area (Storage), from its board JSON: pages x page size. */
export function savedCodeBytes(board: BoardName): number {
  const info = JSON.parse(readFileSync(join(ROOT, BOARD_JSON[board]), 'utf8')) as { chip: { saved_code: { page_size: number; pages: number } } };
  return info.chip.saved_code.page_size * info.chip.saved_code.pages;
}

/**
 * Bundle `entryContents` with the device settings (and `extra`); refuses the Espruino traps, and
 * with `atTopLevel` (a bundle the board evaluates as its program, `.bootcde`) any top-level name
 * that would replace an interpreter global; `fullEdition`: the bundle must declare every name of
 * the tick path (scripts/tick-path-order.ts).
 */
async function bundle(entryContents: string, name: string, extra: BuildOptions, atTopLevel: boolean, fullEdition = false): Promise<string> {
  // With `atTopLevel`, bundled first with the sources' names, so that the control tick's
  // functions can be put first among the globals (scripts/tick-path-order.ts) and the
  // one-expression functions written into their calls (scripts/inline-functions.ts), then shortened.
  const result = await build({
    ...ESPRUINO_BUILD_OPTIONS,
    ...DEVICE_MINIFY,
    ...extra,
    minifyIdentifiers: atTopLevel ? false : DEVICE_MINIFY.minifyIdentifiers,
    stdin: { contents: entryContents, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    write: false,
    outfile: name,
  });
  let bundled = result.outputFiles[0].text;
  if (atTopLevel) {
    const ordered = orderTickPathFirst(bundled, TICK_PATH_NAMES);
    if (fullEdition && ordered.missing.length > 0) throw new Error(name + ': the tick path names ' + ordered.missing.join(', ') + ' are declared nowhere at top level (renamed? update scripts/tick-path-order.ts)');
    // One-expression functions written into their calls (scripts/inline-functions.ts).
    const inlined = inlineFunctions(ordered.text).text;
    // Branches the minifier folded into expressions given their blocks back (scripts/branches-as-blocks.ts):
    // the full edition's tick 3.20 M to 3.08 M instructions on the Jolt.js, the Pico's 3.02 M to 2.90 M.
    const blocked = branchesAsBlocks(inlined).text;
    // Shortened with the interpreter's globals held back (see reserveGlobals): a name esbuild makes
    // up must never be one the interpreter defines, or the bundle would replace it at top level.
    const reserving = reserveGlobals(blocked);
    bundled = releaseGlobals((await transform(reserving, { format: 'esm', target: ESPRUINO_BUILD_OPTIONS.target, charset: 'ascii', minifyWhitespace: true, minifyIdentifiers: DEVICE_MINIFY.minifyIdentifiers, supported: ESPRUINO_BUILD_OPTIONS.supported })).code);
  }
  // Top-level constants written into their reads (scripts/inline-constants.ts): every bundle here is a module.
  const text = inlineConstants(bundled, 'module');
  const traps = findEspruinoTraps(text);
  if (atTopLevel) findGlobalCollisions(text, platformGlobalNames(ROOT)).forEach((problem) => traps.push(problem));
  findPretokenKeywordNames(text).forEach((problem) => traps.push(problem));
  if (traps.length > 0) throw new Error(name + ': ' + traps.join('; '));
  return text;
}

/** An unbound name no bundle uses: the call that holds the interpreter's globals back while names are shortened. */
const RESERVE_CALL = '__retrotreadReserve';

/**
 * `code` with one call at its end naming every short global of the interpreter (the platform's
 * declarations of up to four characters, and every pin-like name: A0-H99, LED, BTN). Why:
 * esbuild keeps its shortened names clear of the globals the code names, and of no others; a
 * bundle that needs none of `fs`, `E1` or `B4` may be given them, and at top level its
 * declaration would replace the interpreter's (found with the display and FTMS in one bundle:
 * a helper named `fs`). `releaseGlobals` takes the call out again after shortening.
 */
function reserveGlobals(code: string): string {
  // Only names as short as esbuild's own (it makes up names of one to three characters here); and
  // never `module`, `exports` or `require`, whose mention makes esbuild wrap the code as CommonJS.
  const names = Array.from(platformGlobalNames(ROOT)).filter((name) => /^[A-Za-z_$][\w$]{0,3}$/.test(name));
  // And the pretokenised keywords JavaScript lets a variable be named (PRETOKEN_NAMES).
  PRETOKEN_NAMES.forEach((name) => names.push(name));
  'ABCDEFGH'.split('').forEach((letter) => {
    for (let number = 0; number < 100; number++) names.push(letter + number);
  });
  names.push('LED', 'BTN');
  for (let number = 0; number < 10; number++) names.push('LED' + number, 'BTN' + number);
  return code + '\n' + RESERVE_CALL + '(' + names.join(',') + ');\n';
}

/** `code` without the call `reserveGlobals` added (its last statement). */
function releaseGlobals(code: string): string {
  const start = code.lastIndexOf(RESERVE_CALL + '(');
  if (start < 0) throw new Error('the reserved globals call is missing after shortening');
  return code.slice(0, start) + code.slice(code.indexOf(');', start) + 2);
}

/**
 * The firmware for `board` with `drive`, in the board's edition, booting with `machine` (the
 * configuration overrides of the user's machine file, only what it sets; compiled in as a literal).
 * `inclineFitted` false boots the board without its incline (the machine has none): no incline
 * ports are made and its pins are left alone. `display` (scripts/machine-description.ts,
 * displayOn): the entry imports that display's driver and hands it to the HAL; null imports none.
 * Every edition shortens the names only it uses;
 * names stored, sent, typed at the console or read from the configuration keep theirs
 * (scripts/property-mangling.ts).
 */
export async function bundleFirmware(board: BoardName, drive: DriveName, machine: object, inclineFitted: boolean, display: DisplayProfile | null = null): Promise<{ text: string; edition: FirmwareEdition }> {
  const edition = BOARD_PROFILES[board][drive].edition;
  const profile = BOARD_PROFILES[board][drive];
  const boot = EDITION_BOOT[edition];
  // The board profile goes in as a plain literal, not as its module's constant: a top-level
  // constant would keep all of it alive for good, while the literal's parts that the ports do not
  // keep are freed after boot (and the board module's helpers stay out of the bundle).
  // The board's spare I2C pins go in only as the display's (displayI2c is the build's to read).
  const boardExpression = objectLiteral(Object.assign({}, profile, { incline: inclineFitted ? profile.incline : undefined, displayI2c: undefined, display: display !== null ? display : undefined }));
  const driver = display !== null ? DISPLAY_DRIVERS[display.kind] : null;
  const displayArgument = driver !== null ? ', ' + driver.name : '';
  // A preset edition's configuration, resolved and checked here exactly as the board would
  // (a bad machine file fails the build, naming the field); the board then holds neither the
  // defaults nor the checker (about 400 interpreter variables on a Pico, measured).
  // A Bluetooth board's full edition serves FTMS: only its entry imports the link (the FTMS host
  // comes with the full edition's firmware/index.ts), so no other bundle holds either.
  const ftms = !boot.preset && profile.bluetooth === true;
  const bootCall = boot.preset
    ? `bootPresetBoard(${boardExpression}, ${boot.name}, ${JSON.stringify(resolveConfig(deviceConfigOverrides(profile), machine))}${displayArgument});\n`
    : `bootBoard(${boardExpression}, ${boot.name}, ${JSON.stringify(machine)}${displayArgument}${ftms ? (driver !== null ? '' : ', undefined') + ', makeEspruinoFtmsLink' : ''});\n`;
  const entry =
    `import { ${boot.preset ? 'bootPresetBoard' : 'bootBoard'} } from './hal/espruino/boot';\n` +
    `import { ${boot.name} } from '${boot.module}';\n` +
    (driver !== null ? `import { ${driver.name} } from '${driver.module}';\n` : '') +
    (ftms ? `import { makeEspruinoFtmsLink } from './hal/espruino/espruino-ftms-link';\n` : '') +
    bootCall;
  // Top level, no wrapping function (see scripts/top-level-names.ts for why and its guard). Every
  // edition shortens its own names: on the interpreter a name is looked up by comparing it with
  // each property in turn and lexed a character at a time, so long names cost every tick (the
  // full edition's tick took 10 % fewer instructions shortened, measured on the Jolt.js).
  const options: BuildOptions = propertyManglingOptions(ROOT, true);
  options.format = 'esm';
  const text = await bundle(entry, 'firmware.js', options, true, edition === 'full');
  return { text: text, edition: edition };
}

/**
 * `value` as JavaScript source with bare property names (JSON's quoted keys would keep their
 * names, while the bundler shortens the names the code reads: a small board's bundle must see
 * the same names in both). Undefined properties are left out, as JSON.stringify does.
 */
export function objectLiteral(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map((item) => objectLiteral(item)).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .filter((key) => (value as { [key: string]: unknown })[key] !== undefined)
      .map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)) + ':' + objectLiteral((value as { [key: string]: unknown })[key]));
    return '{' + entries.join(',') + '}';
  }
  return JSON.stringify(value);
}

/**
 * The self-test bundle (before its loader, scripts/selftest-loader.ts). Nothing in it leaves it
 * (no stored records, no remote link), so every bundle-only name is shortened; no wrapper
 * function, because Espruino charges each function for every scope around it.
 */
export async function bundleSelftest(): Promise<string> {
  // Its loader evaluates it inside a function, not as the board's top-level program, and it uses
  // none of the interpreter's globals that it could shadow there.
  return bundle(`import './sim/selftest/main';\n`, 'selftest.js', { ...propertyManglingOptions(ROOT, false), format: 'esm' }, false);
}
