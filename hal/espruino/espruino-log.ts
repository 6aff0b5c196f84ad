// Log to the Espruino console (USB, serial or Bluetooth, wherever the console is).

import type { Log } from '../log';

function printLine(prefix: string, message: string): void {
  try {
    console.log(prefix + message);
  } catch (_error) {
    // Nothing better to do with a failed log line; the caller must keep going.
  }
}

/**
 * One console line per message with a level prefix. Never throws: a failing console (for
 * example a full output buffer) must not break the caller, which may be a safety path.
 */
export class EspruinoLog implements Log {
  info(message: string): void {
    printLine('info: ', message);
  }

  warn(message: string): void {
    printLine('warn: ', message);
  }

  error(message: string): void {
    printLine('error: ', message);
  }

  data(line: string): void {
    printLine('', line);
  }
}
