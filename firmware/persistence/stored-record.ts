// Parsing and field-by-field checking of stored JSON records: what is rejected is logged by record and field.

import type { Log } from '../../hal/log';

/** Format version written into every record this firmware stores (field `format`). */
export const RECORD_FORMAT = 1;

/** A parsed record: a plain JSON object. */
export type StoredObject = { [key: string]: unknown };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Log one rejected part of a record: `storage: <record>: <field> rejected: <why>`. Called on load only. */
export function rejectField(log: Log, recordName: string, field: string, why: string): void {
  log.warn('storage: ' + recordName + ': ' + field + ' rejected (' + why + '); default used');
}

/** Log a whole record rejected. */
export function rejectRecord(log: Log, recordName: string, why: string): void {
  log.warn('storage: ' + recordName + ': record rejected (' + why + ')');
}

/**
 * The record's JSON object when `text` is JSON, an object, and carries `format` = RECORD_FORMAT;
 * otherwise null, with the reason logged. A missing record (`undefined`) is normal and not logged.
 * Never throws. Called at boot and at the end of a session, never per tick.
 */
export function parseRecord(text: string | undefined, recordName: string, log: Log): StoredObject | null {
  if (text === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (_error) {
    rejectRecord(log, recordName, 'not JSON: truncated or corrupt, ' + text.length + ' characters');
    return null;
  }
  if (kindOf(parsed) !== 'object') {
    rejectRecord(log, recordName, 'not a JSON object but ' + kindOf(parsed));
    return null;
  }
  const object = parsed as StoredObject;
  if (object.format !== RECORD_FORMAT) {
    rejectRecord(log, recordName, 'format ' + JSON.stringify(object.format) + ', expected ' + RECORD_FORMAT);
    return null;
  }
  return object;
}

/** Why `value` is not a finite number within min..max (and whole, when asked), or null when it is. */
export function numberProblem(value: unknown, min: number, max: number, whole: boolean): string | null {
  if (typeof value !== 'number') return 'must be a number, got ' + kindOf(value);
  if (!isFinite(value)) return 'must be a finite number';
  if (whole && value !== Math.floor(value)) return 'must be a whole number, got ' + value;
  if (!(value >= min && value <= max)) return 'must be within ' + min + '..' + max + ', got ' + value;
  return null;
}

/**
 * Field `field` of `object` when it is a number within min..max; otherwise null. An absent field
 * is logged only when `required`; a present but bad one always is.
 */
export function readNumberField(object: StoredObject, field: string, min: number, max: number, required: boolean, recordName: string, log: Log): number | null {
  const value = object[field];
  if (value === undefined) {
    if (required) rejectField(log, recordName, field, 'missing');
    return null;
  }
  const problem = numberProblem(value, min, max, false);
  if (problem !== null) {
    rejectField(log, recordName, field, problem);
    return null;
  }
  return value as number;
}

/** Log every field of `object` not in `known` (a newer firmware's field, or garbage); they are ignored. */
export function warnUnknownFields(object: StoredObject, known: string[], recordName: string, log: Log): void {
  Object.keys(object).forEach(function (key) {
    if (known.indexOf(key) < 0) log.warn('storage: ' + recordName + ': unknown field "' + key + '" ignored');
  });
}
