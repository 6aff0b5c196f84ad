// The command line that build, flash and upload-preview share: --board, --drive, --machine (and the espruino tool's port flags for flash).

import { isAbsolute, join } from 'node:path';
import { BOARD_NAMES, DRIVE_NAMES, isBoardName, isDriveName, unknownBoardMessage, unknownDriveMessage, type BoardName, type DriveName } from './boards';
import { ROOT } from './device-bundles';
import type { FirmwareRequest } from './firmware-build';
import { readMachineFile } from './machine-description';

/** The machine file a build reads unless `--machine` names another. */
export const DEFAULT_MACHINE_FILE = 'machine.json';

/**
 * Flags of the espruino tool that `npm run flash` passes through, each with whether it takes a
 * value: the connection (serial port or Bluetooth address, a device name, the baud rate, no
 * Bluetooth at all) and verbose output. Everything else about the upload is in .espruinorc, on purpose.
 */
export const TOOL_FLAGS: { [flag: string]: boolean } = { '-p': true, '--port': true, '-d': true, '-b': true, '--no-ble': false, '-v': false, '--verbose': false };

/** A parsed command line: what to build, plus the flags for the espruino tool. */
export interface BuildCommand extends FirmwareRequest {
  /** Where the board and drive came from, for the build's output line. */
  choice: string;
  /** Flags passed through to the espruino tool (flash only), in order. */
  toolArguments: string[];
}

/** The espruino tool's arguments for a flash: the build's job file, the passed-through connection flags, the build's code last. */
export function flashArguments(jobPath: string, firmwarePath: string, toolArguments: string[]): string[] {
  return ['-j', jobPath].concat(toolArguments, [firmwarePath]);
}

/** Thrown for a bad command line: the caller prints it with the usage and exits non-zero. */
export class BuildUsageError extends Error {}

export function usage(command: string, withToolFlags: boolean): string {
  return [
    `usage: npm run ${command} -- [--board NAME] [--drive NAME] [--machine FILE]` + (withToolFlags ? ' [-p PORT] [-d NAME] [-b BAUD] [--no-ble] [-v]' : ''),
    `  --board NAME    ${BOARD_NAMES.join(', ')} (default: the machine file's board, else ${BOARD_NAMES[0]})`,
    `  --drive NAME    ${DRIVE_NAMES.join(', ')} (default: the machine file's drive, else ${DRIVE_NAMES[0]})`,
    `  --machine FILE  the machine description (default: ${DEFAULT_MACHINE_FILE}); README.md, "Your machine"`,
    '  --out DIR       where firmware.js and espruino-job.json go (default: dist)',
  ]
    .concat(withToolFlags ? ['  -p PORT, --port PORT, -d NAME, -b BAUD, --no-ble, -v: passed to the espruino tool (serial port or Bluetooth address, device name, baud rate, no Bluetooth scan, verbose)'] : [])
    .join('\n');
}

/** `name VALUE` or `name=VALUE`: the value, or an error naming the flag when there is none. */
function takeValue(argv: string[], index: number, name: string, inline: string | null): string {
  const value = inline !== null ? inline : argv[index + 1];
  if (value === undefined || value === '' || (inline === null && value.indexOf('-') === 0)) throw new BuildUsageError(name + ' needs a value');
  return value;
}

/**
 * Parse `argv` (the arguments after the npm script's name). Flags win over the machine file's
 * board and drive. Throws a BuildUsageError for an unknown flag, a flag without its value, an
 * unknown or dropped board, an unknown drive, or a bad machine file; nothing has been written then.
 */
export function parseBuildCommand(argv: string[], allowToolFlags: boolean): BuildCommand {
  let boardFlag: string | null = null;
  let driveFlag: string | null = null;
  let machineFile = DEFAULT_MACHINE_FILE;
  let outputDirectory = join(ROOT, 'dist');
  const toolArguments: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const equals = argument.indexOf('=');
    const name = argument.indexOf('--') === 0 && equals > 0 ? argument.slice(0, equals) : argument;
    const inline = name !== argument ? argument.slice(equals + 1) : null;
    const advance = inline === null ? 1 : 0;
    if (name === '--board') {
      boardFlag = takeValue(argv, index, name, inline);
      index += advance;
    } else if (name === '--drive') {
      driveFlag = takeValue(argv, index, name, inline);
      index += advance;
    } else if (name === '--machine') {
      machineFile = takeValue(argv, index, name, inline);
      index += advance;
    } else if (name === '--out') {
      outputDirectory = takeValue(argv, index, name, inline);
      index += advance;
    } else if (allowToolFlags && name in TOOL_FLAGS) {
      toolArguments.push(name);
      if (TOOL_FLAGS[name]) {
        toolArguments.push(takeValue(argv, index, name, inline));
        index += advance;
      }
    } else {
      throw new BuildUsageError('unknown option "' + argument + '"');
    }
  }
  if (boardFlag !== null && !isBoardName(boardFlag)) throw new BuildUsageError(unknownBoardMessage(boardFlag));
  if (driveFlag !== null && !isDriveName(driveFlag)) throw new BuildUsageError(unknownDriveMessage(driveFlag));
  let machine;
  try {
    machine = readMachineFile(machineFile);
  } catch (error) {
    throw new BuildUsageError((error as Error).message);
  }
  const board: BoardName = boardFlag !== null ? (boardFlag as BoardName) : machine.board;
  const drive: DriveName = driveFlag !== null ? (driveFlag as DriveName) : machine.drive;
  const source = (flag: string | null, fromFile: boolean, value: string, fileValue: string) =>
    flag !== null ? (fromFile && fileValue !== value ? 'from the command line over the machine file\'s ' + fileValue : 'from the command line') : fromFile ? 'from the machine file' : 'the default';
  const choice = `board ${board} (${source(boardFlag, machine.boardFromFile, board, machine.board)}), drive ${drive} (${source(driveFlag, machine.driveFromFile, drive, machine.drive)})`;
  // The profile the build uses is the chosen drive's: check the file's incline against it.
  const chosen = Object.assign({}, machine, { drive });
  return { board, drive, machine: chosen, machinePath: machineFile, outputDirectory: isAbsolute(outputDirectory) ? outputDirectory : join(process.cwd(), outputDirectory), choice, toolArguments };
}

/**
 * Run one of the build commands: parse the command line, then `body`. A bad command line prints
 * the problem and the usage and exits 2; a refused build (esbuild's list of refused constructs, the
 * size gate) prints why and exits 1. Nothing is written in either case.
 */
export function runBuildCommand(command: string, allowToolFlags: boolean, body: (request: BuildCommand) => Promise<void>): void {
  let request: BuildCommand;
  try {
    request = parseBuildCommand(process.argv.slice(2), allowToolFlags);
  } catch (error) {
    if (!(error instanceof BuildUsageError)) throw error;
    console.error(command + ': ' + error.message + '\n' + usage(command, allowToolFlags));
    process.exitCode = 2;
    return;
  }
  body(request).catch((error: Error & { errors?: { text: string; location?: { file: string; line: number } }[] }) => {
    // esbuild lists each refused construct with its place; print them so the gate failure is clear.
    if (error.errors && error.errors.length > 0) {
      error.errors.forEach((item) => console.error(`${command} refused: ${item.location ? item.location.file + ':' + item.location.line + ': ' : ''}${item.text}`));
    } else {
      console.error(command + ' failed: ' + error.message);
    }
    process.exitCode = 1;
  });
}
