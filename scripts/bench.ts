// Prints the closed-loop speed figures per case (MAE, ripple, overshoot, settle) for each board's timing, and the simulator's speed for a 30-minute session.

import { DEFAULT_CONFIG } from '../firmware/config';
import { TIMED_BOARDS, type TimedBoardName } from '../hal/espruino/boards/board-timing';
import { boardConfig, boardSimOptions, boardTimingLabel, parseBoardName } from '../sim/cli/board-timing-options';
import { makeRig, startBelt } from '../test/closed-loop/harness';
import { speedTargetCases } from '../test/closed-loop/speed-cases';
import { measureRunawayOnsets, ONSETS_PER_PERIOD, runawayCases, type RunawayOutcome } from '../test/faults/runaway-measurement';
import { assessCase, caseName, measureCase, measureLoadChange, measureOpenLoop, TARGETS, type SpeedCase } from '../test/closed-loop/speed-measurement';

/*
 * Usage: npm run bench [-- --quick] [-- --board NAME]
 *   --quick skips the load-change and light-flywheel tables; --board runs one board's timing
 *   (default: every board in hal/espruino/boards/board-timing.ts).
 * Each board's tables run the firmware at that board's control period with its outputs reaching
 * the motor the board's tick time late. Figures are defined in test/closed-loop/speed-measurement.ts;
 * the same cases run as assertions in test/closed-loop/speed-tolerances.test.ts. Timing figures
 * appear only here, never in a test.
 */

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function fixed(value: number | null, digits: number): string {
  return value === null || !isFinite(value) ? '-' : value.toFixed(digits);
}

function wallMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

/** How one board's cases came out: counts of verdicts and the worst of each figure. */
interface BoardTotals {
  met: number;
  limited: number;
  failed: number;
  worstMaeKph: number;
  worstRippleKph: number;
  worstOvershootKph: number;
  worstSettleMs: number;
}

/** The per-case table at `board`'s timing; returns its verdicts and worst figures. */
function printSpeedTable(board: TimedBoardName): BoardTotals {
  const columns = ['case', 'MAE', 'mean err', 'ripple', 'phys rip', 'overshoot', 'settle ms', 'verdict'];
  const widths = [46, 7, 9, 7, 9, 10, 10, 0];
  console.log('Closed-loop speed at ' + boardTimingLabel(board) + ', 70 kg walker at 1.8 steps/s, default config (targets: MAE <= ' + TARGETS.maeKph + ', ripple <= ' + TARGETS.rippleKph + ', overshoot <= ' + TARGETS.overshootKph + ' km/h, settle <= ' + TARGETS.settleMs + ' ms)');
  console.log(columns.map((column, index) => (index === 0 ? pad(column, widths[index]) : padLeft(column, widths[index]))).join(' '));
  const totals: BoardTotals = { met: 0, limited: 0, failed: 0, worstMaeKph: 0, worstRippleKph: 0, worstOvershootKph: 0, worstSettleMs: 0 };
  speedTargetCases().forEach((plainCase: SpeedCase) => {
    const speedCase: SpeedCase = Object.assign({}, plainCase, { board });
    const figures = measureCase(speedCase);
    totals.worstMaeKph = Math.max(totals.worstMaeKph, figures.maeKph);
    totals.worstRippleKph = Math.max(totals.worstRippleKph, figures.rippleKph);
    totals.worstOvershootKph = Math.max(totals.worstOvershootKph, figures.overshootKph);
    totals.worstSettleMs = figures.settleMs < 0 ? Infinity : Math.max(totals.worstSettleMs, figures.settleMs);
    const assessment = assessCase(speedCase, figures, DEFAULT_CONFIG.maxDuty);
    const notes: string[] = [];
    if (assessment.reachKph !== null) notes.push('beyond reach ' + assessment.reachKph.toFixed(2) + ' km/h');
    if (assessment.physicalRippleKph !== null) notes.push('ripple: physical');
    let verdict: string;
    if (assessment.failures.length > 0) {
      verdict = 'FAIL: ' + assessment.failures.join('; ');
      totals.failed++;
    } else if (notes.length > 0) {
      verdict = 'limit (' + notes.join(', ') + ')';
      totals.limited++;
    } else {
      verdict = 'ok';
      totals.met++;
    }
    const row = [
      pad(caseName(speedCase), widths[0]),
      padLeft(fixed(figures.maeKph, 3), widths[1]),
      padLeft(fixed(figures.meanErrorKph, 3), widths[2]),
      padLeft(fixed(figures.rippleKph, 3), widths[3]),
      padLeft(fixed(assessment.physicalRippleKph, 3), widths[4]),
      padLeft(fixed(figures.overshootKph, 3), widths[5]),
      padLeft(String(figures.settleMs), widths[6]),
      verdict,
    ];
    console.log(row.join(' '));
  });
  return totals;
}

function printLoadChangeTable(board: TimedBoardName): void {
  console.log('');
  console.log('Load changes at a steady speed at ' + boardTimingLabel(board) + ' (stride-averaged worst deviation, time back within 0.1 km/h):');
  const machines: { drive: 'mc2100' | 'hbridge'; pulsesPerMeter: number }[] = [
    { drive: 'mc2100', pulsesPerMeter: 3.28 },
    { drive: 'mc2100', pulsesPerMeter: 100 },
    { drive: 'hbridge', pulsesPerMeter: 3.28 },
    { drive: 'hbridge', pulsesPerMeter: 100 },
  ];
  machines.forEach((machine) => {
    [0.8, 4].forEach((speedKph) => {
      [true, false].forEach((startsUnloaded) => {
        const speedCase: SpeedCase = { drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, direction: 'forward', fromKph: 0, toKph: speedKph, seed: 7, unloaded: startsUnloaded, board };
        const figures = measureLoadChange(speedCase);
        const label = machine.drive + ' ' + machine.pulsesPerMeter + '/m at ' + speedKph + ' km/h, walker steps ' + (startsUnloaded ? 'on' : 'off');
        const outcome = figures.fault !== null ? 'fault: ' + figures.fault : 'worst ' + figures.worstDeviationKph.toFixed(2) + ' km/h, back after ' + figures.recoverMs + ' ms';
        console.log('  ' + pad(label, 50) + ' ' + outcome);
      });
    });
  });
}

/** Belt mass of a treadmill with a light flywheel, kg (see `BeltOptions.effectiveMassKg`). */
const LIGHT_FLYWHEEL_BELT_KG = 45;

/**
 * Footfall ripple on a treadmill with a light flywheel: the same firmware and walker, the belt's
 * reflected mass 45 kg instead of 75. Shows how much of the ripple is the machine's: the ripple
 * with the motor held at a constant duty (open loop) is the floor no controller here can go under.
 */
function printLightFlywheelTable(board: TimedBoardName): void {
  console.log('');
  console.log('Footfall ripple with a light flywheel (' + LIGHT_FLYWHEEL_BELT_KG + ' kg belt) at ' + boardTimingLabel(board) + ', km/h: closed loop, and open loop at the same mean duty:');
  const cases: SpeedCase[] = [];
  (['mc2100', 'hbridge'] as const).forEach((drive) => {
    [3.28, 100].forEach((pulsesPerMeter) => {
      cases.push({ drive, pulsesPerMeter, direction: 'forward', fromKph: 0, toKph: 8, seed: 5, beltMassKg: LIGHT_FLYWHEEL_BELT_KG, board });
      cases.push({ drive, pulsesPerMeter, direction: 'backward', fromKph: 0, toKph: 4, seed: 6, beltMassKg: LIGHT_FLYWHEEL_BELT_KG, board });
    });
  });
  cases.forEach((speedCase) => {
    const figures = measureCase(speedCase);
    const openLoop = measureOpenLoop(speedCase, figures.meanDuty);
    console.log('  ' + pad(caseName(speedCase), 56) + ' ripple ' + figures.rippleKph.toFixed(3) + ', open loop ' + openLoop.rippleKph.toFixed(3) + (figures.rippleKph <= TARGETS.rippleKph ? '' : ' (above the ' + TARGETS.rippleKph + ' target)'));
  });
}

/**
 * A 30-minute walking session (warm-up, intervals, cool-down) with the firmware running on the
 * simulator, timed on the wall clock: simulated seconds per wall second.
 */
function printSimulatorSpeed(board: TimedBoardName): void {
  const rig = makeRig(Object.assign({ drive: 'mc2100' as const, pulsesPerMeter: 3.28, walkerMode: 'forward' as const, seed: 11 }, boardSimOptions(board)), Object.assign({ metersPerPulse: 1 / 3.28 }, boardConfig(board)));
  const program = [
    { atS: 5, speedKph: 3 },
    { atS: 180, speedKph: 5 },
    { atS: 600, speedKph: 7 },
    { atS: 900, speedKph: 5 },
    { atS: 1200, speedKph: 8 },
    { atS: 1500, speedKph: 4 },
    { atS: 1700, speedKph: 2.5 },
  ];
  const sessionS = 30 * 60;
  const startedMs = wallMs();
  startBelt(rig);
  let next = 0;
  for (let second = 0; second < sessionS; second++) {
    rig.scheduler.advance(1000);
    if (next < program.length && second >= program[next].atS) {
      rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: program[next].speedKph });
      next++;
    }
  }
  const elapsedMs = wallMs() - startedMs;
  const status = rig.firmware.status();
  console.log('');
  console.log('Simulator speed: a 30-minute session at ' + boardTimingLabel(board) + ' (MC-2100, one pulse per foot, 70 kg walker, firmware running)');
  console.log('  ' + rig.sim.physicsStepCount + ' physics steps, ' + Math.round((sessionS * 1000) / boardConfig(board).controlPeriodMs) + ' control ticks, ' + status.distanceM.toFixed(0) + ' m walked, state ' + status.state + (status.fault ? ' (' + status.fault + ')' : ''));
  console.log('  wall time ' + elapsedMs.toFixed(0) + ' ms: ' + ((sessionS * 1000) / elapsedMs).toFixed(0) + ' simulated seconds per wall second');
}

/** The runaway target of issue 11: the motor cut within this long of the true belt speed passing target plus margin, ms. */
const RUNAWAY_TARGET_MS = 300;

/** Worst and first-onset cut of `outcomes`, as the table prints them ("cut before" for 0, "never" for -1). */
function cutSummary(outcomes: RunawayOutcome[]): string {
  let worstMs = 0;
  outcomes.forEach((outcome) => {
    if (worstMs >= 0 && (outcome.cutAfterMs < 0 || outcome.cutAfterMs > worstMs)) worstMs = outcome.cutAfterMs;
  });
  const show = (ms: number) => (ms < 0 ? 'never' : ms === 0 ? 'before' : String(ms));
  return padLeft(show(worstMs), 7) + padLeft(show(outcomes[0].cutAfterMs), 7);
}

/**
 * Before: the same firmware with the reading's previous pulse withheld (what it saw before the
 * pulse evidence existed); after: as shipped. The worst over ONSETS_PER_PERIOD onsets spread over
 * one control period, and the first onset (8 s steady). The evidence bound is the earliest cut a
 * tick-based check can make on a pulse interval whose mean is over the line.
 */
function printRunawayTable(board: TimedBoardName): void {
  console.log('');
  console.log('Runaway detection at ' + boardTimingLabel(board) + ' (driver ignoring its duty after 8 s steady, ' + ONSETS_PER_PERIOD + ' onsets over one period): from the true belt speed passing target + margin to the motor disabled (its enable as the motor sees it), ms (target ' + RUNAWAY_TARGET_MS + ' ms):');
  console.log('  ' + pad('machine', 40) + padLeft('before: worst', 14) + padLeft('first', 7) + padLeft('after: worst', 14) + padLeft('first', 7) + padLeft('evidence bound', 16));
  runawayCases(board).forEach((runawayCase) => {
    const before = measureRunawayOnsets(runawayCase, 'previousPulseWithheld');
    const after = measureRunawayOnsets(runawayCase, 'withEvidence');
    let boundMs = -1;
    let worstAfterMs = 0;
    after.forEach((outcome) => {
      if (outcome.evidenceBoundMs > boundMs) boundMs = outcome.evidenceBoundMs;
      if (outcome.cutAfterMs > worstAfterMs) worstAfterMs = outcome.cutAfterMs;
    });
    const name = runawayCase.drive + ' ' + runawayCase.pulsesPerMeter + '/m ' + runawayCase.direction + ' at ' + runawayCase.speedKph + ' km/h';
    const verdict = worstAfterMs <= RUNAWAY_TARGET_MS ? '' : worstAfterMs <= boundMs ? '  (at the evidence bound)' : '  (over the target)';
    console.log('  ' + pad(name, 40) + padLeft(cutSummary(before), 21) + padLeft(cutSummary(after), 21) + padLeft(boundMs < 0 ? '-' : String(boundMs), 16) + verdict);
  });
}

function main(): void {
  const quick = process.argv.indexOf('--quick') >= 0;
  const boardAt = process.argv.indexOf('--board');
  const boards = boardAt >= 0 ? [parseBoardName(process.argv[boardAt + 1] || '')] : TIMED_BOARDS;
  const startedMs = wallMs();
  const summary: string[] = [];
  let failed = 0;
  boards.forEach((board) => {
    const totals = printSpeedTable(board);
    failed += totals.failed;
    console.log('');
    console.log(boardTimingLabel(board) + ': ' + totals.met + ' cases meet every target, ' + totals.limited + ' meet a physical or information limit instead (see test/closed-loop/speed-tolerances.test.ts), ' + totals.failed + ' fail');
    if (!quick) {
      printLoadChangeTable(board);
      printLightFlywheelTable(board);
      printRunawayTable(board);
    }
    printSimulatorSpeed(board);
    console.log('');
    summary.push(
      '  ' + pad(boardTimingLabel(board), 34) + padLeft(totals.met + '/' + (totals.met + totals.limited + totals.failed), 8) + padLeft(fixed(totals.worstMaeKph, 3), 8) +
        padLeft(fixed(totals.worstRippleKph, 3), 8) + padLeft(fixed(totals.worstOvershootKph, 3), 11) + padLeft(isFinite(totals.worstSettleMs) ? String(totals.worstSettleMs) : 'never', 11),
    );
  });
  console.log('Worst case per board (targets: MAE ' + TARGETS.maeKph + ', ripple ' + TARGETS.rippleKph + ', overshoot ' + TARGETS.overshootKph + ' km/h, settle ' + TARGETS.settleMs + ' ms):');
  console.log('  ' + pad('board timing', 34) + padLeft('met', 8) + padLeft('MAE', 8) + padLeft('ripple', 8) + padLeft('overshoot', 11) + padLeft('settle ms', 11));
  summary.forEach((line) => console.log(line));
  console.log('');
  console.log('bench took ' + ((wallMs() - startedMs) / 1000).toFixed(1) + ' s');
  if (failed > 0) process.exitCode = 1;
}

main();
