// The `--ftms-log` file: one JSON line per FTMS value the simulated treadmill sets or sends and per control point write it receives.

import { closeSync, openSync, writeSync } from 'fs';
import type { FtmsLogCharacteristic } from '../scenario/ftms-scenario-client';

/**
 * One line, e.g. `{"atS":12.5,"characteristic":"treadmillData","hex":"0c04..."}`. Times are
 * scenario seconds to the millisecond (values set at boot come before 0: the treadmill boots,
 * then its belt is watched still, then the scenario starts).
 */
export function formatFtmsLogLine(timeS: number, characteristic: FtmsLogCharacteristic, hex: string): string {
  return JSON.stringify({ atS: Math.round(timeS * 1000) / 1000, characteristic, hex });
}

/** Writes the log in large chunks, so a long session costs neither memory nor many system calls. */
export class FtmsLogWriter {
  private readonly descriptor: number;
  private buffer = '';

  /** Opens (truncates) `path`; throws an Error naming it when it cannot be written. */
  constructor(path: string) {
    try {
      this.descriptor = openSync(path, 'w');
    } catch (error) {
      throw new Error('--ftms-log ' + path + ': cannot write: ' + (error as Error).message);
    }
  }

  value(timeS: number, characteristic: FtmsLogCharacteristic, hex: string): void {
    this.buffer += formatFtmsLogLine(timeS, characteristic, hex) + '\n';
    if (this.buffer.length > 65536) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.descriptor);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.descriptor, this.buffer);
    this.buffer = '';
  }
}
