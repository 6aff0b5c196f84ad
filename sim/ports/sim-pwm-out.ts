// Simulated PWM output: remembers the duty the firmware wrote, and hands it to the motor model (after the board's output delay, if any).

import type { PwmOut } from '../../hal/pwm-out';
import { SimOutputLine, type OutputDelayOptions } from './sim-output-line';

/** A PWM output; the physics reads its `line` (`applied`), which may lag the writes (`SimOutputLine`). */
export class SimPwmOut implements PwmOut {
  readonly frequencyHz: number;
  readonly line: SimOutputLine<number>;

  constructor(frequencyHz: number, delay?: OutputDelayOptions) {
    this.frequencyHz = frequencyHz;
    this.line = new SimOutputLine<number>(0, delay);
  }

  write(duty: number): void {
    this.line.write(duty);
  }

  read(): number {
    return this.line.read();
  }
}
