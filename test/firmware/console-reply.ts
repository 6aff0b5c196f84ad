// What the console protocol's tests read: a reply line's shape, and the stored records a refusal must leave as they were.

import type { Rig } from '../closed-loop/harness';

/** A reply line, parsed. */
export interface Reply {
  id?: number | string;
  ok: boolean;
  message?: string;
  error?: string;
  data?: { [key: string]: unknown };
}

/** Every stored record (settings, programs, calibration, history), by name. */
export function storedRecords(rig: Rig): string {
  const storage = rig.sim.storage;
  return JSON.stringify(storage.list('').map((name) => [name, storage.read(name)]));
}
