// Watchdog on Espruino's hardware watchdog, in manual mode.

import type { Watchdog } from '../watchdog';

/**
 * `E.enableWatchdog(seconds, false)`: manual mode, so only a healthy control tick keeps the board
 * alive (the automatic mode only proves that the event loop runs). It cannot be disarmed, and it
 * survives `reset()`: a board running the firmware is re-flashed without resetting first (see
 * .espruinorc and docs/wiring.md). ESP32 rounds the timeout to whole seconds.
 */
export class EspruinoWatchdog implements Watchdog {
  /**
   * `E`, held here. Why: the interpreter finds a built-in such as `E` only after walking every
   * global the bundle created (about 270, some 8000 x86 instructions a lookup, measured on
   * espruino_timing32), and every control tick kicks; a field of this object is found at once.
   */
  private readonly espruino = E;

  enable(timeoutMs: number): void {
    this.espruino.enableWatchdog(timeoutMs / 1000, false);
  }

  kick(): void {
    this.espruino.kickWatchdog();
  }
}
