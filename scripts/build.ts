// Builds dist/firmware.js (device, default board, its edition) and dist/selftest.js (core firmware + simulator + checks).

import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from './esbuild-options';
import { propertyManglingOptions } from './property-mangling';
import { makeSelftestLoader } from './selftest-loader';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Board name -> the offline board JSON the espruino tool needs for it. */
const BOARD_JSON: { [board: string]: string } = {
  pico: 'hal/espruino/boards/PICO_R1_3.json',
  mdbt42q: 'hal/espruino/boards/MDBT42Q.json',
  esp32: 'hal/espruino/boards/ESP32.json',
};

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The project's espruino job settings (.espruinorc, JSON). */
function readJob(): { board?: string; [key: string]: unknown } {
  return JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8'));
}

/** Bytes of the board's saved-code area (Storage), from its board JSON: pages x page size. */
function savedCodeBytes(board: string): number {
  const info = JSON.parse(readFileSync(join(ROOT, BOARD_JSON[board]), 'utf8')) as { chip: { saved_code: { page_size: number; pages: number } } };
  return info.chip.saved_code.page_size * info.chip.saved_code.pages;
}

/** Board: `--board NAME`, else the board whose JSON .espruinorc names, else esp32. */
function chooseBoard(job: { board?: string }): string {
  const chosen = option('--board');
  if (chosen !== undefined) return chosen;
  const fromJob = Object.keys(BOARD_JSON).find((name) => BOARD_JSON[name] === job.board);
  return fromJob || 'esp32';
}

/** Edition -> the module and function that boot it (the entry imports only that one). */
const EDITION_BOOT: { [edition: string]: { module: string; name: string } } = {
  full: { module: './firmware/index', name: 'bootTreadmill' },
  compact: { module: './firmware/compact-edition', name: 'bootCompactTreadmill' },
  core: { module: './firmware/core-edition', name: 'bootCoreTreadmill' },
};

/** Bundle `entryContents` with the device settings (and `extra`); checks the Espruino traps. */
async function bundle(entryContents: string, outfile: string, extra: BuildOptions): Promise<string> {
  const result = await build({
    ...ESPRUINO_BUILD_OPTIONS,
    ...DEVICE_MINIFY,
    ...extra,
    stdin: { contents: entryContents, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    write: false,
    outfile,
  });
  const text = result.outputFiles[0].text;
  const traps = findEspruinoTraps(text);
  if (traps.length > 0) throw new Error(outfile + ': ' + traps.join('; '));
  return text;
}

function writeOutput(outfile: string, text: string): number {
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, text);
  return Buffer.byteLength(text);
}

async function main(): Promise<void> {
  const job = readJob();
  const board = chooseBoard(job);
  if (!(board in BOARD_JSON)) throw new Error('unknown board "' + board + '"; choose one of ' + Object.keys(BOARD_JSON).join(', '));
  const drive = option('--drive') || 'mc2100';
  if (drive !== 'mc2100' && drive !== 'hbridge') throw new Error('unknown drive "' + drive + '"; choose mc2100 or hbridge');
  const profile = drive === 'hbridge' ? 'BOARD_HBRIDGE' : 'BOARD';
  const boardModule = (await import(join(ROOT, 'hal', 'espruino', 'boards', board + '.ts'))) as { [name: string]: { edition: string } };
  const edition = boardModule[profile].edition;
  const editionBoot = EDITION_BOOT[edition];
  const firmwareText = await bundle(
    `import { ${profile} } from './hal/espruino/boards/${board}';\nimport { bootBoard } from './hal/espruino/boot';\nimport { ${editionBoot.name} } from '${editionBoot.module}';\nbootBoard(${profile}, ${editionBoot.name});\n`,
    join(ROOT, 'dist', 'firmware.js'),
    // A small board's edition shortens the names only it uses; names stored, sent or read from
    // the board's configuration keep theirs (scripts/property-mangling.ts).
    edition === 'full' ? {} : propertyManglingOptions(ROOT, true),
  );
  const firmwareBytes = writeOutput(join(ROOT, 'dist', 'firmware.js'), firmwareText);
  // Size gate: code that does not fit the board's saved-code area cannot be flashed to run from
  // flash at boot; say so now rather than at upload time.
  const capacityBytes = savedCodeBytes(board);
  if (firmwareBytes > capacityBytes) {
    throw new Error(`dist/firmware.js (${edition} edition) is ${firmwareBytes} bytes; the ${board} board's saved-code area holds ${capacityBytes}. Build for a larger board (--board esp32)`);
  }
  // The espruino tool takes a job file only when its name contains ".json": write .espruinorc
  // out as one, with the board JSON that matches the firmware just built.
  job.board = BOARD_JSON[board];
  writeFileSync(join(ROOT, 'dist', 'espruino-job.json'), JSON.stringify(job, null, 2) + '\n');
  // The self-test holds nothing that leaves it (no stored records, no remote link): every
  // bundle-only name may be shortened. Then the loader that runs it from Storage on Espruino.
  const selftestBundle = await bundle(`import './sim/selftest/main';\n`, join(ROOT, 'dist', 'selftest.js'), { ...propertyManglingOptions(ROOT, false), format: 'esm' });
  const selftestBytes = writeOutput(join(ROOT, 'dist', 'selftest.js'), makeSelftestLoader(selftestBundle));
  console.log(
    `build: dist/firmware.js ${firmwareBytes} bytes (${edition} edition, drive ${drive}) of the ${board} board's ${capacityBytes}; ` +
      `dist/selftest.js ${selftestBytes} bytes (bundle ${selftestBundle.length}); dist/espruino-job.json`,
  );
}

main().catch((error: Error & { errors?: { text: string; location?: { file: string; line: number } }[] }) => {
  // esbuild lists each refused construct with its place; print them so the gate failure is clear.
  if (error.errors && error.errors.length > 0) {
    error.errors.forEach((item) => console.error(`build refused: ${item.location ? item.location.file + ':' + item.location.line + ': ' : ''}${item.text}`));
  } else {
    console.error('build failed: ' + error.message);
  }
  process.exitCode = 1;
});
