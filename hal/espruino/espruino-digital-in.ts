// DigitalIn on an Espruino pin (safety key, console buttons, belt direction sensor).

import type { DigitalIn, EdgeEvent, WatchHandle } from '../digital-in';
import { pinModeForPull } from './pin-mode-for-pull';
import type { PullMode } from './pin-mode-for-pull';
import { makeWatchHandle } from './watch-handle';

/** How an input is wired; comes from the board profile. */
export interface DigitalInWiring {
  /** True when the function is active with the pin low (a switch to ground with a pull-up). */
  activeLow: boolean;
  pull: PullMode;
  /** The level must be stable this long before an edge is reported, ms (Espruino's debounce). */
  debounceMs: number;
}

/**
 * A digital input mapped to its function's active level. Watches use Espruino's `setWatch`
 * (both edges, repeating, debounced by the interpreter); callbacks run later from the event
 * loop with the edge's own timestamp, never from inside `read` or `watch`.
 *
 * A pin that cannot be watched (STM32: another watched pin with the same number; ESP32: a pin
 * outside Espruino's watchable set; nRF52: no free channel) makes `watch` throw: a safety key
 * that silently reports nothing must stop the boot.
 */
export class EspruinoDigitalIn implements DigitalIn {
  private readonly pin: EspruinoPin;
  // Only what `read` and `watch` use, not the wiring record: on a small board every object kept
  // for good costs interpreter memory (the watch options are made when a watch starts).
  private readonly activeLow: boolean;
  private readonly debounceMs: number;

  constructor(pin: EspruinoPin, wiring: DigitalInWiring) {
    this.pin = pin;
    this.activeLow = wiring.activeLow;
    this.debounceMs = wiring.debounceMs;
    pinMode(pin, pinModeForPull(wiring.pull));
  }

  read(): boolean {
    return (digitalRead(this.pin) === 1) !== this.activeLow;
  }

  watch(onEdge: (edge: EdgeEvent) => void): WatchHandle {
    const activeLow = this.activeLow;
    const id = setWatch(
      (event: EspruinoWatchEvent) => {
        onEdge({ active: event.state !== activeLow, timeMs: event.time * 1000 });
      },
      this.pin,
      { repeat: true, edge: 'both', debounce: this.debounceMs },
    );
    if (!id) throw new Error('EspruinoDigitalIn: cannot watch pin ' + String(this.pin));
    return makeWatchHandle(id);
  }
}
