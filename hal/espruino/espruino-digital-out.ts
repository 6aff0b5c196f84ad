// DigitalOut on an Espruino pin (motor enable, direction relay, incline up/down).

import type { DigitalOut } from '../digital-out';

/**
 * A push-pull output mapped to its function's active level: with `activeLow` the pin is driven
 * low for `write(true)` (for example a relay module whose input is pulled up, so that a floating
 * pin at reset leaves the relay released).
 *
 * The constructor does not touch the pin: the composition root has already driven every output
 * to its safe level (see makeEspruinoHal), and `read` is `false` until the first write as the
 * contract says. `digitalWrite` takes effect before it returns.
 */
export class EspruinoDigitalOut implements DigitalOut {
  private readonly pin: EspruinoPin;
  private readonly activeLow: boolean;
  private active = false;

  constructor(pin: EspruinoPin, activeLow: boolean) {
    this.pin = pin;
    this.activeLow = activeLow;
  }

  write(active: boolean): void {
    this.active = active;
    digitalWrite(this.pin, active !== this.activeLow);
  }

  read(): boolean {
    return this.active;
  }
}
