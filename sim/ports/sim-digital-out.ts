// Simulated digital output: remembers the level the firmware wrote, and hands it to the models (after the board's output delay, if any).

import type { DigitalOut } from '../../hal/digital-out';
import { SimOutputLine, type OutputDelayOptions } from './sim-output-line';

/** A digital output; the models read its `line` (`applied`), which may lag the writes (`SimOutputLine`). */
export class SimDigitalOut implements DigitalOut {
  readonly line: SimOutputLine<boolean>;

  constructor(delay?: OutputDelayOptions) {
    this.line = new SimOutputLine<boolean>(false, delay);
  }

  write(active: boolean): void {
    this.line.write(active);
  }

  read(): boolean {
    return this.line.read();
  }
}
