// The one firmware build that `npm run build`, `npm run flash`, `npm run upload-preview` and the tests all run.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { resolveConfig } from '../firmware/config-overrides';
import type { FirmwareEdition } from '../hal/espruino/board-profile';
import { BOARD_JSON, unfitReason, type BoardName, type DriveName } from './boards';
import { bundleFirmware, ROOT, savedCodeBytes } from './device-bundles';
import type { DisplayProfile } from '../hal/espruino/board-profile';
import { displayOn, inclineSensorOn, machineConfigOverrides, quickSpeedsOn, type InclineSensor, type MachineDescription } from './machine-description';
import { flashUploadText, storedFilesOfUpload } from './upload-text';

/** What to build: the board, the drive, the user's machine, and where the files go. */
export interface FirmwareRequest {
  board: BoardName;
  drive: DriveName;
  machine: MachineDescription;
  /** The machine file's path, for messages. */
  machinePath: string;
  /** Folder for firmware.js and espruino-job.json (dist/ for the npm scripts). */
  outputDirectory: string;
}

/** What the build wrote. */
export interface FirmwareBuild {
  edition: FirmwareEdition;
  inclineSensor: InclineSensor;
  /** The configuration overrides compiled in from the machine file. */
  machineOverrides: { [key: string]: unknown };
  /** dist/firmware.js: the code the flash job stores on the board as `.bootcde`. */
  firmwarePath: string;
  /** dist/espruino-job.json: .espruinorc with the board JSON of this build (the tool wants ".json" in a job file's name). */
  jobPath: string;
  firmwareBytes: number;
  /** Bytes of `.bootcde` as the flash job stores it (pretokenised by the espruino tool): what the saved-code area must hold. */
  storedBytes: number;
  capacityBytes: number;
}

/** The project's espruino job settings (.espruinorc, JSON). */
function readJob(): { board?: string; [key: string]: unknown } {
  return JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8'));
}

/**
 * Build the firmware for `request` and write it with its job file. Checks everything first (the
 * machine's incline sensor against the board, the size gate) and writes nothing when a check
 * fails: an Error says why.
 */
export async function buildFirmware(request: FirmwareRequest): Promise<FirmwareBuild> {
  let inclineSensor: InclineSensor;
  let display: DisplayProfile | null;
  const machineOverrides = machineConfigOverrides(request.machine);
  try {
    inclineSensor = inclineSensorOn(request.machine, request.board);
    display = displayOn(request.machine, request.board, request.drive);
    quickSpeedsOn(request.machine, request.board, request.drive);
    // Checked again with the drive built for, which --drive may have changed: the board must never refuse it at boot.
    resolveConfig({ drive: request.drive }, machineOverrides);
  } catch (error) {
    throw new Error(request.machinePath + ': ' + (error as Error).message);
  }
  const firmware = await bundleFirmware(request.board, request.drive, machineOverrides, inclineSensor !== 'none', display);
  const firmwareBytes = Buffer.byteLength(firmware.text);
  const job = readJob();
  job.board = BOARD_JSON[request.board];
  // Size gate: code that does not fit the board's saved-code area cannot be flashed to run from
  // flash at boot; say so now rather than at upload time. What the area holds is `.bootcde` as
  // the flash job stores it, worked out offline by the espruino tool's own processors: the tool
  // pretokenises (.espruinorc), so it is 13-15 % smaller than firmware.js.
  const storedBytes = storedCodeBytes(firmware.text, job);
  const capacityBytes = savedCodeBytes(request.board);
  if (storedBytes > capacityBytes) {
    throw new Error(`the ${firmware.edition} edition for ${request.board} stores ${storedBytes} bytes (firmware.js ${firmwareBytes}); the board's saved-code area holds ${capacityBytes}. Build for a larger board (--board esp32)`);
  }
  mkdirSync(request.outputDirectory, { recursive: true });
  const firmwarePath = join(request.outputDirectory, 'firmware.js');
  const jobPath = join(request.outputDirectory, 'espruino-job.json');
  writeFileSync(firmwarePath, firmware.text);
  writeFileSync(jobPath, JSON.stringify(job, null, 2) + '\n');
  return { edition: firmware.edition, inclineSensor, machineOverrides, firmwarePath, jobPath, firmwareBytes, storedBytes, capacityBytes };
}

/** Bytes of `.bootcde` the flash job `job` stores for `code`, from the tool's upload text (worked out in a folder of its own, removed after). */
function storedCodeBytes(code: string, job: { [key: string]: unknown }): number {
  const folder = mkdtempSync(join(tmpdir(), 'retrotread-size-'));
  try {
    const codePath = join(folder, 'firmware.js');
    const jobPath = join(folder, 'espruino-job.json');
    writeFileSync(codePath, code);
    writeFileSync(jobPath, JSON.stringify(job, null, 2) + '\n');
    const stored = storedFilesOfUpload(flashUploadText(ROOT, jobPath, codePath))['.bootcde'];
    if (stored === undefined) throw new Error('the flash job stores no .bootcde');
    return stored.length;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Write `upload-preview.js` beside the build: the text `npm run flash` sends for it (the Storage
 * writes of `.bootcde` and the `load()` after them), computed offline by the espruino tool's own
 * processors from the same job file and code file the flash hands the tool. Returns its path.
 */
export function writeUploadPreview(build: FirmwareBuild): string {
  const previewPath = join(dirname(build.firmwarePath), 'upload-preview.js');
  writeFileSync(previewPath, flashUploadText(ROOT, build.jobPath, build.firmwarePath), 'latin1');
  return previewPath;
}

/** A path as the user reads it: relative to the project. */
export function shownPath(path: string): string {
  return relative(ROOT, path);
}

/** One line saying what was built, for the build, flash and preview commands. */
export function describeBuild(request: FirmwareRequest, build: FirmwareBuild, choice: string): string {
  return (
    `${shownPath(build.firmwarePath)} ${build.firmwareBytes} bytes (${build.edition} edition), stored ${build.storedBytes} of the ${request.board} board's ${build.capacityBytes}; ` +
    `${choice}; incline ${build.inclineSensor}; machine ${JSON.stringify(build.machineOverrides)}` +
    (unfitReason(request.board) !== null ? '\nWARNING: ' + unfitReason(request.board) : '')
  );
}
