// A record kept in two alternating slots so that a write cut by power loss leaves the previous value intact.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import { numberProblem, parseRecord, rejectRecord, type StoredObject } from './stored-record';

/**
 * Why two slots: Espruino's Storage replaces a file by erasing the old one and then writing the new
 * one, so power lost in between loses the old value too. Each write goes to the slot that does not
 * hold the newest valid copy, with a sequence number one higher (field `sequence`); loading takes
 * the valid slot with the highest sequence. A cut write damages only the slot being written.
 */
export interface AlternatingRecord {
  /** Newest valid object, or null when neither slot holds one. */
  object: StoredObject | null;
  /** Name of the slot it came from ('' when none). */
  slotName: string;
  /** Its sequence number (-1 when none). */
  sequence: number;
}

/** The two slot names of the record `baseName` (at most 26 characters: each name stays within 28). */
export function slotNames(baseName: string): string[] {
  return [baseName + '.a', baseName + '.b'];
}

/** Read both slots, log what is rejected, and keep the newest valid one. Called at boot and before a write. */
export function readAlternating(storage: Storage, log: Log, baseName: string): AlternatingRecord {
  const result: AlternatingRecord = { object: null, slotName: '', sequence: -1 };
  slotNames(baseName).forEach(function (slotName) {
    const object = parseRecord(storage.read(slotName), slotName, log);
    if (object === null) return;
    // One step per flash write: no real slot gets near a billion writes, so more means damage.
    const problem = numberProblem(object.sequence, 0, 1e9, true);
    if (problem !== null) {
      rejectRecord(log, slotName, 'sequence ' + problem);
      return;
    }
    if ((object.sequence as number) > result.sequence) {
      result.object = object;
      result.slotName = slotName;
      result.sequence = object.sequence as number;
    }
  });
  return result;
}

/**
 * Write `object` (which must already carry `format`) into the slot not holding the newest copy,
 * with the next sequence number. Returns false when the storage refused the write. Called only on
 * a user's action (settings) or after calibration: rare.
 */
export function writeAlternating(storage: Storage, log: Log, baseName: string, object: StoredObject): boolean {
  const current = readAlternating(storage, log, baseName);
  const names = slotNames(baseName);
  const target = current.slotName === names[0] ? names[1] : names[0];
  object.sequence = current.sequence + 1;
  return storage.write(target, JSON.stringify(object));
}
