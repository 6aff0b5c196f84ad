// Scheduler on Espruino's setInterval/setTimeout, with callbacks that receive the clock's time.

import type { Clock } from '../clock';
import type { Scheduler, TimerHandle } from '../scheduler';

/** Where a callback's exception goes (the composition root logs it). */
export type TimerErrorHandler = (error: unknown) => void;

/**
 * Espruino timers do not drift and are not pre-emptive: a callback runs late by the longest
 * other callback. Each callback gets `clock.nowMs()` at the moment it runs.
 *
 * Every callback is wrapped: an exception goes to `onError` and the interval keeps running
 * (the next control tick must still come and re-assert safe outputs). The wrapper is made once
 * per timer, so a running interval allocates nothing per call.
 */
export class EspruinoScheduler implements Scheduler {
  private readonly clock: Clock;
  private readonly onError: TimerErrorHandler;

  constructor(clock: Clock, onError: TimerErrorHandler) {
    this.clock = clock;
    this.onError = onError;
  }

  every(periodMs: number, onDue: (nowMs: number) => void): TimerHandle {
    const clock = this.clock;
    const onError = this.onError;
    const id = setInterval(() => {
      try {
        onDue(clock.nowMs());
      } catch (error) {
        onError(error);
      }
    }, periodMs);
    let active = true;
    return {
      cancel: () => {
        if (!active) return;
        active = false;
        clearInterval(id);
      },
    };
  }

  after(delayMs: number, onDue: (nowMs: number) => void): TimerHandle {
    const clock = this.clock;
    const onError = this.onError;
    // Why the flag: clearing a timeout that already ran is at best useless, and on older
    // interpreters an error; `cancel` must be safe at any time.
    let pending = true;
    const id = setTimeout(() => {
      pending = false;
      try {
        onDue(clock.nowMs());
      } catch (error) {
        onError(error);
      }
    }, delayMs);
    return {
      cancel: () => {
        if (!pending) return;
        pending = false;
        clearTimeout(id);
      },
    };
  }
}
