// Builds dist/firmware.js (device, default board) and dist/selftest.js (firmware + simulator + scenarios).

import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from './esbuild-options';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BOARDS = ['pico', 'mdbt42q', 'esp32'];

/** Default board: from `--board NAME`, else the `retrotreadBoard` key of .espruinorc, else pico. */
function chooseBoard(): string {
  const index = process.argv.indexOf('--board');
  if (index >= 0) return process.argv[index + 1];
  try {
    const job = JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8')) as { retrotreadBoard?: string };
    if (job.retrotreadBoard) return job.retrotreadBoard;
  } catch (_error) {
    // No job file: the default board below.
  }
  return 'pico';
}

async function bundle(entryContents: string, outfile: string, minify: boolean): Promise<number> {
  const result = await build({
    ...ESPRUINO_BUILD_OPTIONS,
    ...(minify ? DEVICE_MINIFY : {}),
    stdin: { contents: entryContents, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    write: false,
    outfile,
  });
  const text = result.outputFiles[0].text;
  const traps = findEspruinoTraps(text);
  if (traps.length > 0) throw new Error(outfile + ': ' + traps.join('; '));
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, text);
  return Buffer.byteLength(text);
}

async function main(): Promise<void> {
  const board = chooseBoard();
  if (BOARDS.indexOf(board) < 0) throw new Error('unknown board "' + board + '"; choose one of ' + BOARDS.join(', '));
  const firmwareBytes = await bundle(
    `import { BOARD } from './hal/espruino/boards/${board}';\nimport { boot } from './hal/espruino/boot';\nboot(BOARD);\n`,
    join(ROOT, 'dist', 'firmware.js'),
    true,
  );
  const selftestBytes = await bundle(`import './sim/selftest/main';\n`, join(ROOT, 'dist', 'selftest.js'), true);
  console.log(`build: dist/firmware.js ${firmwareBytes} bytes (board ${board}); dist/selftest.js ${selftestBytes} bytes`);
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
