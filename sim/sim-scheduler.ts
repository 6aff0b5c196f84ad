// Deterministic simulated time: a clock plus a scheduler ordered by (due time, registration order).

import type { Clock } from '../hal/clock';
import type { Scheduler, TimerHandle } from '../hal/scheduler';

/** One scheduled callback. `periodMs` 0 means run once. */
interface SimTimer {
  dueMs: number;
  sequence: number;
  periodMs: number;
  onDue: (nowMs: number) => void;
  cancelled: boolean;
}

function runsBefore(a: SimTimer, b: SimTimer): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.sequence < b.sequence);
}

/**
 * The simulator's only source of time (lock-step, as in ArduPilot SITL). Nothing moves until a
 * caller runs it forward; ties resolve by insertion order, so every run is reproducible.
 * A binary heap keeps a 30-minute session (hundreds of thousands of events) fast.
 */
export class SimScheduler implements Clock, Scheduler {
  private timeMs = 0;
  private nextSequence = 0;
  private readonly heap: SimTimer[] = [];
  /** Errors thrown by callbacks, as a device would swallow them in a timer; tests inspect them. */
  readonly errors: unknown[] = [];

  nowMs(): number {
    return this.timeMs;
  }

  every(periodMs: number, onDue: (nowMs: number) => void): TimerHandle {
    if (!(periodMs > 0)) throw new Error('SimScheduler.every: periodMs must be above 0, got ' + periodMs);
    return this.add(this.timeMs + periodMs, periodMs, onDue);
  }

  after(delayMs: number, onDue: (nowMs: number) => void): TimerHandle {
    return this.add(this.timeMs + Math.max(0, delayMs), 0, onDue);
  }

  /** Schedule at an absolute simulated time (used by sim models to queue edges). */
  at(timeMs: number, onDue: (nowMs: number) => void): TimerHandle {
    return this.add(Math.max(this.timeMs, timeMs), 0, onDue);
  }

  /** Run every callback due at or before `endMs`, in order, then set the clock to `endMs`. */
  runUntil(endMs: number): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0].dueMs <= endMs) {
      const timer = this.pop();
      if (timer.cancelled) continue;
      this.timeMs = timer.dueMs;
      if (timer.periodMs > 0) {
        // A periodic timer keeps its registration order, so at equal times the physics (registered
        // first) always runs before the firmware's tick, every period.
        timer.dueMs += timer.periodMs;
        this.push(timer);
      }
      try {
        timer.onDue(this.timeMs);
      } catch (error) {
        // A device keeps its intervals running after a throw; so does the simulator.
        this.errors.push(error);
      }
    }
    if (endMs > this.timeMs) this.timeMs = endMs;
  }

  /** Run forward by `durationMs`. */
  advance(durationMs: number): void {
    this.runUntil(this.timeMs + durationMs);
  }

  /** Number of timers still scheduled (cancelled ones may linger until they come due). */
  pendingCount(): number {
    return this.heap.length;
  }

  private add(dueMs: number, periodMs: number, onDue: (nowMs: number) => void): TimerHandle {
    const timer: SimTimer = { dueMs, sequence: this.nextSequence++, periodMs, onDue, cancelled: false };
    this.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  private push(timer: SimTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!runsBefore(heap[index], heap[parent])) break;
      const swap = heap[parent];
      heap[parent] = heap[index];
      heap[index] = swap;
      index = parent;
    }
  }

  private pop(): SimTimer {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as SimTimer;
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && runsBefore(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && runsBefore(heap[right], heap[smallest])) smallest = right;
        if (smallest === index) break;
        const swap = heap[smallest];
        heap[smallest] = heap[index];
        heap[index] = swap;
        index = smallest;
      }
    }
    return top;
  }
}
