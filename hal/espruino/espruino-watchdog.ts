// Watchdog on Espruino's hardware watchdog, in manual mode.

import type { Watchdog } from '../watchdog';

/**
 * `E.enableWatchdog(seconds, false)`: manual mode, so only a healthy control tick keeps the board
 * alive (the automatic mode only proves that the event loop runs). It cannot be disarmed, and it
 * survives `reset()`: a board running the firmware is re-flashed without resetting first (see
 * .espruinorc and docs/wiring.md). ESP32 rounds the timeout to whole seconds.
 */
export class EspruinoWatchdog implements Watchdog {
  enable(timeoutMs: number): void {
    E.enableWatchdog(timeoutMs / 1000, false);
  }

  kick(): void {
    E.kickWatchdog();
  }
}
