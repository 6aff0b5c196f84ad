// The clock and timers a board source runs on: the browser's in the page, a fake one in the tests.

/** Clock and timers of a source, given by the page (the browser's) or a test (a fake): the sources reach no global. */
export interface SourceTimers {
  nowMs(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
  every(callback: () => void, periodMs: number): unknown;
  clearEvery(handle: unknown): void;
}

/** The browser's (or Node's) timers and clock, for the page. */
export function globalTimers(): SourceTimers {
  return {
    nowMs: () => performance.now(),
    setTimer: (callback: () => void, delayMs: number) => setTimeout(callback, delayMs),
    clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    every: (callback: () => void, periodMs: number) => setInterval(callback, periodMs),
    clearEvery: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
}
