// The incline lift motor: up/down inputs, a position sensor (pulses or potentiometer), end stops, faults.

import type { SeededRandom } from '../random';
import type { EdgeSink, PulseSink } from './signal-sinks';

/** Which position sensor the lift has. */
export type InclineSensorKind = 'pulses' | 'analog';

/** Tuning of the incline model. Defaults in `DEFAULT_INCLINE_OPTIONS`. */
export interface InclineOptions {
  /** Lift speed, percent grade per second (default 0.6). */
  ratePctPerS: number;
  /** End stops, percent grade (defaults 0 and 15); the lift's own limit switches stop it there. */
  minPct: number;
  maxPct: number;
  /** Position pulses per percent of grade (default 10), direction-independent like the belt sensor. */
  pulsesPerPct: number;
  /** Potentiometer reading at the end stops, fraction of reference (defaults 0.1 and 0.9). */
  analogAtMin: number;
  analogAtMax: number;
  /** Potentiometer noise, standard deviation as a fraction of reference (default 0.001). */
  analogNoise: number;
  /** The lower limit switch is active at or below this grade, percent (default 0.05). */
  lowerLimitPct: number;
}

/** Defaults of the incline model; see each field of `InclineOptions`. */
export const DEFAULT_INCLINE_OPTIONS: InclineOptions = {
  ratePctPerS: 0.6,
  minPct: 0,
  maxPct: 15,
  pulsesPerPct: 10,
  analogAtMin: 0.1,
  analogAtMax: 0.9,
  analogNoise: 0.001,
  lowerLimitPct: 0.05,
};

/**
 * The lift motor moves at a fixed rate while exactly one of up/down is on, and stops at the end
 * stops. Faults: `stuck` (no movement whatever the command), `runaway` (moves up without command
 * until its end stop), `sensorLost` (pulses stop, the potentiometer reads 0).
 */
export class InclineActuator {
  readonly options: InclineOptions;
  /** True position, percent grade. */
  positionPct: number;
  stuck = false;
  runaway = false;
  sensorLost = false;
  /** Latest potentiometer reading, fraction 0..1 (kept current by `update`). */
  analogValue = 0;
  private readonly random: SeededRandom;
  private readonly pulseSink: PulseSink | null;
  private readonly lowerLimit: EdgeSink | null;
  private atLowerLimit: boolean;

  constructor(random: SeededRandom, pulseSink: PulseSink | null, lowerLimit: EdgeSink | null, startPct: number, options?: Partial<InclineOptions>) {
    this.options = Object.assign({}, DEFAULT_INCLINE_OPTIONS, options);
    this.random = random;
    this.pulseSink = pulseSink;
    this.lowerLimit = lowerLimit;
    this.positionPct = startPct;
    this.atLowerLimit = startPct <= this.options.lowerLimitPct;
    this.updateAnalog();
  }

  /** `true` while the lower limit switch is closed. */
  lowerLimitActive(): boolean {
    return this.atLowerLimit;
  }

  /** Advance by `dtMs` (the step ending at `nowMs`) with the firmware's up/down outputs. */
  update(up: boolean, down: boolean, nowMs: number, dtMs: number): void {
    const options = this.options;
    let direction = 0;
    if (this.runaway) direction = 1;
    else if (up && !down) direction = 1;
    else if (down && !up) direction = -1;
    if (this.stuck) direction = 0;
    const fromPct = this.positionPct;
    let toPct = fromPct + (direction * options.ratePctPerS * dtMs) / 1000;
    if (toPct > options.maxPct) toPct = options.maxPct;
    if (toPct < options.minPct) toPct = options.minPct;
    this.positionPct = toPct;
    if (toPct !== fromPct) {
      this.emitPulses(fromPct, toPct, nowMs - dtMs, dtMs);
      const atLowerLimit = toPct <= options.lowerLimitPct;
      if (atLowerLimit !== this.atLowerLimit) {
        this.atLowerLimit = atLowerLimit;
        if (this.lowerLimit !== null) this.lowerLimit.queueEdge(atLowerLimit, nowMs);
      }
    }
    this.updateAnalog();
  }

  private emitPulses(fromPct: number, toPct: number, startMs: number, dtMs: number): void {
    const sink = this.pulseSink;
    if (sink === null || this.sensorLost) return;
    const pulsesPerPct = this.options.pulsesPerPct;
    let cell = Math.floor(fromPct * pulsesPerPct);
    const toCell = Math.floor(toPct * pulsesPerPct);
    const down = toCell < cell;
    while (cell !== toCell) {
      const markPct = (down ? cell : cell + 1) / pulsesPerPct;
      sink.pulse(startMs + (dtMs * (markPct - fromPct)) / (toPct - fromPct));
      cell += down ? -1 : 1;
    }
  }

  private updateAnalog(): void {
    const options = this.options;
    if (this.sensorLost) {
      this.analogValue = 0;
      return;
    }
    const fraction = (this.positionPct - options.minPct) / (options.maxPct - options.minPct);
    let value = options.analogAtMin + fraction * (options.analogAtMax - options.analogAtMin);
    if (options.analogNoise > 0) value += options.analogNoise * this.random.normal();
    this.analogValue = value < 0 ? 0 : value > 1 ? 1 : value;
  }
}
