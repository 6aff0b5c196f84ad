// The programs a user can pick, in order: the console's `programs` list and the Program key's steps.

import type { Storage } from '../../hal/storage';
import { listPrograms } from '../persistence/program-records';
import { BACKWARD_STAGES, BUILTIN_PROGRAM_NAMES } from './builtin-programs';

/** Stored programs the console keeps at most: each is a flash record, and `programs` lists them all in one line. */
export const MAX_STORED_PROGRAMS = 16;

/** The built-in programs' names, each progression stage by its own (`backward-progression-1` ...). */
export function builtinProgramNames(): string[] {
  const names = BUILTIN_PROGRAM_NAMES.slice();
  BACKWARD_STAGES.forEach((_stage, index) => {
    names.push('backward-progression-' + (index + 1));
  });
  return names;
}

/**
 * Every program the Program key steps through: the built-ins, then the stored ones (at most
 * MAX_STORED_PROGRAMS, as `programs` lists them). Read from Storage on each press, so an upload or
 * a delete shows at once; never called from the control tick.
 */
export function programChoices(storage: Storage): string[] {
  return builtinProgramNames().concat(listPrograms(storage).slice(0, MAX_STORED_PROGRAMS));
}

/**
 * The choice after `chosen` in `names`: the first when none is chosen ('') or the chosen one is
 * gone (deleted meanwhile), '' (no program) after the last, so the key comes round to a plain start.
 */
export function nextProgramChoice(chosen: string, names: string[]): string {
  const index = chosen === '' ? -1 : names.indexOf(chosen);
  return index + 1 < names.length ? names[index + 1] : '';
}
