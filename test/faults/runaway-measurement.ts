// Measures how soon a runaway belt's motor is cut: from the true belt speed passing target plus margin to the motor disabled.

import type { Direction } from '../../firmware/command';
import { BOARD_TIMING, type TimedBoardName } from '../../hal/espruino/boards/board-timing';
import type { PulseReading } from '../../hal/pulse-counter';
import type { SimDriveKind } from '../../sim/sim-treadmill';
import { DRIVE_ENCODER_MATRIX, makeFaultRig, runSteady, variant } from './fault-rig';
import { withholdPreviousPulse } from './previous-pulse-withheld';

/** One runaway: a machine, a board's timing, a direction and the steady speed it runs away from. */
export interface RunawayCase {
  board: TimedBoardName;
  drive: SimDriveKind;
  pulsesPerMeter: number;
  direction: Direction;
  speedKph: number;
}

export interface RunawayOutcome {
  /** From the true belt speed passing target plus margin to the motor disabled, ms; 0 if cut before it passed; -1 if never cut. */
  cutAfterMs: number;
  /** The true belt speed when the motor was disabled, km/h (magnitude). */
  beltAtCutKph: number;
  /** The fault the firmware latched, or null. */
  fault: string | null;
  /**
   * The earliest cut the pulses allow a check run by the control tick, from the same passing, ms:
   * the first tick at or after both the passing and the first pulse whose interval's mean speed
   * is over the line, plus the board's tick time (-1 if no such pulse came before the cut).
   * Earlier needs a prediction, not evidence, or the belt truly over the line at a tick (the
   * first tick after passing plus the tick time, at most one period plus the tick time).
   */
  evidenceBoundMs: number;
}

/** Simulated time between looks at the belt and the motor, ms: finer than any tick or pulse. */
const LOOK_STEP_MS = 1;
/** Longest wait for the cut after the runaway begins, ms. */
const GIVE_UP_MS = 10000;
/** Steady running before the driver runs away, ms. */
const STEADY_MS = 8000;
/** Runaway onsets per case, spread evenly over one control period (where the belt passes the line between two ticks matters). */
export const ONSETS_PER_PERIOD = 10;

/** How a measurement runs: with the firmware's pulse evidence (as shipped) or without it (before it existed). */
export type EvidenceMode = 'withEvidence' | 'previousPulseWithheld';

/**
 * Run `runawayCase`: steady at its speed for 8 s plus `onsetOffsetMs`, then the driver ignores its
 * duty. The line is the firmware's own overspeed margin at the target (`overspeedMarginKph` +
 * `overspeedFraction` x target), the catalogue's definition of running away. Looks every
 * millisecond of simulated time at the true belt speed and at the motor enable as the motor sees
 * it (the board's tick time after the firmware writes it: the motor is disabled then, not when the
 * tick decides).
 */
export function measureRunaway(runawayCase: RunawayCase, onsetOffsetMs?: number, mode?: EvidenceMode): RunawayOutcome {
  const adaptHal = mode === 'previousPulseWithheld' ? withholdPreviousPulse : undefined;
  const rig = makeFaultRig(variant({ board: runawayCase.board, drive: runawayCase.drive, pulsesPerMeter: runawayCase.pulsesPerMeter }), undefined, adaptHal);
  runSteady(rig, runawayCase.direction, runawayCase.speedKph, STEADY_MS + (onsetOffsetMs || 0));
  const limits = rig.config.faults;
  const lineKph = runawayCase.speedKph + limits.overspeedMarginKph + limits.overspeedFraction * runawayCase.speedKph;
  const periodMs = rig.config.controlPeriodMs;
  const tickMs = BOARD_TIMING[runawayCase.board].tickMs;
  const metersPerPulse = 1 / runawayCase.pulsesPerMeter;
  const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
  rig.sim.injectFault('driverRunaway');
  const startMs = rig.scheduler.nowMs();
  let passedMs = -1;
  let evidenceMs = -1;
  let seenPulseMs = -1;
  while (rig.scheduler.nowMs() - startMs < GIVE_UP_MS) {
    rig.scheduler.advance(LOOK_STEP_MS);
    const nowMs = rig.scheduler.nowMs();
    const beltKph = Math.abs(rig.sim.beltSpeedKph());
    if (passedMs < 0 && beltKph > lineKph) passedMs = nowMs;
    rig.sim.encoderCounter.read(reading);
    if (reading.lastPulseMs !== seenPulseMs) {
      seenPulseMs = reading.lastPulseMs;
      const intervalMs = reading.lastPulseMs - reading.previousPulseMs;
      if (evidenceMs < 0 && reading.previousPulseMs >= 0 && intervalMs > 0 && ((metersPerPulse * 3600) / intervalMs) > lineKph) evidenceMs = reading.lastPulseMs;
    }
    if (!rig.sim.motorEnable.line.applied()) {
      const fromMs = evidenceMs > passedMs ? evidenceMs : passedMs;
      return {
        cutAfterMs: passedMs < 0 ? 0 : nowMs - passedMs,
        beltAtCutKph: beltKph,
        fault: rig.firmware.status().fault,
        evidenceBoundMs: passedMs < 0 || evidenceMs < 0 ? -1 : Math.ceil(fromMs / periodMs) * periodMs + tickMs - passedMs,
      };
    }
  }
  return { cutAfterMs: -1, beltAtCutKph: Math.abs(rig.sim.beltSpeedKph()), fault: rig.firmware.status().fault, evidenceBoundMs: -1 };
}

/** `runawayCase` at `ONSETS_PER_PERIOD` onsets spread over one control period, in order. */
export function measureRunawayOnsets(runawayCase: RunawayCase, mode?: EvidenceMode): RunawayOutcome[] {
  const periodMs = BOARD_TIMING[runawayCase.board].controlPeriodMs;
  const outcomes: RunawayOutcome[] = [];
  // Whole milliseconds: the look step is 1 ms, so an onset between two looks would put the passing
  // and the evidence bound half a look apart (a 225 ms period's tenth is 22.5 ms).
  for (let onset = 0; onset < ONSETS_PER_PERIOD; onset++) outcomes.push(measureRunaway(runawayCase, Math.round((onset * periodMs) / ONSETS_PER_PERIOD), mode));
  return outcomes;
}

/** The runaways the bench reports and the test holds to the target: every machine, both directions, slow and brisk. */
export function runawayCases(board: TimedBoardName): RunawayCase[] {
  const cases: RunawayCase[] = [];
  DRIVE_ENCODER_MATRIX.forEach((machine) => {
    [
      { direction: 'forward' as Direction, speedKph: 0.8 },
      { direction: 'forward' as Direction, speedKph: 5 },
      { direction: 'forward' as Direction, speedKph: 10 },
      { direction: 'backward' as Direction, speedKph: 0.8 },
      { direction: 'backward' as Direction, speedKph: 3 },
    ].forEach((run) => cases.push({ board: board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, direction: run.direction, speedKph: run.speedKph }));
  });
  return cases;
}
