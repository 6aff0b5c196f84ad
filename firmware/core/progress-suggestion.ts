// Proposes the next backward-walking session from the stored history, following the guidance (../shared/domain.md). Pure.

import type { HistoryEntry } from '../persistence/session-history';

/** A proposal only: the user always decides. */
export interface SessionSuggestion {
  /** Session length, whole minutes (PROGRESSION.minDurationMin..maxDurationMin). */
  durationMin: number;
  /** Belt speed backward, km/h, a multiple of 0.1 within 0.8 and the backward cap. */
  speedKph: number;
  /** Always 0 here: incline is added by the user once the technique is mastered (at most 10 %). */
  inclinePct: number;
  /** Why, in words, for the console. */
  reason: string;
  /** The history entry the proposal builds on, or null for a first session. */
  basedOnSession: number | null;
}

/** The guidance's figures (../shared/domain.md, "Backward walking"). */
export const PROGRESSION = {
  /** First session: 5 minutes at 0.8 km/h (0.5 mph). */
  startDurationMin: 5,
  startSpeedKph: 0.8,
  /** Shortest proposal after backing off, and the longest: 10-15 minutes gives the benefits. */
  minDurationMin: 3,
  maxDurationMin: 15,
  /** From this length on, progress by speed rather than by time. */
  speedStageDurationMin: 10,
  durationStepMin: 1,
  speedStepKph: 0.2,
  /** Top of the typical backward walking speeds (2.5 mph). */
  typicalMaxSpeedKph: 4.0,
  /** A user-stopped session counts as completed if it lasted at least the previous one less this, s. */
  completedToleranceS: 30,
};

const USER_DECIDES = '. A suggestion only: you decide.';

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** `speedKph` in tenths, never above `capKph` (rounded down to a tenth when it would be). */
function speedWithin(speedKph: number, minKph: number, capKph: number): number {
  const rounded = roundTenth(clamp(speedKph, minKph, capKph));
  return rounded > capKph ? Math.floor(capKph * 10 + 1e-9) / 10 : rounded;
}

function minutesOf(entry: HistoryEntry): number {
  return Math.round(entry.durationS / 60);
}

function formatKph(speedKph: number): string {
  return speedKph.toFixed(1) + ' km/h';
}

/**
 * The next backward session from `history` (oldest first, as loadHistory returns it; forward
 * sessions are ignored), never above `backwardCapKph` (the configuration's backward cap) nor the
 * typical 4.0 km/h, never longer than 15 minutes.
 *
 * - No backward session yet: 5 minutes at 0.8 km/h.
 * - The last one went well (completed by a program, or stopped by the user after at least as
 *   long as the one before, and no slow-down): one minute longer below 10 minutes; from 10
 *   minutes on 0.2 km/h faster, and once at the speed limit a minute longer up to 15; at both
 *   limits, the same again.
 * - A slow-down: the same length, 0.2 km/h slower. The safety key pulled: a minute shorter and
 *   0.2 km/h slower. A machine fault: a minute shorter. Stopped early by the user: the length
 *   actually walked, same speed.
 *
 * The speed of a session is its highest measured speed (the speed walked once up to pace).
 * Called by a console when the user asks; cheap, allocation only for the result.
 */
export function suggestBackwardSession(history: HistoryEntry[], backwardCapKph: number): SessionSuggestion {
  const p = PROGRESSION;
  const speedCapKph = Math.min(backwardCapKph, p.typicalMaxSpeedKph);
  const minSpeedKph = Math.min(p.startSpeedKph, speedCapKph);
  const backward = history.filter(function (entry) {
    return entry.direction === 'backward';
  });
  if (backward.length === 0) {
    return {
      durationMin: p.startDurationMin,
      speedKph: speedWithin(p.startSpeedKph, minSpeedKph, speedCapKph),
      inclinePct: 0,
      reason: 'first backward session: ' + p.startDurationMin + ' minutes at ' + formatKph(minSpeedKph) + ', holding the rails, key clipped on' + USER_DECIDES,
      basedOnSession: null,
    };
  }
  const last = backward[backward.length - 1];
  const previous = backward.length > 1 ? backward[backward.length - 2] : null;
  const lastMin = clamp(minutesOf(last), p.minDurationMin, p.maxDurationMin);
  const lastSpeedKph = roundTenth(clamp(last.maxSpeedKph, minSpeedKph, speedCapKph));
  // What the last session aimed at: at least what the one before it reached.
  const levelMin = previous === null ? lastMin : clamp(Math.max(lastMin, minutesOf(previous)), p.minDurationMin, p.maxDurationMin);
  let durationMin = lastMin;
  let speedKph = lastSpeedKph;
  let reason: string;

  const expectedS = (previous === null ? p.startDurationMin * 60 : previous.durationS) - p.completedToleranceS;
  const stoppedEarly = last.stopReason === 'user' && last.durationS < expectedS;
  if (last.stopReason === 'keyRemoved') {
    durationMin = levelMin - p.durationStepMin;
    speedKph = lastSpeedKph - p.speedStepKph;
    reason = 'the last session ended with the safety key pulled: a minute shorter and slower';
  } else if (last.stopReason.indexOf('fault:') === 0) {
    durationMin = levelMin - p.durationStepMin;
    reason = 'the last session was stopped by a fault (' + last.stopReason.substring(6) + '): a minute shorter at the same speed';
  } else if (last.slowDownCount > 0) {
    durationMin = levelMin;
    speedKph = lastSpeedKph - p.speedStepKph;
    reason = 'slowed down ' + last.slowDownCount + ' time' + (last.slowDownCount > 1 ? 's' : '') + ' last session: the same length, slower';
  } else if (stoppedEarly) {
    durationMin = lastMin;
    reason = 'the last session was stopped after ' + minutesOf(last) + ' minutes, shorter than the one before: that length again';
  } else if (lastMin < p.speedStageDurationMin) {
    durationMin = lastMin + p.durationStepMin;
    reason = 'the last session went well (no slow-down, no stop): one minute longer';
  } else if (lastSpeedKph < speedCapKph - 0.05) {
    speedKph = Math.min(speedCapKph, lastSpeedKph + p.speedStepKph);
    reason = 'the last session went well at ' + lastMin + ' minutes: slightly faster';
  } else if (lastMin < p.maxDurationMin) {
    durationMin = lastMin + p.durationStepMin;
    reason = 'the last session went well at the speed limit: one minute longer';
  } else {
    reason = 'the last session went well at ' + p.maxDurationMin + ' minutes and the speed limit: the same again (incline may come later, at most 10 %)';
  }
  return {
    durationMin: clamp(durationMin, p.minDurationMin, p.maxDurationMin),
    speedKph: speedWithin(speedKph, minSpeedKph, speedCapKph),
    inclinePct: 0,
    reason: reason + USER_DECIDES,
    basedOnSession: last.session,
  };
}
