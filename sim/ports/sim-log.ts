// Simulated log: collects the firmware's lines in an array, optionally echoing them.

import type { Clock } from '../../hal/clock';
import type { Log } from '../../hal/log';

/**
 * A log that keeps every line as `"<seconds> <level> <message>"` (seconds with 3 decimals, from
 * the clock when one is given). `echo` receives each line as it is logged (the command line
 * prints them); it must not call back into the firmware.
 */
export class SimLog implements Log {
  readonly lines: string[] = [];
  echo: ((line: string) => void) | null;
  private readonly clock: Clock | null;

  constructor(clock?: Clock, echo?: (line: string) => void) {
    this.clock = clock === undefined ? null : clock;
    this.echo = echo === undefined ? null : echo;
  }

  info(message: string): void {
    this.add('info', message);
  }

  warn(message: string): void {
    this.add('warn', message);
  }

  error(message: string): void {
    this.add('error', message);
  }

  data(line: string): void {
    this.add('data', line);
  }

  /** `true` when some line contains `text`. */
  contains(text: string): boolean {
    return this.lines.some(function (line) {
      return line.indexOf(text) >= 0;
    });
  }

  /** Forget every line. */
  clear(): void {
    this.lines.length = 0;
  }

  private add(level: string, message: string): void {
    const prefix = this.clock === null ? '' : (this.clock.nowMs() / 1000).toFixed(3) + ' ';
    const line = prefix + level + ' ' + message;
    this.lines.push(line);
    if (this.echo !== null) {
      try {
        this.echo(line);
      } catch (_error) {
        // The Log contract: never throws.
      }
    }
  }
}
