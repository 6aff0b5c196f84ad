// The simulated machines the web console offers: the simulator's drives and belt sensors, with words for the page.

import type { SimDriveKind } from '../sim/sim-treadmill';

/** One choice of a select: its value and what the page says for it. */
export interface MachineChoice<T> {
  value: T;
  label: string;
}

/** The simulator's motor drives (sim/sim-treadmill.ts, SimDriveKind). */
export const DRIVE_CHOICES: MachineChoice<SimDriveKind>[] = [
  { value: 'mc2100', label: 'MC-2100 motor controller board' },
  { value: 'hbridge', label: 'H-bridge (PWM straight to the motor)' },
];

/**
 * Belt sensors the tests and the bench hold the firmware to: a reed switch on the roller (one
 * pulse per foot, the reference treadmill's) and a fine encoder. Values are pulses per metre.
 */
export const BELT_SENSOR_CHOICES: MachineChoice<number>[] = [
  { value: 3.28, label: 'reed switch, one pulse per foot' },
  { value: 100, label: 'encoder, 100 pulses per metre' },
];

/** The label of `value` among `choices`, or the value itself when it is not one of them. */
export function choiceLabel<T>(choices: MachineChoice<T>[], value: T): string {
  const found = choices.filter((choice) => choice.value === value);
  return found.length > 0 ? found[0].label : String(value);
}
