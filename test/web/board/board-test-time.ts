// Time for the board links' tests: the fake board's simulated clock moved in steps, with the promises the links chain settled between steps.

import type { SimScheduler } from '../../../sim/sim-scheduler';
import type { SourceTimers } from '../../../web/board/source-timers';

/** Let every pending promise and stream read run (a few macrotask turns: web streams resolve across several). */
export function settle(): Promise<void> {
  let chain = Promise.resolve();
  for (let turn = 0; turn < 5; turn++) chain = chain.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return chain;
}

/** Move the board's clock `durationMs` on in 50 ms steps, settling the links after each. */
export async function runFor(board: { scheduler: SimScheduler }, durationMs: number): Promise<void> {
  for (let doneMs = 0; doneMs < durationMs; doneMs += 50) {
    board.scheduler.advance(Math.min(50, durationMs - doneMs));
    await settle();
  }
}

/** Source timers on a simulated clock, so a test moves the links' time with the board's. */
export function timersOn(scheduler: SimScheduler): SourceTimers {
  return {
    nowMs: () => scheduler.nowMs(),
    setTimer: (callback: () => void, delayMs: number) => scheduler.after(delayMs, () => callback()),
    clearTimer: (handle: unknown) => (handle as { cancel(): void }).cancel(),
    every: (callback: () => void, periodMs: number) => scheduler.every(periodMs, () => callback()),
    clearEvery: (handle: unknown) => (handle as { cancel(): void }).cancel(),
  };
}
