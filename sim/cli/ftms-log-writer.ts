// The `--ftms-log` file: one JSON line per FTMS value the simulated treadmill sets or sends and per control point write it receives.

import type { FtmsLogCharacteristic } from '../scenario/ftms-scenario-client';
import { BufferedLineWriter } from './buffered-line-writer';

/**
 * One line, e.g. `{"atS":12.5,"characteristic":"treadmillData","hex":"0c04..."}`. Times are
 * scenario seconds to the millisecond (values set at boot come before 0: the treadmill boots,
 * then its belt is watched still, then the scenario starts).
 */
export function formatFtmsLogLine(timeS: number, characteristic: FtmsLogCharacteristic, hex: string): string {
  return JSON.stringify({ atS: Math.round(timeS * 1000) / 1000, characteristic, hex });
}

/** The log file; throws an Error naming `--ftms-log` and the path when it cannot be written. */
export class FtmsLogWriter {
  private readonly writer: BufferedLineWriter;

  constructor(path: string) {
    this.writer = new BufferedLineWriter(path, '--ftms-log');
  }

  value(timeS: number, characteristic: FtmsLogCharacteristic, hex: string): void {
    this.writer.line(formatFtmsLogLine(timeS, characteristic, hex));
  }

  close(): void {
    this.writer.close();
  }
}
