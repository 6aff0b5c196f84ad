// Time for the board links' tests: the fake board's simulated clock moved in steps, with the promises the links chain settled between steps.

import type { FakeConsoleBoard } from './fake-console-board';

/** Let every pending promise and stream read run (a few macrotask turns: web streams resolve across several). */
export function settle(): Promise<void> {
  let chain = Promise.resolve();
  for (let turn = 0; turn < 5; turn++) chain = chain.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return chain;
}

/** Move the board's clock `durationMs` on in 50 ms steps, settling the links after each. */
export async function runFor(board: { scheduler: FakeConsoleBoard['scheduler'] }, durationMs: number): Promise<void> {
  for (let doneMs = 0; doneMs < durationMs; doneMs += 50) {
    board.scheduler.advance(Math.min(50, durationMs - doneMs));
    await settle();
  }
}
