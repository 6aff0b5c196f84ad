// Persistent key-value storage for settings, calibration, programs and history.

/**
 * Small named text records in flash.
 *
 * Contract: names are at most 28 characters. Writes wear the flash: the firmware writes only on
 * a user's action or at the end of a session, never per tick. A write interrupted by power loss
 * may leave that one record missing or corrupt, never others; readers must validate what they read.
 */
export interface Storage {
  /** The record's text, or `undefined` when there is none. */
  read(name: string): string | undefined;
  /** Replace the record; returns `false` when the write failed (flash full, name too long). */
  write(name: string, text: string): boolean;
  /** Remove the record; nothing happens when there is none. */
  erase(name: string): void;
  /** Names of the records that start with `prefix`. */
  list(prefix: string): string[];
}
