// Measures how soon a runaway belt's motor is cut: from the true belt speed passing target plus margin to the motor disabled.

import type { Direction } from '../../firmware/command';
import type { TimedBoardName } from '../../hal/espruino/boards/board-timing';
import type { SimDriveKind } from '../../sim/sim-treadmill';
import { DRIVE_ENCODER_MATRIX, makeFaultRig, runSteady, variant } from './fault-rig';

/** One runaway: a machine, a board's timing, a direction and the steady speed it runs away from. */
export interface RunawayCase {
  board: TimedBoardName;
  drive: SimDriveKind;
  pulsesPerMeter: number;
  direction: Direction;
  speedKph: number;
}

export interface RunawayOutcome {
  /** From the true belt speed passing target plus margin to the motor enable off, ms; -1 if never cut. */
  cutAfterMs: number;
  /** The true belt speed when the enable went off, km/h (magnitude). */
  beltAtCutKph: number;
  /** The fault the firmware latched, or null. */
  fault: string | null;
}

/** Simulated time between looks at the belt and the motor, ms: finer than any tick or pulse. */
const LOOK_STEP_MS = 1;
/** Longest wait for the cut after the runaway begins, ms. */
const GIVE_UP_MS = 10000;

/**
 * Run `runawayCase`: steady at its speed for 8 s, then the driver ignores its duty. The margin is
 * the firmware's own overspeed margin at the target (`overspeedMarginKph` + `overspeedFraction` x
 * target), so "passing target plus margin" is the line past which the belt is running away by the
 * catalogue's definition. Looks at the simulated belt (its true speed) and the motor enable every
 * millisecond of simulated time.
 */
export function measureRunaway(runawayCase: RunawayCase): RunawayOutcome {
  const rig = makeFaultRig(variant({ board: runawayCase.board, drive: runawayCase.drive, pulsesPerMeter: runawayCase.pulsesPerMeter }));
  runSteady(rig, runawayCase.direction, runawayCase.speedKph, 8000);
  const limits = rig.config.faults;
  const lineKph = runawayCase.speedKph + limits.overspeedMarginKph + limits.overspeedFraction * runawayCase.speedKph;
  rig.sim.injectFault('driverRunaway');
  const startMs = rig.scheduler.nowMs();
  let passedMs = -1;
  while (rig.scheduler.nowMs() - startMs < GIVE_UP_MS) {
    rig.scheduler.advance(LOOK_STEP_MS);
    const beltKph = Math.abs(rig.sim.beltSpeedKph());
    if (passedMs < 0 && beltKph > lineKph) passedMs = rig.scheduler.nowMs();
    if (!rig.sim.motorEnabled()) {
      const status = rig.firmware.status();
      return { cutAfterMs: passedMs < 0 ? 0 : rig.scheduler.nowMs() - passedMs, beltAtCutKph: beltKph, fault: status.fault };
    }
  }
  return { cutAfterMs: -1, beltAtCutKph: Math.abs(rig.sim.beltSpeedKph()), fault: rig.firmware.status().fault };
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
