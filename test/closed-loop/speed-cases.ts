// The table of closed-loop speed cases the tests assert and the bench prints: drives x encoders x directions x speeds and steps.

import type { Direction } from '../../firmware/command';
import type { SimDriveKind } from '../../sim/sim-treadmill';
import type { SpeedCase } from './speed-measurement';

export const DRIVES: SimDriveKind[] = ['mc2100', 'hbridge'];
/** One pulse per foot of belt (a reed switch on the roller) and a fine optical encoder. */
export const ENCODERS = [3.28, 100];
/** Starts from standstill to these targets, km/h (forward 0.8-16, backward 0.8-4). */
export const FORWARD_STARTS = [0.8, 2, 4, 8, 12, 16];
export const BACKWARD_STARTS = [0.8, 2, 3, 4];
/** Setpoint steps from a settled speed, [from, to] km/h. */
export const FORWARD_STEPS = [
  [0.8, 1.6],
  [2, 4],
  [4, 8],
  [8, 12],
  [12, 8],
  [8, 4],
  [4, 2],
  [2, 0.8],
  [0.8, 8],
  [10, 0.8],
];
export const BACKWARD_STEPS = [
  [0.8, 1.6],
  [2, 4],
  [4, 2],
  [2, 0.8],
  [4, 0.8],
];

/** Every case, each with its own seed (walker steps and cadence differ from case to case). */
export function speedTargetCases(): SpeedCase[] {
  const all: SpeedCase[] = [];
  let seed = 1;
  DRIVES.forEach((drive) => {
    ENCODERS.forEach((pulsesPerMeter) => {
      const add = (direction: Direction, fromKph: number, toKph: number) => {
        all.push({ drive, pulsesPerMeter, direction, fromKph, toKph, seed: seed++ });
      };
      FORWARD_STARTS.forEach((speedKph) => add('forward', 0, speedKph));
      BACKWARD_STARTS.forEach((speedKph) => add('backward', 0, speedKph));
      FORWARD_STEPS.forEach((step) => add('forward', step[0], step[1]));
      BACKWARD_STEPS.forEach((step) => add('backward', step[0], step[1]));
    });
  });
  return all;
}
