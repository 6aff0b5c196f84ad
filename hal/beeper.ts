// The console beeper used for the start countdown and warnings.

/**
 * A beeper. Its safe value is silence.
 *
 * Contract: `beep` returns at once; the port ends the tone by itself after `durationMs`.
 */
export interface Beeper {
  /** Sound `frequencyHz` for `durationMs` milliseconds, replacing any tone still playing. */
  beep(frequencyHz: number, durationMs: number): void;
  /** Stop any tone now. */
  silence(): void;
}
