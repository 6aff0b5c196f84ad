// Storage on Espruino's built-in "Storage" module (flash file system).

import type { Storage } from '../storage';

/** Longest file name Espruino's Storage accepts. */
export const MAX_STORAGE_NAME_LENGTH = 28;

/**
 * Small named text records in flash. The module object is passed in (see loadStorageModule) so
 * that tests can hand in a fake.
 *
 * `write` refuses names longer than 28 characters and turns any failure of the module (it
 * returns false, or throws when the flash is full) into `false`: a failed settings save must
 * never take the control loop down. Empty text is passed through as is; Espruino may refuse it.
 */
export class EspruinoStorage implements Storage {
  private readonly files: EspruinoStorageModule;

  constructor(files: EspruinoStorageModule) {
    this.files = files;
  }

  read(name: string): string | undefined {
    const text = this.files.read(name);
    return text === undefined || text === null ? undefined : text;
  }

  write(name: string, text: string): boolean {
    if (name.length === 0 || name.length > MAX_STORAGE_NAME_LENGTH) return false;
    try {
      return this.files.write(name, text) === true;
    } catch (_error) {
      return false;
    }
  }

  erase(name: string): void {
    this.files.erase(name);
  }

  list(prefix: string): string[] {
    return this.files.list().filter((name) => name.startsWith(prefix));
  }
}
