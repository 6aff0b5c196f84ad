// The pass criteria of the device check (issue 10) and the verdict of one board's measurements.

import { boardMilliseconds, type BoardMachine } from './boards';

/** At least this share of the board's variables must be free at the session's peak. */
export const MIN_FREE_SHARE = 0.25;
/** The control tick may take at most this share of the control period on the board (central estimate). */
export const MAX_TICK_SHARE = 0.25;

/** Variables of the board's interpreter, as process.memory() reports them. */
export interface MemoryFigures {
  total: number;
  /** In use on the empty interpreter, before `.boot0` ran. */
  atStart: number;
  /** In use at the end of `.boot0`: the empty interpreter plus the harness. */
  withHarness: number;
  /** In use after the firmware booted (after a garbage collection); includes the harness. */
  afterBoot: number;
  /** Most in use at any sample through the session (each after a garbage collection); includes the harness. */
  peak: number;
}

/**
 * Instructions per control tick counted on espruino_timing32, with the measured call's own cost
 * and the fake pin functions' extra cost over the natives taken off.
 */
export interface TickFigures {
  /** Mean over the ticks that began with the motor driven (the running part of the session). */
  meanInstructions: number;
  maxInstructions: number;
  runningTicks: number;
  /** Mean over every tick of the session (idle, countdown, running, stopping). */
  meanAllInstructions: number;
  allTicks: number;
  /** The measured native call's own cost per call. */
  wrapperInstructions: number;
  /** Fake pin-function calls per running tick (all counted fakes), and their extra cost per tick over the natives (the calibrated ones). */
  pinCallsPerTick: number;
  pinOverheadInstructions: number;
  /**
   * The firmware's other intervals over the whole session (the display's redraw, FTMS data): their
   * instructions summed, with the measured call's own cost taken off but the fakes of the display
   * bus and of Bluetooth left in (no native to calibrate them against on Linux), and their calls.
   */
  timerInstructions: number;
  timerCalls: number;
  /** Simulated length of the timing run's session, ms. */
  sessionMs: number;
  /** Bytes the firmware sent to the display's bus in the session, and the bus's bit rate (0 without a display). */
  displayBytes: number;
  displayBitrateHz: number;
}

/** Bits on an I2C bus per byte sent: eight and the acknowledge. */
const I2C_BITS_PER_BYTE = 9;

/**
 * The rest of the firmware's periodic load, as shares of the board's CPU time over the session:
 * the other intervals' instructions on the board, and the display bus's transfer time (an
 * Espruino I2C write returns when its bytes are out, so the interpreter waits through them).
 * Not a criterion of issue 10, which budgets the tick; printed so the whole load is known.
 */
export function timerShares(tick: TickFigures, machine: BoardMachine): { timers: number; displayBus: number } {
  if (tick.sessionMs <= 0) return { timers: 0, displayBus: 0 };
  const timersMs = boardMilliseconds(tick.timerInstructions, machine);
  const busMs = tick.displayBitrateHz > 0 ? (tick.displayBytes * I2C_BITS_PER_BYTE * 1000) / tick.displayBitrateHz : 0;
  return { timers: timersMs / tick.sessionMs, displayBus: busMs / tick.sessionMs };
}

/** What the device check found for one board; null where it could not measure. */
export interface BoardMeasurement {
  board: string;
  edition: string;
  bundleBytes: number;
  savedCodeBytes: number;
  machine: BoardMachine | null;
  controlPeriodMs: number;
  /** Why nothing was measured (no interpreter for the board), or ''. */
  skipped: string;
  /** Problems found: failed session checks, interpreter errors, error flags, a Storage mismatch. */
  problems: string[];
  /** What was left unmeasured and why (e.g. no valgrind): the board cannot pass then. */
  unmeasured: string[];
  /** Remarks that do not change the verdict. */
  notes: string[];
  /** Where the board's interpreter ran out of memory ('' when it did not): its figures are then not the firmware's. */
  memoryFailure: string;
  /** The harness's own variables (end of `.boot0` over the empty interpreter), of the board's total; null when not seen. */
  harnessVariables: number | null;
  totalVariables: number | null;
  memory: MemoryFigures | null;
  tick: TickFigures | null;
  /** Session checks that passed, of those run (memory interpreter). */
  checksPassed: number;
  checksRun: number;
}

export type Verdict = 'PASS' | 'FAIL' | 'INCOMPLETE' | 'SKIP';

export interface BoardVerdict {
  verdict: Verdict;
  reasons: string[];
  freeShare: number | null;
  tickMs: number | null;
  tickMaxMs: number | null;
  tickShare: number | null;
}

/** The harness's own variables: what `.boot0` left in use over the empty interpreter. */
export function harnessVariables(memory: MemoryFigures): number {
  return memory.withHarness - memory.atStart;
}

/**
 * Share of the variables free at the peak on the board: the measured peak less the harness's own
 * variables, which a board does not have. What stays in is the harness's records of watches and
 * timers, which stand in for the interpreter's own records of them, and its few pin levels, so
 * the estimate errs on the full side.
 */
export function freeShareAtPeak(memory: MemoryFigures): number {
  return (memory.total - (memory.peak - harnessVariables(memory))) / memory.total;
}

/** A share in percent to 0.1, rounded toward the limit's wrong side (a free share down, a load share up), so a miss never reads as the limit. */
export function percent(share: number, rounding: 'down' | 'up'): string {
  const tenths = rounding === 'down' ? Math.floor(share * 1000 + 1e-9) : Math.ceil(share * 1000 - 1e-9);
  return (tenths / 10).toFixed(1) + ' %';
}

/**
 * The board's verdict: FAIL when any measured criterion is missed or anything went wrong; SKIP
 * when nothing was measured; INCOMPLETE when nothing failed but a criterion was not measured;
 * PASS only when every criterion was measured and met. Never a pass that was not measured.
 */
export function judge(measurement: BoardMeasurement): BoardVerdict {
  const reasons: string[] = [];
  const result: BoardVerdict = { verdict: 'PASS', reasons, freeShare: null, tickMs: null, tickMaxMs: null, tickShare: null };
  if (measurement.skipped !== '') {
    result.verdict = 'SKIP';
    reasons.push(measurement.skipped);
    return result;
  }
  let failed = false;
  if (measurement.bundleBytes > measurement.savedCodeBytes) {
    failed = true;
    reasons.push('bundle ' + measurement.bundleBytes + ' bytes does not fit the saved-code area (' + measurement.savedCodeBytes + ')');
  }
  if (measurement.memoryFailure !== '') {
    failed = true;
    reasons.push('memory: ' + measurement.memoryFailure + ' (' + (measurement.totalVariables || '?') + ' variables, the harness\'s ' + (measurement.harnessVariables || '?') + ' among them)');
  }
  measurement.problems.forEach((problem) => {
    failed = true;
    reasons.push(problem);
  });
  if (measurement.memory !== null) {
    const free = freeShareAtPeak(measurement.memory);
    result.freeShare = free;
    if (free < MIN_FREE_SHARE) {
      failed = true;
      reasons.push('memory: ' + percent(free, 'down') + ' free at peak (without the harness), want >= ' + percent(MIN_FREE_SHARE, 'down'));
    }
  }
  if (measurement.tick !== null && measurement.machine !== null) {
    result.tickMs = boardMilliseconds(measurement.tick.meanInstructions, measurement.machine);
    result.tickMaxMs = boardMilliseconds(measurement.tick.maxInstructions, measurement.machine);
    result.tickShare = result.tickMs / measurement.controlPeriodMs;
    if (result.tickShare > MAX_TICK_SHARE) {
      failed = true;
      reasons.push('tick: ' + result.tickMs.toFixed(1) + ' ms of a ' + measurement.controlPeriodMs + ' ms period (' + percent(result.tickShare, 'up') + '), want <= ' + percent(MAX_TICK_SHARE, 'up'));
    }
  }
  const unmeasured = measurement.unmeasured.slice();
  if (measurement.memory === null && measurement.memoryFailure === '' && unmeasured.length === 0) unmeasured.push('memory');
  if (measurement.tick === null && unmeasured.length === 0) unmeasured.push('tick');
  if (failed) result.verdict = 'FAIL';
  else if (unmeasured.length > 0) result.verdict = 'INCOMPLETE';
  unmeasured.forEach((item) => reasons.push('not measured: ' + item));
  return result;
}

/** The exit status of a run: 1 when any board failed, else 0 (skipped and incomplete boards do not fail it). */
export function exitStatus(verdicts: BoardVerdict[]): number {
  return verdicts.some((item) => item.verdict === 'FAIL') ? 1 : 0;
}
