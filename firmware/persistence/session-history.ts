// The history of the last sessions: one record per session in a ring of HISTORY_LENGTH records.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { Direction } from '../command';
import { FAULT_MESSAGES } from '../fault-code';
import { numberProblem, parseRecord, rejectRecord, RECORD_FORMAT, warnUnknownFields, type StoredObject } from './stored-record';

/** How many sessions the history keeps. */
export const HISTORY_LENGTH = 20;

/** Record name prefix: session n lives in `rt.h<n mod HISTORY_LENGTH>` (rt.h0..rt.h19). */
export const HISTORY_RECORD_PREFIX = 'rt.h';

/** How a session ended: 'fault:<code>' names a latched fault other than the key. */
export type StopReason = string;

/**
 * One finished session. There is no calendar on the board: `session` is a number that grows by one
 * per session and orders the history.
 */
export interface HistoryEntry {
  session: number;
  direction: Direction;
  durationS: number;
  forwardDistanceM: number;
  backwardDistanceM: number;
  /** Distance over duration, km/h. */
  averageSpeedKph: number;
  /** Highest measured belt speed, km/h. */
  maxSpeedKph: number;
  /** Slow-down commands during the session. */
  slowDownCount: number;
  /** 'completed' (a program ran to its end), 'user' (stop pressed), 'keyRemoved', or 'fault:<code>'. */
  stopReason: StopReason;
  peakInclinePct: number;
}

const MAX_SESSION_NUMBER = 1e12;
/** Ranges a stored entry's fields are checked against (the recorder clamps to them when writing). */
export const MAX_DURATION_S = 86400;
export const MAX_DISTANCE_M = 1e6;
/** Measured speeds can pass a cap briefly before the overspeed fault trips. */
export const MAX_RECORDED_SPEED_KPH = 50;
export const MAX_INCLINE_PCT = 30;
export const MAX_SLOW_DOWNS = 100000;

interface NumberField {
  field: string;
  max: number;
  whole: boolean;
}

const NUMBER_FIELDS: NumberField[] = [
  { field: 'session', max: MAX_SESSION_NUMBER, whole: true },
  { field: 'durationS', max: MAX_DURATION_S, whole: false },
  { field: 'forwardDistanceM', max: MAX_DISTANCE_M, whole: false },
  { field: 'backwardDistanceM', max: MAX_DISTANCE_M, whole: false },
  { field: 'averageSpeedKph', max: MAX_RECORDED_SPEED_KPH, whole: false },
  { field: 'maxSpeedKph', max: MAX_RECORDED_SPEED_KPH, whole: false },
  { field: 'slowDownCount', max: MAX_SLOW_DOWNS, whole: true },
  { field: 'peakInclinePct', max: MAX_INCLINE_PCT, whole: false },
];

const KNOWN_FIELDS = ['format', 'session', 'direction', 'durationS', 'forwardDistanceM', 'backwardDistanceM', 'averageSpeedKph', 'maxSpeedKph', 'slowDownCount', 'stopReason', 'peakInclinePct'];

/** Whether `reason` is a stop reason this firmware writes. */
export function isStopReason(reason: unknown): boolean {
  if (reason === 'completed' || reason === 'user' || reason === 'keyRemoved') return true;
  if (typeof reason !== 'string' || reason.indexOf('fault:') !== 0) return false;
  const code = reason.substring(6);
  return code !== 'keyRemoved' && Object.keys(FAULT_MESSAGES).indexOf(code) >= 0;
}

/** Why `object` is not a history entry (naming the field), or null when it is. */
export function historyEntryProblem(object: StoredObject): string | null {
  let problem: string | null = null;
  NUMBER_FIELDS.forEach(function (spec) {
    if (problem !== null) return;
    const fieldProblem = numberProblem(object[spec.field], spec.field === 'session' ? 1 : 0, spec.max, spec.whole);
    if (fieldProblem !== null) problem = spec.field + ' ' + fieldProblem;
  });
  if (problem !== null) return problem;
  if (object.direction !== 'forward' && object.direction !== 'backward') return 'direction must be "forward" or "backward"';
  if (!isStopReason(object.stopReason)) return 'stopReason ' + JSON.stringify(object.stopReason) + ' is not a known stop reason';
  return null;
}

/** Name of the ring record that holds session `session`. */
export function historyRecordName(session: number): string {
  return HISTORY_RECORD_PREFIX + (session % HISTORY_LENGTH);
}

/**
 * The valid entries of the ring, oldest first. A damaged entry is dropped whole (an entry with a
 * guessed field would mislead the progress suggestion) and logged with its record and field; the
 * others are kept. Never throws. Called at boot or at the end of a session, never per tick.
 */
export function loadHistory(storage: Storage, log: Log): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (let slot = 0; slot < HISTORY_LENGTH; slot++) {
    const recordName = HISTORY_RECORD_PREFIX + slot;
    const object = parseRecord(storage.read(recordName), recordName, log);
    if (object === null) continue;
    const problem = historyEntryProblem(object);
    if (problem !== null) {
      rejectRecord(log, recordName, problem);
      continue;
    }
    if ((object.session as number) % HISTORY_LENGTH !== slot) {
      rejectRecord(log, recordName, 'session ' + object.session + ' does not belong in this slot');
      continue;
    }
    warnUnknownFields(object, KNOWN_FIELDS, recordName, log);
    entries.push({
      session: object.session as number,
      direction: object.direction as Direction,
      durationS: object.durationS as number,
      forwardDistanceM: object.forwardDistanceM as number,
      backwardDistanceM: object.backwardDistanceM as number,
      averageSpeedKph: object.averageSpeedKph as number,
      maxSpeedKph: object.maxSpeedKph as number,
      slowDownCount: object.slowDownCount as number,
      stopReason: object.stopReason as string,
      peakInclinePct: object.peakInclinePct as number,
    });
  }
  entries.sort(function (a, b) {
    return a.session - b.session;
  });
  return entries;
}

/** The number the next session gets: one more than the highest stored (1 for an empty history). */
export function nextSessionNumber(entries: HistoryEntry[]): number {
  return entries.length === 0 ? 1 : entries[entries.length - 1].session + 1;
}

/**
 * Write one finished session into its own ring record, replacing the oldest (the session `n -
 * HISTORY_LENGTH`). A cut write loses only this entry (and that oldest one, already due to go).
 * Returns false when the storage refused. Called once per session, at its end.
 */
export function writeHistoryEntry(storage: Storage, entry: HistoryEntry): boolean {
  const object: StoredObject = {
    format: RECORD_FORMAT,
    session: entry.session,
    direction: entry.direction,
    durationS: entry.durationS,
    forwardDistanceM: entry.forwardDistanceM,
    backwardDistanceM: entry.backwardDistanceM,
    averageSpeedKph: entry.averageSpeedKph,
    maxSpeedKph: entry.maxSpeedKph,
    slowDownCount: entry.slowDownCount,
    stopReason: entry.stopReason,
    peakInclinePct: entry.peakInclinePct,
  };
  return storage.write(historyRecordName(entry.session), JSON.stringify(object));
}
