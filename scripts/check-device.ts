// `npm run check:device -- --espruino-dir DIR [--board NAME] [--skip-tick] [--keep]`: the firmware on the real Espruino interpreter, per board.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './device-bundles';
import { supportedBoards } from './device-check/boards';
import { bundleHarness } from './device-check/harness-bundle';
import { formatReport, reportJson, type BoardRow } from './device-check/report';
import { checkBoard, type CheckEnvironment } from './device-check/run-board';
import { exitStatus, judge, type BoardMeasurement } from './device-check/verdict';

/*
 * For every board the build supports (or `--board NAME`): the firmware bundle as the build makes
 * it, stored as the flash job stores it, booted on the Linux Espruino with the board's variable
 * count, driven through a session by a harness of faked pin-level functions; then the same
 * session under callgrind on espruino_timing32 for the tick's instruction count. Prints a table
 * and writes dist/device-check.json. Exit status 1 when a measured board fails; 0 with a
 * "skipped" line when there are no interpreters (CI): nothing is passed that was not measured.
 */

export interface CheckOptions {
  espruinoDir: string | null;
  board: string | null;
  keep: boolean;
  skipTick: boolean;
  jsonPath: string;
}

function option(argv: string[], name: string): string | null {
  const index = argv.indexOf(name);
  return index >= 0 && index + 1 < argv.length ? argv[index + 1] : null;
}

export function parseOptions(argv: string[]): CheckOptions {
  return {
    espruinoDir: option(argv, '--espruino-dir'),
    board: option(argv, '--board'),
    keep: argv.indexOf('--keep') >= 0,
    skipTick: argv.indexOf('--skip-tick') >= 0,
    jsonPath: option(argv, '--json') || join(ROOT, 'dist', 'device-check.json'),
  };
}

function valgrindRuns(): boolean {
  const probe = spawnSync('valgrind', ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Runs the check; returns the exit status. `print` gets every output line. */
export async function runDeviceCheck(options: CheckOptions, print: (line: string) => void): Promise<number> {
  const known = supportedBoards();
  if (options.board !== null && known.indexOf(options.board) < 0) {
    print('device check: unknown board "' + options.board + '"; boards: ' + known.join(', '));
    return 2;
  }
  const boards = options.board !== null ? [options.board] : known;
  if (options.espruinoDir === null || !existsSync(options.espruinoDir)) {
    print(
      'device check: skipped: ' + (options.espruinoDir === null ? 'no interpreters given' : 'no folder ' + options.espruinoDir) +
        ' (give --espruino-dir DIR, a folder with the Linux Espruino builds of ../shared/espruino-linux/). Nothing was measured; boards not checked: ' + boards.join(', ') + '.',
    );
    return 0;
  }
  const valgrind = valgrindRuns();
  const environment: CheckEnvironment = {
    espruinoDir: options.espruinoDir,
    harnessBundle: await bundleHarness(ROOT),
    valgrind,
    skipTick: options.skipTick,
    keep: options.keep,
    log: (line) => print('device check: ' + line),
  };
  if (!valgrind && !options.skipTick) print('device check: valgrind not found: the tick cost will not be measured');
  // Boards run side by side (each callgrind run takes one core for a minute or more).
  const measurements: BoardMeasurement[] = await Promise.all(
    boards.map((board) =>
      checkBoard(board, environment).catch((error: Error) => {
        const failed: BoardMeasurement = {
          board, edition: '?', bundleBytes: 0, savedCodeBytes: 0, machine: null, controlPeriodMs: 0, skipped: '',
          problems: ['the check itself failed: ' + error.message], unmeasured: [], notes: [], memoryFailure: '', harnessVariables: null, totalVariables: null, memory: null, tick: null, checksPassed: 0, checksRun: 0,
        };
        return failed;
      }),
    ),
  );
  const rows: BoardRow[] = measurements.map((measurement) => ({ measurement, verdict: judge(measurement) }));
  print('');
  formatReport(rows).forEach(print);
  const verdicts = rows.map((row) => row.verdict);
  if (verdicts.every((verdict) => verdict.verdict === 'SKIP')) {
    print('device check: skipped: no board could be measured (see the reasons above).');
  } else {
    mkdirSync(join(options.jsonPath, '..'), { recursive: true });
    writeFileSync(options.jsonPath, JSON.stringify(reportJson(rows, options.espruinoDir), null, 2) + '\n');
    print('device check: wrote ' + options.jsonPath);
  }
  return exitStatus(verdicts);
}

if (process.argv[1] && /check-device\.ts$/.test(process.argv[1])) {
  runDeviceCheck(parseOptions(process.argv.slice(2)), (line) => console.log(line)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: Error) => {
      console.error('device check failed: ' + error.message);
      process.exitCode = 1;
    },
  );
}
