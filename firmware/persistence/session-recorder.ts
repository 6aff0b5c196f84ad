// Sums up the running session for the history: started and finished by state changes, sampled per tick without allocating.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { FaultCode } from '../fault-code';
import type { TreadmillStatus } from '../treadmill-status';
import { loadHistory, MAX_DISTANCE_M, MAX_DURATION_S, MAX_INCLINE_PCT, MAX_RECORDED_SPEED_KPH, MAX_SLOW_DOWNS, nextSessionNumber, writeHistoryEntry, type HistoryEntry } from './session-history';

/** `value` within 0..max, rounded to 1/perUnit (10: tenths); stored records stay short and within their checked ranges. */
function storedNumber(value: number, perUnit: number, max: number): number {
  return Math.round(Math.min(max, Math.max(0, value)) * perUnit) / perUnit;
}

/**
 * Accumulates one session (from the belt starting to run until it is idle or latched in a fault)
 * and writes it to the history when it ends: one storage write per session. Nothing here is ever
 * stored as something to resume.
 *
 * The treadmill calls `start` when the countdown ends, `sample` every control tick while the belt
 * runs or stops, `noteSlowDown` on an accepted slow-down, and `finish` when the session ends.
 * A program runner calls `markCompleted` just before it stops the belt at the program's end.
 */
export class SessionRecorder {
  private active = false;
  private completed = false;
  private startMs = 0;
  private lastDistanceM = 0;
  private forwardDistanceM = 0;
  private backwardDistanceM = 0;
  private maxSpeedKph = 0;
  private peakInclinePct = 0;
  private slowDownCount = 0;
  private direction: 'forward' | 'backward' = 'forward';
  /** Next session number; -1 until the history has been read once (at the first session's end). */
  private nextSession = -1;

  /** Number the sessions after the stored `history` (read at boot); without it the history is read at the first session's end. */
  continueHistory(history: HistoryEntry[]): void {
    this.nextSession = nextSessionNumber(history);
  }

  /** Whether a session is being recorded. */
  isActive(): boolean {
    return this.active;
  }

  /** A session starts: the belt begins to run after the countdown. */
  start(status: TreadmillStatus, nowMs: number): void {
    this.active = true;
    this.completed = false;
    this.startMs = nowMs;
    this.lastDistanceM = status.distanceM;
    this.forwardDistanceM = 0;
    this.backwardDistanceM = 0;
    this.maxSpeedKph = 0;
    this.peakInclinePct = status.inclinePct;
    this.slowDownCount = 0;
    this.direction = status.direction;
  }

  /** Once per control tick while running or stopping: distance by direction, peaks. No allocation. */
  sample(status: TreadmillStatus): void {
    if (!this.active) return;
    const travelledM = status.distanceM - this.lastDistanceM;
    this.lastDistanceM = status.distanceM;
    if (travelledM > 0) {
      if (status.direction === 'backward') this.backwardDistanceM += travelledM;
      else this.forwardDistanceM += travelledM;
    }
    if (status.measuredSpeedKph > this.maxSpeedKph) this.maxSpeedKph = status.measuredSpeedKph;
    if (status.inclinePct > this.peakInclinePct) this.peakInclinePct = status.inclinePct;
  }

  /** An accepted slow-down command during the session. */
  noteSlowDown(): void {
    if (this.active) this.slowDownCount++;
  }

  /** The running program has reached its end: the stop that follows completes the session. */
  markCompleted(): void {
    if (this.active) this.completed = true;
  }

  /**
   * The session ended (idle, free belt or a latched fault): build its entry and write it, once.
   * Never throws; a failed write is logged. Returns the entry written (or that failed to be written),
   * or null when no session was being recorded.
   */
  finish(status: TreadmillStatus, fault: FaultCode | null, nowMs: number, storage: Storage, log: Log): HistoryEntry | null {
    if (!this.active) return null;
    this.sample(status);
    this.active = false;
    let stopReason = this.completed ? 'completed' : 'user';
    if (fault === 'keyRemoved') stopReason = 'keyRemoved';
    else if (fault !== null) stopReason = 'fault:' + fault;
    const durationS = Math.max(0, (nowMs - this.startMs) / 1000);
    const distanceM = this.forwardDistanceM + this.backwardDistanceM;
    if (this.nextSession < 0) this.nextSession = nextSessionNumber(loadHistory(storage, log));
    const entry: HistoryEntry = {
      session: this.nextSession,
      direction: this.direction,
      durationS: storedNumber(durationS, 10, MAX_DURATION_S),
      forwardDistanceM: storedNumber(this.forwardDistanceM, 10, MAX_DISTANCE_M),
      backwardDistanceM: storedNumber(this.backwardDistanceM, 10, MAX_DISTANCE_M),
      averageSpeedKph: durationS > 0 ? storedNumber((distanceM / durationS) * 3.6, 100, MAX_RECORDED_SPEED_KPH) : 0,
      maxSpeedKph: storedNumber(this.maxSpeedKph, 100, MAX_RECORDED_SPEED_KPH),
      slowDownCount: Math.min(this.slowDownCount, MAX_SLOW_DOWNS),
      stopReason: stopReason,
      peakInclinePct: storedNumber(this.peakInclinePct, 10, MAX_INCLINE_PCT),
    };
    if (writeHistoryEntry(storage, entry)) {
      this.nextSession++;
      log.info('history: session ' + entry.session + ' stored (' + stopReason + ')');
    } else {
      // The number is reused by the next session: the ring keeps no hole for a lost write.
      log.warn('history: session ' + entry.session + ' not stored: storage write failed');
    }
    return entry;
  }
}
