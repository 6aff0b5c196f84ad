// AnalogIn on an Espruino pin (incline position potentiometer).

import type { AnalogIn } from '../analog-in';

/**
 * `analogRead`, already a fraction 0..1 of the supply on every Espruino port. The potentiometer
 * must stay within 0..3.3 V (divide down a 5 V or 12 V reference).
 */
export class EspruinoAnalogIn implements AnalogIn {
  private readonly pin: EspruinoPin;

  constructor(pin: EspruinoPin) {
    this.pin = pin;
    pinMode(pin, 'analog');
  }

  read(): number {
    return analogRead(this.pin);
  }
}
