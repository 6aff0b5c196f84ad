// PwmOut on an Espruino pin (MC-2100 speed input at 20 Hz, or one side of an H-bridge).

import type { PwmOut } from '../pwm-out';

/**
 * PWM through `analogWrite` at a fixed frequency. The pin must be wired active high: duty 0 and
 * a pin that is low, floating or in reset must all mean "no drive".
 *
 * Duty 0 is written with `digitalWrite(pin, false)` rather than `analogWrite(pin, 0)`: on every
 * Espruino port (STM32, nRF52, ESP32) that returns the pin to a plain output driven low and stops
 * hardware or software PWM, the most definite "off" there is. Called from the control tick; it
 * allocates nothing (the options object is made once).
 */
export class EspruinoPwmOut implements PwmOut {
  readonly frequencyHz: number;
  private readonly pin: EspruinoPin;
  private readonly options: EspruinoAnalogWriteOptions;
  private duty = 0;

  /**
   * @param frequencyHz PWM frequency, fixed for the life of the port (MC-2100: 20).
   * @param softwarePwm ask Espruino for software PWM (`soft: true`): needed on ESP32 for
   *   frequencies below its hardware floor (about 76 Hz at Espruino's 10-bit resolution).
   */
  constructor(pin: EspruinoPin, frequencyHz: number, softwarePwm: boolean) {
    this.pin = pin;
    this.frequencyHz = frequencyHz;
    this.options = softwarePwm ? { freq: frequencyHz, soft: true } : { freq: frequencyHz };
  }

  write(duty: number): void {
    this.duty = duty;
    if (duty > 0) analogWrite(this.pin, duty, this.options);
    else digitalWrite(this.pin, false);
  }

  read(): number {
    return this.duty;
  }
}
