// What the beeper says: one distinct pattern per event, played on the scheduler, never in the tick.

import type { Beeper } from '../hal/beeper';
import type { Scheduler, TimerHandle } from '../hal/scheduler';

/** The events the beeper announces. */
export type BeepEvent = 'countdown' | 'start' | 'keyPulled' | 'fault' | 'refused' | 'segmentChange' | 'programEnd';

/**
 * Each event's pattern as tones: frequency Hz, duration ms, then the gap ms before the next tone
 * (the last tone has none). Why these: told apart by ear without looking at the console, each
 * by its own shape, not only its pitch. The countdown is the familiar short mid beep each second
 * and the start a longer higher one; a pulled key three fast high beeps (urgent, and the belt has
 * stopped); any other fault one long low tone; a refused press two short low buzzes (the answer is
 * on the display and the log); a program's next segment two short high beeps, so a walker facing
 * away from the console knows the pace is about to change; the end of a program three rising
 * tones.
 */
export const BEEP_PATTERNS: { [event in BeepEvent]: number[] } = {
  countdown: [1000, 150],
  start: [1500, 400],
  keyPulled: [2500, 100, 80, 2500, 100, 80, 2500, 100],
  fault: [400, 800],
  refused: [300, 80, 70, 300, 80],
  segmentChange: [1800, 90, 90, 1800, 90],
  programEnd: [1000, 160, 80, 1300, 160, 80, 1700, 320],
};

/**
 * Plays one pattern at a time on `beeper` (none on a machine without one): a new event replaces
 * the pattern still playing, and `stop` silences it. The tones are timed by `scheduler`.
 */
export class BeepPlayer {
  private readonly beeper: Beeper | undefined;
  private readonly scheduler: Scheduler;
  private pattern: number[] = [];
  /** Index of the next tone's frequency in `pattern`. */
  private next = 0;
  private timer: TimerHandle | null = null;
  private readonly playNext: () => void;

  constructor(beeper: Beeper | undefined, scheduler: Scheduler) {
    this.beeper = beeper;
    this.scheduler = scheduler;
    this.playNext = () => {
      this.timer = null;
      this.tone();
    };
  }

  /** Start `event`'s pattern now, replacing any still playing. */
  play(event: BeepEvent): void {
    if (this.beeper === undefined) return;
    this.cancel();
    this.pattern = BEEP_PATTERNS[event];
    this.next = 0;
    this.tone();
  }

  /** Silence the beeper and forget the rest of the pattern. */
  stop(): void {
    this.cancel();
    if (this.beeper !== undefined) this.beeper.silence();
  }

  private tone(): void {
    const pattern = this.pattern;
    const index = this.next;
    if (this.beeper === undefined || index + 1 >= pattern.length) return;
    this.beeper.beep(pattern[index], pattern[index + 1]);
    this.next = index + 3;
    if (index + 2 < pattern.length) this.timer = this.scheduler.after(pattern[index + 1] + pattern[index + 2], this.playNext);
  }

  private cancel(): void {
    if (this.timer !== null) this.timer.cancel();
    this.timer = null;
  }
}
