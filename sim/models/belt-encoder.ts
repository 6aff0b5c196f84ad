// The belt sensor on the front roller: pulses per metre of travel, optional direction, and its faults.

import type { SeededRandom } from '../random';
import type { EdgeSink, PulseSink } from './signal-sinks';

/** Tuning of the encoder model. Defaults in `DEFAULT_BELT_ENCODER_OPTIONS`. */
export interface BeltEncoderOptions {
  /** Pulses per metre of belt: 3.28 for one per foot, up to several hundred for an optical disc. */
  pulsesPerMeter: number;
  /** Noise fault: chance that a real pulse is followed by a glitch pulse (default 0.5). */
  glitchProbability: number;
  /** Noise fault: a glitch follows its real pulse by this much, ms (defaults 0.05 to 0.4). */
  glitchDelayMinMs: number;
  glitchDelayMaxMs: number;
  /** Noise fault: rate of spurious pulses at random times, per second (default 2; any rate, several per physics step when high). */
  spuriousRateHz: number;
}

/** Defaults of the encoder model; see each field of `BeltEncoderOptions`. */
export const DEFAULT_BELT_ENCODER_OPTIONS: BeltEncoderOptions = {
  pulsesPerMeter: 3.28,
  glitchProbability: 0.5,
  glitchDelayMinMs: 0.05,
  glitchDelayMaxMs: 0.4,
  spuriousRateHz: 2,
};

/**
 * A reed or hall switch that closes at fixed roller angles: one pulse each time the belt
 * position crosses a multiple of 1/pulsesPerMeter, in either direction, so it cannot tell
 * forward from backward (and a belt rocking across a mark gives a pulse each time). Each edge
 * time is interpolated linearly within the physics step, so speed estimates from edge periods
 * do not snap to the step.
 *
 * With a direction sink (a quadrature-like second channel) it also reports the direction of the
 * latest crossing: active means backward.
 */
export class BeltEncoder {
  readonly options: BeltEncoderOptions;
  /** Fault: cable cut; no pulses and no direction changes. */
  disconnected = false;
  /** Fault: motor noise on the line; glitches after real pulses and spurious pulses. */
  noisy = false;
  /** Fault: the input queue overflows; edges are lost and the sink is told. */
  overflowing = false;
  /** Direction last reported: `true` is backward. */
  backward = false;
  private readonly random: SeededRandom;
  private readonly sink: PulseSink;
  /** The current step's spurious pulses: how many, how many emitted, and when the next is due (-1: none). */
  private spuriousCount = 0;
  private spuriousIndex = 0;
  private spuriousMs = -1;
  private readonly directionSink: EdgeSink | null;

  constructor(random: SeededRandom, sink: PulseSink, directionSink: EdgeSink | null, options?: Partial<BeltEncoderOptions>) {
    this.options = Object.assign({}, DEFAULT_BELT_ENCODER_OPTIONS, options);
    this.random = random;
    this.sink = sink;
    this.directionSink = directionSink;
  }

  /**
   * Emit the pulses for a belt move from `fromPositionM` to `toPositionM` during the step that
   * started at `startMs` and lasted `dtMs`. Called once per physics step.
   */
  update(fromPositionM: number, toPositionM: number, startMs: number, dtMs: number): void {
    const pulsesPerMeter = this.options.pulsesPerMeter;
    // Spurious pulses of this step: the whole expected count, plus one more by chance for its
    // fraction. Each falls at a random time in its own equal share of the step, so they come in
    // time order among the real pulses however high the rate (one share: anywhere in the step).
    this.spuriousCount = 0;
    this.spuriousIndex = 0;
    this.spuriousMs = -1;
    if (this.noisy) {
      const expected = (this.options.spuriousRateHz * dtMs) / 1000;
      this.spuriousCount = Math.floor(expected);
      if (this.random.next() < expected - this.spuriousCount) this.spuriousCount++;
      if (this.spuriousCount > 0) this.spuriousMs = startMs + (this.random.next() * dtMs) / this.spuriousCount;
    }
    let cell = Math.floor(fromPositionM * pulsesPerMeter);
    const toCell = Math.floor(toPositionM * pulsesPerMeter);
    if (cell !== toCell) {
      const backward = toCell < cell;
      const spanM = toPositionM - fromPositionM;
      while (cell !== toCell) {
        const markM = (backward ? cell : cell + 1) / pulsesPerMeter;
        let fraction = (markM - fromPositionM) / spanM;
        if (fraction < 0) fraction = 0;
        if (fraction > 1) fraction = 1;
        const timeMs = startMs + fraction * dtMs;
        this.emitSpuriousBefore(timeMs, startMs, dtMs);
        if (this.directionSink !== null && !this.disconnected && backward !== this.backward) {
          this.backward = backward;
          this.directionSink.queueEdge(backward, timeMs);
        }
        this.emit(timeMs, startMs + dtMs);
        if (this.noisy && this.random.next() < this.options.glitchProbability) {
          this.emit(timeMs + this.random.between(this.options.glitchDelayMinMs, this.options.glitchDelayMaxMs), startMs + dtMs);
        }
        cell += backward ? -1 : 1;
      }
    }
    this.emitSpuriousBefore(Infinity, startMs, dtMs);
  }

  /** Emit this step's spurious pulses due before `limitMs`, drawing each next one's time in its share of the step. */
  private emitSpuriousBefore(limitMs: number, startMs: number, dtMs: number): void {
    while (this.spuriousMs >= 0 && this.spuriousMs < limitMs) {
      this.emit(this.spuriousMs, startMs + dtMs);
      this.spuriousIndex++;
      this.spuriousMs = this.spuriousIndex < this.spuriousCount ? startMs + ((this.spuriousIndex + this.random.next()) * dtMs) / this.spuriousCount : -1;
    }
  }

  private emit(timeMs: number, stepEndMs: number): void {
    if (this.disconnected) return;
    if (this.overflowing) {
      this.sink.markOverflow();
      return;
    }
    // Never report a pulse later than the step being simulated.
    this.sink.pulse(timeMs < stepEndMs ? timeMs : stepEndMs);
  }
}
