// Builds dist/firmware.js (device, default board, its edition) and dist/selftest.js (core firmware + simulator + checks).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BOARD_JSON, bundleFirmware, bundleSelftest, ROOT, savedCodeBytes, type BoardName, type DriveName } from './device-bundles';
import { makeSelftestLoader } from './selftest-loader';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The project's espruino job settings (.espruinorc, JSON). */
function readJob(): { board?: string; [key: string]: unknown } {
  return JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8'));
}

/** Board: `--board NAME`, else the board whose JSON .espruinorc names, else esp32. */
function chooseBoard(job: { board?: string }): string {
  const chosen = option('--board');
  if (chosen !== undefined) return chosen;
  const fromJob = Object.keys(BOARD_JSON).find((name) => BOARD_JSON[name as BoardName] === job.board);
  return fromJob || 'esp32';
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
  const firmware = await bundleFirmware(board as BoardName, drive as DriveName);
  const firmwareBytes = writeOutput(join(ROOT, 'dist', 'firmware.js'), firmware.text);
  // Size gate: code that does not fit the board's saved-code area cannot be flashed to run from
  // flash at boot; say so now rather than at upload time.
  const capacityBytes = savedCodeBytes(board as BoardName);
  if (firmwareBytes > capacityBytes) {
    throw new Error(`dist/firmware.js (${firmware.edition} edition) is ${firmwareBytes} bytes; the ${board} board's saved-code area holds ${capacityBytes}. Build for a larger board (--board esp32)`);
  }
  // The espruino tool takes a job file only when its name contains ".json": write .espruinorc
  // out as one, with the board JSON that matches the firmware just built.
  job.board = BOARD_JSON[board as BoardName];
  writeFileSync(join(ROOT, 'dist', 'espruino-job.json'), JSON.stringify(job, null, 2) + '\n');
  const selftestBundle = await bundleSelftest();
  const selftestBytes = writeOutput(join(ROOT, 'dist', 'selftest.js'), makeSelftestLoader(selftestBundle));
  console.log(
    `build: dist/firmware.js ${firmwareBytes} bytes (${firmware.edition} edition, drive ${drive}) of the ${board} board's ${capacityBytes}; ` +
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
