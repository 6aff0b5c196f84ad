// What `npm run sim -- FILE --trace OUT` prints and writes, for comparing the web console's scenario runs with the command line's.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const RUN_SCENARIO = join(ROOT, 'sim', 'cli', 'run-scenario.ts');

/** The command line's report and trace. */
export interface CliScenarioRun {
  status: number | null;
  /** Its printed lines without the two that differ by nature: the wall time and the trace file's path. */
  lines: string[];
  trace: string;
}

/** Run `scenarioFile` with `npm run sim`'s script, as a user does, with a trace into a temporary file (and `extraArgs`, such as `--board jolt`). */
export function runScenarioCli(scenarioFile: string, extraArgs?: string[]): CliScenarioRun {
  const directory = mkdtempSync(join(tmpdir(), 'retrotread-web-cli-'));
  try {
    const tracePath = join(directory, 'trace.csv');
    const result = spawnSync(TSX, [RUN_SCENARIO, scenarioFile, '--trace', tracePath].concat(extraArgs || []), { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
    const lines = result.stdout.split('\n').filter((line) => line !== '' && !/^ {2}(wall time|trace) {2,}/.test(line));
    return { status: result.status, lines: lines, trace: readFileSync(tracePath, 'utf8') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What `npm run sim -- FILE` prints on its error stream and its exit status, for a file it refuses. */
export function scenarioCliRefusal(scenarioFile: string): { status: number | null; stderr: string } {
  const result = spawnSync(TSX, [RUN_SCENARIO, scenarioFile], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  return { status: result.status, stderr: result.stderr };
}
