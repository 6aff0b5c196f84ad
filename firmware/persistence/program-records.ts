// Custom program records: the program's raw JSON text stored under its own record, one per program.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { CommandResult } from '../command';
import { parseRecord, rejectField, RECORD_FORMAT, warnUnknownFields } from './stored-record';

/** Record name prefix: program "intervals" lives in `rt.p.intervals`. */
export const PROGRAM_RECORD_PREFIX = 'rt.p.';

/** Longest program name: the record name must stay within Storage's 28 characters. */
export const MAX_PROGRAM_NAME_LENGTH = 28 - PROGRAM_RECORD_PREFIX.length;

/** Largest program text accepted, characters: flash and the interpreter's memory are small. */
export const MAX_PROGRAM_TEXT_CHARS = 4000;

/** Why `name` cannot name a program (letters, digits, '-' and '_'), or null when it can. */
export function programNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_PROGRAM_NAME_LENGTH) return 'a program name needs 1..' + MAX_PROGRAM_NAME_LENGTH + ' characters';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return 'a program name may hold only letters, digits, "-" and "_"';
  return null;
}

/**
 * Store a program's JSON text under its name, replacing one of the same name. Only the envelope is
 * checked here (name, size, that the text is JSON); the program's content is validated by the
 * program part before it runs. Refuses with a message; never throws. On a user's action only.
 */
export function saveProgram(storage: Storage, name: string, programText: string): CommandResult {
  const nameProblem = programNameProblem(name);
  if (nameProblem !== null) return { accepted: false, message: 'program refused: ' + nameProblem };
  if (typeof programText !== 'string') return { accepted: false, message: 'program refused: the program must be JSON text' };
  if (programText.length > MAX_PROGRAM_TEXT_CHARS) return { accepted: false, message: 'program refused: ' + programText.length + ' characters, at most ' + MAX_PROGRAM_TEXT_CHARS };
  try {
    JSON.parse(programText);
  } catch (_error) {
    return { accepted: false, message: 'program refused: not JSON' };
  }
  const text = JSON.stringify({ format: RECORD_FORMAT, name: name, text: programText });
  if (!storage.write(PROGRAM_RECORD_PREFIX + name, text)) return { accepted: false, message: 'program not saved: storage write failed' };
  return { accepted: true, message: 'program ' + name + ' saved' };
}

/** Names of the stored programs (whatever their state; loadProgram checks each). */
export function listPrograms(storage: Storage): string[] {
  return storage.list(PROGRAM_RECORD_PREFIX).map(function (recordName) {
    return recordName.substring(PROGRAM_RECORD_PREFIX.length);
  });
}

/**
 * The stored JSON text of program `name`, or null when it is missing or damaged (logged: record and
 * field). Never throws. Called when the user picks a program.
 */
export function loadProgram(storage: Storage, log: Log, name: string): string | null {
  if (programNameProblem(name) !== null) return null;
  const recordName = PROGRAM_RECORD_PREFIX + name;
  const object = parseRecord(storage.read(recordName), recordName, log);
  if (object === null) return null;
  warnUnknownFields(object, ['format', 'name', 'text'], recordName, log);
  const text = object.text;
  if (typeof text !== 'string' || text.length > MAX_PROGRAM_TEXT_CHARS) {
    rejectField(log, recordName, 'text', typeof text !== 'string' ? 'must be a string' : 'longer than ' + MAX_PROGRAM_TEXT_CHARS + ' characters');
    return null;
  }
  try {
    JSON.parse(text);
  } catch (_error) {
    rejectField(log, recordName, 'text', 'not JSON');
    return null;
  }
  return text;
}

/** Remove program `name`; nothing happens when there is none. */
export function eraseProgram(storage: Storage, name: string): void {
  if (programNameProblem(name) === null) storage.erase(PROGRAM_RECORD_PREFIX + name);
}
