// MotorPorts for a DC motor on a BTS7960 H-bridge (RPWM/LPWM plus R_EN/L_EN).

import type { DigitalOut } from '../digital-out';
import type { PwmOut } from '../pwm-out';
import type { MotorPorts } from '../treadmill-hal';
import { EspruinoDigitalOut } from './espruino-digital-out';

/** The BTS7960's pins, as pin objects, and its PWM settings. */
export interface HBridgePins {
  /** RPWM: PWM here drives the belt forward. */
  forwardPwm: EspruinoPin;
  /** LPWM: PWM here drives the belt backward. */
  backwardPwm: EspruinoPin;
  /** R_EN and L_EN tied together (or the first of two pins driven alike). */
  enable: EspruinoPin[];
  enableActiveLow: boolean;
  frequencyHz: number;
  /** Software PWM (`soft: true`), see EspruinoPwmOut. */
  softwarePwm: boolean;
}

/** R_EN and L_EN driven together; one pin wired to both is the usual case. */
class HBridgeEnable implements DigitalOut {
  private readonly outputs: EspruinoDigitalOut[];
  private active = false;

  constructor(pins: EspruinoPin[], activeLow: boolean) {
    this.outputs = pins.map((pin) => new EspruinoDigitalOut(pin, activeLow));
  }

  write(active: boolean): void {
    this.active = active;
    this.outputs.forEach((output) => output.write(active));
  }

  read(): boolean {
    return this.active;
  }
}

/**
 * The H-bridge seen through the same three ports as an MC-2100 drive:
 *
 * - `speed` routes the duty to RPWM (forward) or LPWM (backward); the other input is held low,
 *   so the bridge drives one way or brakes, never shorts.
 * - `enable` drives R_EN and L_EN together: off lets the motor coast (both half-bridges open).
 * - `direction` chooses the side, but a change only takes effect while the duty is 0. Why: with
 *   the motor turning, reversing the bridge adds the motor's back-EMF to the supply (plugging),
 *   a current spike beyond the BTS7960's limits and a violent jolt for the person on the belt.
 *   The firmware already switches direction only at standstill; this is the second line of
 *   defence. A direction written while driving is remembered and applied at the next duty 0;
 *   `direction.read()` reports what was written, `isBackwardApplied()` what the bridge does.
 *
 * Invariant: both PWM inputs are low whenever the applied side changes, so a write with duty
 * above 0 touches only the active input. Called from the control tick; allocates nothing.
 */
export class EspruinoHBridgeMotor implements MotorPorts {
  readonly speed: PwmOut;
  readonly enable: DigitalOut;
  readonly direction: DigitalOut;
  private readonly pins: HBridgePins;
  private readonly pwmOptions: EspruinoAnalogWriteOptions;
  private duty = 0;
  private requestedBackward = false;
  private appliedBackward = false;

  constructor(pins: HBridgePins) {
    this.pins = pins;
    this.pwmOptions = pins.softwarePwm ? { freq: pins.frequencyHz, soft: true } : { freq: pins.frequencyHz };
    digitalWrite(pins.forwardPwm, false);
    digitalWrite(pins.backwardPwm, false);
    this.enable = new HBridgeEnable(pins.enable, pins.enableActiveLow);
    this.speed = {
      frequencyHz: pins.frequencyHz,
      write: (duty: number) => this.writeDuty(duty),
      read: () => this.duty,
    };
    this.direction = {
      write: (backward: boolean) => this.writeDirection(backward),
      read: () => this.requestedBackward,
    };
  }

  /** The side the bridge actually drives (differs from `direction.read()` while a change waits for duty 0). */
  isBackwardApplied(): boolean {
    return this.appliedBackward;
  }

  private writeDuty(duty: number): void {
    this.duty = duty;
    if (!(duty > 0)) {
      digitalWrite(this.pins.forwardPwm, false);
      digitalWrite(this.pins.backwardPwm, false);
      this.appliedBackward = this.requestedBackward;
      return;
    }
    analogWrite(this.appliedBackward ? this.pins.backwardPwm : this.pins.forwardPwm, duty, this.pwmOptions);
  }

  private writeDirection(backward: boolean): void {
    this.requestedBackward = backward;
    if (!(this.duty > 0)) this.appliedBackward = backward;
  }
}
