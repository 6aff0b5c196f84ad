// Simulated beeper: records every tone the firmware asks for.

import type { Beeper } from '../../hal/beeper';
import type { Clock } from '../../hal/clock';

/** One tone the firmware played. */
export interface SimTone {
  timeMs: number;
  frequencyHz: number;
  durationMs: number;
}

/** A beeper that records tones with their start times; a tone ends by itself or on `silence`. */
export class SimBeeper implements Beeper {
  readonly tones: SimTone[] = [];
  /** Calls to `silence` so far. */
  silenceCount = 0;
  private readonly clock: Clock;
  private soundingUntilMs = -1;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  beep(frequencyHz: number, durationMs: number): void {
    const nowMs = this.clock.nowMs();
    this.tones.push({ timeMs: nowMs, frequencyHz: frequencyHz, durationMs: durationMs });
    this.soundingUntilMs = nowMs + durationMs;
  }

  silence(): void {
    this.silenceCount++;
    this.soundingUntilMs = -1;
  }

  /** `true` while a tone is playing. */
  isSounding(): boolean {
    return this.clock.nowMs() < this.soundingUntilMs;
  }
}
