// Runs one board through the device check: the flash job's bytes into Storage, the session on its interpreter, the tick under callgrind.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { BOARD_JSON, type BoardName } from '../boards';
import { ROOT, savedCodeBytes } from '../device-bundles';
import { flashUploadText, storedFilesOfUpload } from '../upload-text';
import { BOARD_MACHINES, boardConfig, checkedProfile, firmwareFor, LOADER_INTERPRETER, TIMING_INTERPRETER } from './boards';
import { costsPerDump, dumpFiles, MEASURED_FUNCTION } from './callgrind';
import { boot0Text, harnessConfig } from './harness-bundle';
import { pinAliases, pinNamesOf, profilePinNames } from './pin-aliases';
import { failedChecks, parseSessionOutput, tickLabels, type SessionOutput, type SessionResult } from './session-output';
import type { HarnessConfig } from './harness-types';
import type { BoardMeasurement, MemoryFigures, TickFigures } from './verdict';

/** Where the interpreters are, and what else the run may use. */
export interface CheckEnvironment {
  espruinoDir: string;
  /** Bundled harness (scripts/device-check/harness-bundle.ts). */
  harnessBundle: string;
  /** Whether `valgrind` runs here; without it the tick is not measured. */
  valgrind: boolean;
  /** Leave the tick out (`--skip-tick`: memory and behaviour in seconds; no board can pass then). */
  skipTick: boolean;
  /** Keep the temporary folders (for a look at the callgrind files). */
  keep: boolean;
  /** Progress lines. */
  log: (line: string) => void;
}

/** What one process printed, and how it ended. */
interface ProcessOutcome {
  output: string;
  status: number | null;
  timedOut: boolean;
}

const MEMORY_RUN_TIMEOUT_MS = 120000;
const TIMING_RUN_TIMEOUT_MS = 1800000;

/** Run `command` in `cwd` with standard input from /dev/null; stdout and stderr together. */
function runProcess(command: string, args: string[], cwd: string, timeoutMs: number): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => chunks.push(Buffer.from('spawn error: ' + error.message + '\n')));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ output: Buffer.concat(chunks).toString('latin1'), status, timedOut });
    });
  });
}

/** The interpreters `board` needs that `folder` lacks ([] when all are there). */
export function missingInterpreters(folder: string, board: string): string[] {
  const machine = BOARD_MACHINES[board];
  const wanted = [LOADER_INTERPRETER, machine ? machine.interpreter : '', TIMING_INTERPRETER].filter((name) => name !== '');
  return wanted.filter((name) => !existsSync(join(folder, name)));
}

/** A board's figures before anything ran. */
function emptyMeasurement(board: string, edition: string, bundleBytes: number): BoardMeasurement {
  return {
    board,
    edition,
    bundleBytes,
    savedCodeBytes: savedCodeBytes(board as BoardName),
    machine: BOARD_MACHINES[board] || null,
    controlPeriodMs: boardConfig(board).controlPeriodMs,
    skipped: '',
    problems: [],
    unmeasured: [],
    notes: [],
    memoryFailure: '',
    harnessVariables: null,
    totalVariables: null,
    memory: null,
    tick: null,
    checksPassed: 0,
    checksRun: 0,
  };
}

/**
 * Store the firmware as the flash job stores it: the espruino tool's own upload text for the
 * build's job file (scripts/upload-text.ts), its Storage writes run on the growing interpreter
 * (the trailing `load()` left out), then the harness as `.boot0`. Returns '' or a problem, and
 * the bytes `.bootcde` takes in Storage (pretokenised by the tool: fewer than the bundle's).
 */
async function storeFirmware(folder: string, firmwareText: string, boot0: string, environment: CheckEnvironment, board: string): Promise<{ problem: string; storedBytes: number }> {
  const codePath = join(folder, 'firmware.js');
  const jobPath = join(folder, 'espruino-job.json');
  writeFileSync(codePath, firmwareText);
  const job = JSON.parse(readFileSync(join(ROOT, '.espruinorc'), 'utf8')) as { board?: string };
  job.board = BOARD_JSON[board as BoardName];
  writeFileSync(jobPath, JSON.stringify(job, null, 2) + '\n');
  const upload = flashUploadText(ROOT, jobPath, codePath);
  const expected = storedFilesOfUpload(upload)['.bootcde'];
  if (expected === undefined) return { problem: 'the flash job writes no .bootcde', storedBytes: 0 };
  const statements = upload.split('\n').filter((line) => line.trim() !== '' && line.trim() !== 'load()');
  writeFileSync(join(folder, 'boot0.js'), boot0);
  writeFileSync(
    join(folder, 'store.js'),
    'echo(0);\n' +
      statements.join('\n') +
      '\nrequire("Storage").write(".boot0",require("fs").readFileSync("boot0.js"));\n' +
      'var c=require("Storage").read(".bootcde");print("DC stored "+(c?c.length:-1)+" "+(c?E.CRC32(c):0));\n',
    'latin1',
  );
  const outcome = await runProcess(join(environment.espruinoDir, LOADER_INTERPRETER), ['store.js'], folder, MEMORY_RUN_TIMEOUT_MS);
  const stored = /DC stored (-?\d+) (-?\d+)/.exec(outcome.output);
  if (stored === null) return { problem: 'storing the firmware failed: ' + outcome.output.trim().split('\n').slice(-3).join(' | '), storedBytes: 0 };
  const expectedCrc = crc32(Buffer.from(expected, 'latin1'));
  if (Number(stored[1]) !== expected.length || (Number(stored[2]) >>> 0) !== expectedCrc) {
    return { problem: 'Storage .bootcde (' + stored[1] + ' bytes) differs from what the flash job stores (' + expected.length + ' bytes)', storedBytes: expected.length };
  }
  return { problem: '', storedBytes: expected.length };
}

/** The session's problems: failed checks, interpreter errors, error flags, a missing result. */
function sessionProblems(session: SessionOutput, outcome: ProcessOutcome, label: string): string[] {
  const problems: string[] = [];
  if (outcome.timedOut) problems.push(label + ': timed out');
  session.errors.slice(0, 3).forEach((line) => problems.push(label + ': ' + line));
  if (session.result === null) {
    const tail = outcome.output.trim().split('\n').slice(-2).join(' | ').slice(0, 200);
    problems.push(label + ': the session did not finish (no result line)' + (session.errors.length === 0 ? '; output ends: ' + tail : ''));
  } else if (session.result.flags.length > 0) problems.push(label + ': error flags ' + session.result.flags.join(','));
  const failed = failedChecks(session);
  // A firmware that did not boot fails every later check: one line says so.
  if (failed.some((line) => line.startsWith('FAIL firmware booted'))) problems.push(label + ': ' + failed[0] + ' (and ' + (failed.length - 1) + ' more checks failed after it)');
  else failed.forEach((line) => problems.push(label + ': ' + line));
  return problems;
}

/** '' when the interpreter had memory throughout, else where it ran out: while loading the firmware, or in the session. */
export function memoryFailure(session: SessionOutput): string {
  const flags = session.result !== null ? session.result.flags : [];
  const outOfMemory = flags.indexOf('MEMORY') >= 0 || flags.indexOf('LOW_MEMORY') >= 0 || session.errors.some((line) => /OUT OF MEMORY|Out of Memory|LOW_MEMORY/.test(line));
  if (!outOfMemory) return '';
  const booted = session.checks.some((line) => line.startsWith('ok firmware booted'));
  return booted ? 'out of memory in the session' : 'out of memory while loading the firmware';
}

function memoryFigures(result: SessionResult): MemoryFigures {
  return {
    total: result.total,
    atStart: result.usageAtStart,
    withHarness: result.usageHarness,
    afterBoot: result.usageAfterBoot,
    peak: result.usagePeak,
  };
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Per-tick figures from the measured calls' costs and labels (scripts/device-check/harness.ts):
 * the wrapper's mean ('w') comes off every call; each calibrated pin function's extra cost per
 * call, (fake - native) / `calibrationCalls`, times its calls per running tick (`callsPerTick`,
 * from a counting run) comes off every tick. Mean and max over the running ticks ('r'); mean
 * over all ticks ('r' and 'i').
 */
export function tickFigures(costs: number[], labels: string[], callsPerTick: { [name: string]: number }, calibrationCalls: number): TickFigures {
  const meanOf = (label: string) => mean(costs.filter((_cost, index) => labels[index] === label));
  const wrapper = meanOf('w');
  let overhead = 0;
  let pinCalls = 0;
  Object.keys(callsPerTick).forEach((name) => {
    pinCalls += callsPerTick[name];
    if (labels.indexOf('f' + name) >= 0 && labels.indexOf('n' + name) >= 0) overhead += (callsPerTick[name] * (meanOf('f' + name) - meanOf('n' + name))) / calibrationCalls;
  });
  const net = costs.map((cost) => Math.max(0, cost - wrapper - overhead));
  const running = net.filter((_cost, index) => labels[index] === 'r');
  const all = net.filter((_cost, index) => labels[index] === 'r' || labels[index] === 'i');
  // The other intervals call no counted pin function (the display writes its bus, FTMS its
  // values, both fakes whose cost stays in): only the measured call's own cost comes off.
  let timerInstructions = 0;
  costs.forEach((cost, index) => {
    if (labels[index] === 'o') timerInstructions += Math.max(0, cost - wrapper);
  });
  return {
    timerInstructions: Math.round(timerInstructions),
    timerCalls: labels.filter((label) => label === 'o').length,
    // The session's length and the display bus's traffic come from the run's result line (measureTick).
    sessionMs: 0,
    displayBytes: 0,
    displayBitrateHz: 0,
    meanInstructions: Math.round(mean(running)),
    maxInstructions: Math.round(running.length > 0 ? Math.max(...running) : 0),
    runningTicks: running.length,
    meanAllInstructions: Math.round(mean(all)),
    allTicks: all.length,
    wrapperInstructions: Math.round(wrapper),
    pinCallsPerTick: pinCalls,
    pinOverheadInstructions: Math.round(overhead),
  };
}

/** Calls of each fake per running tick, from a counting run's result. */
export function callsPerRunningTick(result: SessionResult): { [name: string]: number } {
  const running = tickLabels(result.phases, result.measuredCalls).filter((label) => label === 'r').length;
  const perTick: { [name: string]: number } = {};
  Object.keys(result.pinCalls || {}).forEach((name) => {
    perTick[name] = running > 0 ? result.pinCalls[name] / running : 0;
  });
  return perTick;
}

/** A fresh copy of the stored flash in `folder/name`, for one more run of the session. */
function freshFolder(folder: string, name: string, flash: Buffer): string {
  const path = join(folder, name);
  mkdirSync(path);
  writeFileSync(join(path, 'espruino.flash'), flash);
  return path;
}

/**
 * The tick's cost: the session on espruino_timing32 once without valgrind counting the fakes'
 * calls per running tick (`dc(1)`), then under callgrind (`dc()`), one profile dump after each
 * call of the measured native. Each run on a fresh copy of the stored flash (a session leaves a
 * record in Storage). Returns the tick figures, or the problems. `expectedTicks` (the memory
 * run's, or null when that run could not finish its session) must match: the same session, or
 * no figure.
 */
async function measureTick(folder: string, flash: Buffer, environment: CheckEnvironment, expectedTicks: number | null): Promise<{ tick: TickFigures | null; problems: string[] }> {
  const timingInterpreter = join(environment.espruinoDir, TIMING_INTERPRETER);
  const counting = await runProcess(timingInterpreter, ['-e', 'dc(1)'], freshFolder(folder, 'count', flash), MEMORY_RUN_TIMEOUT_MS);
  const counted = parseSessionOutput(counting.output);
  const countProblems = sessionProblems(counted, counting, 'counting run');
  if (countProblems.length > 0 || counted.result === null) return { tick: null, problems: countProblems };
  const timingFolder = freshFolder(folder, 'timing', flash);
  const outcome = await runProcess(
    'valgrind',
    ['--tool=callgrind', '--dump-after=' + MEASURED_FUNCTION, '--callgrind-out-file=callgrind.out', timingInterpreter, '-e', 'dc(2)'],
    timingFolder,
    TIMING_RUN_TIMEOUT_MS,
  );
  writeFileSync(join(folder, 'timing-run.txt'), outcome.output);
  const session = parseSessionOutput(outcome.output);
  const problems = sessionProblems(session, outcome, 'timing run');
  if (problems.length > 0 || session.result === null) return { tick: null, problems };
  const result = session.result;
  const ticksWanted = expectedTicks !== null ? expectedTicks : counted.result.ticks;
  if (result.ticks !== ticksWanted || counted.result.ticks !== ticksWanted) {
    return { tick: null, problems: ['timing run: ' + result.ticks + ' ticks, the counting run ' + counted.result.ticks + (expectedTicks !== null ? ', the memory run ' + expectedTicks : '') + ': not the same session'] };
  }
  const costs = costsPerDump(dumpFiles(timingFolder, 'callgrind.out'), MEASURED_FUNCTION);
  if (costs.length !== result.measuredCalls) return { tick: null, problems: ['timing run: ' + costs.length + ' profile dumps for ' + result.measuredCalls + ' measured calls'] };
  const tick = tickFigures(costs, tickLabels(result.phases, costs.length), callsPerRunningTick(counted.result), result.calibrationCalls);
  tick.sessionMs = result.sessionMs;
  tick.displayBytes = result.displayBytes || 0;
  tick.displayBitrateHz = result.displayBitrateHz || 0;
  return { tick: tick, problems: [] };
}

/** A board's firmware bundle and the `.boot0` text (harness and its settings) that drives it. */
export interface PreparedBoard {
  firmware: { text: string; edition: string };
  harness: HarnessConfig;
  boot0: string;
}

/** The firmware for `board` as the build makes it, and the harness set up for it and its pin names. */
export async function prepareBoard(board: string, harnessBundle: string): Promise<PreparedBoard> {
  const firmware = await firmwareFor(board);
  const profile = checkedProfile(board);
  const aliases = pinAliases(pinNamesOf(firmware.text, profilePinNames(profile)));
  const harness = harnessConfig(profile, boardConfig(board), aliases, firmware.edition === 'full', firmware.display);
  return { firmware, harness, boot0: boot0Text(harnessBundle, harness) };
}

/** Check one board. Never throws for a board that fails: the failure is in the measurement. */
export async function checkBoard(board: string, environment: CheckEnvironment): Promise<BoardMeasurement> {
  const prepared = await prepareBoard(board, environment.harnessBundle);
  const firmware = prepared.firmware;
  const measurement = emptyMeasurement(board, firmware.edition, Buffer.byteLength(firmware.text));
  if (measurement.machine === null) {
    measurement.skipped = 'no interpreter is known for board ' + board + ' (scripts/device-check/boards.ts)';
    return measurement;
  }
  const missing = missingInterpreters(environment.espruinoDir, board);
  if (missing.length > 0) {
    measurement.skipped = 'missing in ' + environment.espruinoDir + ': ' + missing.join(', ');
    return measurement;
  }
  const folder = mkdtempSync(join(tmpdir(), 'retrotread-device-check-' + board + '-'));
  try {
    const stored = await storeFirmware(folder, firmware.text, prepared.boot0, environment, board);
    // What the saved-code area holds is the stored file, not the bundle it was made from.
    if (stored.storedBytes > 0) measurement.bundleBytes = stored.storedBytes;
    const storeProblem = stored.problem;
    if (storeProblem !== '') {
      measurement.problems.push(storeProblem);
      return measurement;
    }
    const flash = readFileSync(join(folder, 'espruino.flash'));
    environment.log(board + ': stored; running the session on ' + measurement.machine.interpreter);
    const outcome = await runProcess(join(environment.espruinoDir, measurement.machine.interpreter), ['-e', 'dc()'], folder, MEMORY_RUN_TIMEOUT_MS);
    writeFileSync(join(folder, 'memory-run.txt'), outcome.output);
    const session = parseSessionOutput(outcome.output);
    measurement.problems.push(...sessionProblems(session, outcome, 'session'));
    if (session.harness !== null) {
      measurement.harnessVariables = session.harness.withHarness - session.harness.atStart;
      measurement.totalVariables = session.harness.total;
    }
    measurement.checksRun = session.checks.length;
    measurement.checksPassed = session.checks.length - failedChecks(session).length;
    const finished = session.result !== null && failedChecks(session).length === 0;
    measurement.memoryFailure = memoryFailure(session);
    // Figures after the interpreter ran out of memory describe whatever it could free, not the firmware.
    if (session.result !== null && measurement.memoryFailure === '') measurement.memory = memoryFigures(session.result);
    else if (session.result === null && measurement.memoryFailure === '') measurement.unmeasured.push('memory: the session did not finish on ' + measurement.machine.interpreter);
    if (environment.skipTick || !environment.valgrind) {
      measurement.unmeasured.push(environment.skipTick ? 'tick: --skip-tick' : 'tick: valgrind is not installed');
      return measurement;
    }
    // Counted even when the board's interpreter could not run the session (the timing one has
    // 16383 variables): the figure still tells how far the tick is from its budget.
    environment.log(board + ': counting the tick under callgrind on ' + TIMING_INTERPRETER);
    const timing = await measureTick(folder, flash, environment, finished && session.result !== null ? session.result.ticks : null);
    if (timing.tick === null) {
      measurement.unmeasured.push('tick: the timing run failed');
      // The same failure in both runs is said once.
      if (finished) measurement.problems.push(...timing.problems);
      else measurement.problems.push(...timing.problems.filter((problem) => !/timing run: FAIL/.test(problem)).slice(0, 2));
    } else if (!finished) {
      measurement.notes.push('tick counted on ' + TIMING_INTERPRETER + ' (16383 variables), where the session ran; the board\'s interpreter could not run it');
    }
    measurement.tick = timing.tick;
    return measurement;
  } finally {
    if (environment.keep) environment.log(board + ': files kept in ' + folder);
    else rmSync(folder, { recursive: true, force: true });
  }
}
