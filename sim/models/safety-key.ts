// The magnetic safety key (pull-cord): present or removed, with optional contact bounce.

import type { SeededRandom } from '../random';
import type { EdgeSink } from './signal-sinks';

/** Tuning of the safety key model. Defaults in `DEFAULT_SAFETY_KEY_OPTIONS`. */
export interface SafetyKeyOptions {
  /** With bounce, the contact changes this many extra times before it settles (default 1 to 3 pairs). */
  minBouncePairs: number;
  maxBouncePairs: number;
  /** With bounce, all edges happen within this time of the first, ms (default 4). */
  bounceSpanMs: number;
}

/** Defaults of the safety key model; see each field of `SafetyKeyOptions`. */
export const DEFAULT_SAFETY_KEY_OPTIONS: SafetyKeyOptions = {
  minBouncePairs: 1,
  maxBouncePairs: 3,
  bounceSpanMs: 4,
};

/**
 * The key switch. Inserting or removing it gives one edge, or with `bounce` an odd number of
 * edges (3, 5 or 7) spread over a few ms that ends at the new level. Edges go to the key's input
 * (a `SimDigitalIn`), which delivers them through the scheduler.
 */
export class SafetyKey {
  readonly options: SafetyKeyOptions;
  /** Physical state: `true` when the key is in. */
  present: boolean;
  /** Fault: the contact bounces on insert and remove. */
  bounce = false;
  private readonly random: SeededRandom;
  private readonly output: EdgeSink;

  constructor(random: SeededRandom, output: EdgeSink, present: boolean, options?: Partial<SafetyKeyOptions>) {
    this.options = Object.assign({}, DEFAULT_SAFETY_KEY_OPTIONS, options);
    this.random = random;
    this.output = output;
    this.present = present;
  }

  /** Put the key in at `nowMs`. Nothing happens when it is already in. */
  insert(nowMs: number): void {
    this.change(true, nowMs);
  }

  /** Pull the key out at `nowMs`. Nothing happens when it is already out. */
  remove(nowMs: number): void {
    this.change(false, nowMs);
  }

  private change(present: boolean, nowMs: number): void {
    if (this.present === present) return;
    this.present = present;
    const options = this.options;
    let pairs = 0;
    if (this.bounce) {
      pairs = options.minBouncePairs + Math.floor(this.random.next() * (options.maxBouncePairs - options.minBouncePairs + 1));
    }
    const edges = 2 * pairs + 1;
    let timeMs = nowMs;
    for (let index = 0; index < edges; index++) {
      // Alternate levels, ending on the new one; gaps are random but stay within the span.
      const level = index % 2 === 0 ? present : !present;
      this.output.queueEdge(level, timeMs);
      timeMs += (options.bounceSpanMs / edges) * (0.3 + 0.7 * this.random.next());
    }
  }
}
