// Timers for the firmware: the only way it may run code later.

/** Handle of a scheduled callback. */
export interface TimerHandle {
  /** Stop the callback from running again. Safe to call more than once. */
  cancel(): void;
}

/**
 * Runs callbacks later, from the event loop, never pre-emptively.
 *
 * Contract: callbacks receive the HAL clock's time at which they run. Callbacks due at the same
 * time run in the order they were scheduled. A callback that throws does not stop an interval.
 * Nothing is ever called from inside `every` or `after` themselves.
 */
export interface Scheduler {
  /** Run `onDue` every `periodMs` milliseconds, first one period from now. */
  every(periodMs: number, onDue: (nowMs: number) => void): TimerHandle;
  /** Run `onDue` once, `delayMs` milliseconds from now. */
  after(delayMs: number, onDue: (nowMs: number) => void): TimerHandle;
}
