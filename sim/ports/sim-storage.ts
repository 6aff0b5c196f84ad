// Simulated flash storage: named text records in memory that outlive a simulated reboot.

import type { Storage } from '../../hal/storage';

/** The longest record name the device's Storage accepts. */
export const MAX_STORAGE_NAME_LENGTH = 28;

/**
 * In-memory records. Hand the same instance to a fresh simulated treadmill to simulate a power
 * cycle. Test helpers damage records the way a write cut by power loss would.
 */
export class SimStorage implements Storage {
  /** Successful writes so far (the firmware should write rarely: flash wears). */
  writeCount = 0;
  /** When `true`, every write fails (flash full). */
  failWrites = false;
  /** Most characters all records may hold together (default: unlimited). */
  capacityChars: number;
  private readonly names: string[] = [];
  private readonly texts: string[] = [];

  constructor(capacityChars?: number) {
    this.capacityChars = capacityChars === undefined ? Infinity : capacityChars;
  }

  read(name: string): string | undefined {
    const index = this.names.indexOf(name);
    return index < 0 ? undefined : this.texts[index];
  }

  write(name: string, text: string): boolean {
    if (this.failWrites || name.length === 0 || name.length > MAX_STORAGE_NAME_LENGTH) return false;
    const index = this.names.indexOf(name);
    const usedChars = this.usedChars() - (index < 0 ? 0 : this.texts[index].length);
    if (usedChars + text.length > this.capacityChars) return false;
    if (index < 0) {
      this.names.push(name);
      this.texts.push(text);
    } else {
      this.texts[index] = text;
    }
    this.writeCount++;
    return true;
  }

  erase(name: string): void {
    const index = this.names.indexOf(name);
    if (index < 0) return;
    this.names.splice(index, 1);
    this.texts.splice(index, 1);
  }

  list(prefix: string): string[] {
    return this.names.filter(function (name) {
      return name.indexOf(prefix) === 0;
    });
  }

  /** Characters stored in all records. */
  usedChars(): number {
    let total = 0;
    this.texts.forEach(function (text) {
      total += text.length;
    });
    return total;
  }

  /** Test helper: cut a record to its first `lengthChars` characters (a write cut by power loss). */
  truncate(name: string, lengthChars: number): void {
    const index = this.names.indexOf(name);
    if (index >= 0) this.texts[index] = this.texts[index].substring(0, lengthChars);
  }

  /** Test helper: replace a record's text without any check (garbage left in flash). */
  corrupt(name: string, text: string): void {
    const index = this.names.indexOf(name);
    if (index < 0) {
      this.names.push(name);
      this.texts.push(text);
    } else {
      this.texts[index] = text;
    }
  }
}
