// Simulated digital input: edges from the models, delivered to watchers through the scheduler.

import type { DigitalIn, EdgeEvent, WatchHandle } from '../../hal/digital-in';
import type { EdgeSink } from '../models/signal-sinks';
import type { SimScheduler } from '../sim-scheduler';

/** One watcher of a `SimDigitalIn`. */
interface SimWatcher {
  onEdge: (edge: EdgeEvent) => void;
  active: boolean;
}

/**
 * A digital input fed by a model (key, button, direction sensor, limit switch). Each queued
 * edge is a scheduler event at the edge's time (or now, when the edge lies in the past): the level
 * changes then, and every watcher is called from that event, in the order the watches were made.
 * Nothing is ever called from inside `read`, `watch` or `queueEdge`. Same-time edges keep the
 * order they were queued in (the scheduler's insertion order).
 *
 * Edges are delivered raw, as the contact makes them: any debouncing is the firmware's job or the
 * device port's.
 */
export class SimDigitalIn implements DigitalIn, EdgeSink {
  /** Edges delivered so far (level changes, not counting queued ones still pending). */
  edgeCount = 0;
  private readonly scheduler: SimScheduler;
  private level: boolean;
  private watchers: SimWatcher[] = [];

  constructor(scheduler: SimScheduler, initialLevel: boolean) {
    this.scheduler = scheduler;
    this.level = initialLevel;
  }

  read(): boolean {
    return this.level;
  }

  watch(onEdge: (edge: EdgeEvent) => void): WatchHandle {
    const watcher: SimWatcher = { onEdge: onEdge, active: true };
    this.watchers.push(watcher);
    return {
      cancel: () => {
        if (!watcher.active) return;
        watcher.active = false;
        this.watchers = this.watchers.filter(function (other) {
          return other !== watcher;
        });
      },
    };
  }

  /** Number of watches not cancelled. */
  watcherCount(): number {
    return this.watchers.length;
  }

  /** Forget every watcher (a simulated board reset drops the old firmware's watches). */
  clearWatchers(): void {
    this.watchers.forEach(function (watcher) {
      watcher.active = false;
    });
    this.watchers = [];
  }

  /**
   * Queue a change to `active` at `timeMs`. An edge that does not change the level when its turn
   * comes is dropped (a pin cannot rise twice).
   */
  queueEdge(active: boolean, timeMs: number): void {
    this.scheduler.at(timeMs, () => {
      this.deliver(active, timeMs);
    });
  }

  private deliver(active: boolean, timeMs: number): void {
    if (this.level === active) return;
    this.level = active;
    this.edgeCount++;
    const edge: EdgeEvent = { active: active, timeMs: timeMs };
    // A watch made or cancelled by a callback takes effect from the next edge.
    const watchers = this.watchers;
    const errors = this.scheduler.errors;
    watchers.forEach(function (watcher) {
      if (!watcher.active) return;
      try {
        watcher.onEdge(edge);
      } catch (error) {
        // Like separate setWatch callbacks on the device: one throwing does not starve the others.
        errors.push(error);
      }
    });
  }
}
