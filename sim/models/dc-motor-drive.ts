// A permanent-magnet DC motor on an H-bridge (BTS7960), reflected to the belt.

import type { BeltDrive } from './belt-drive';

/** Tuning of the DC motor model. Defaults in `DEFAULT_DC_MOTOR_OPTIONS`. */
export interface DcMotorOptions {
  /** H-bridge supply, volts (default 24; the BTS7960 is rated to 27 V). */
  supplyVoltageV: number;
  /** Armature plus wiring resistance, ohms (default 0.1). Inductance is neglected. */
  resistanceOhm: number;
  /**
   * Motor constant reflected to the belt through pulleys and roller: back-EMF volts per m/s of
   * belt speed, equal to the belt force in newtons per ampere (Kt = Ke). Default 4.0, so full
   * supply gives about 21.6 km/h with no load.
   */
  motorConstantVPerMps: number;
  /** Current limit of the bridge, amperes (default 40; the BTS7960 trips near 43 A). */
  currentLimitA: number;
  /** How fast a runaway bridge raises its effective duty, per second (default 0.25). */
  runawayDutyPerS: number;
}

/** Defaults of the DC motor model; see each field of `DcMotorOptions`. */
export const DEFAULT_DC_MOTOR_OPTIONS: DcMotorOptions = {
  supplyVoltageV: 24,
  resistanceOhm: 0.1,
  motorConstantVPerMps: 4,
  currentLimitA: 40,
  runawayDutyPerS: 0.25,
};

/**
 * A DC motor fed duty x supply volts, with the sign of the direction input, while enabled. The
 * bridge rectifies synchronously, so a lower voltage than the back-EMF brakes the belt and duty 0
 * while enabled shorts the motor (dynamic braking). Disabled, the bridge is off and the motor
 * gives no torque. Rotor inertia is part of the belt's effective mass.
 */
export class DcMotorDrive implements BeltDrive {
  readonly options: DcMotorOptions;
  runaway = false;
  directionStuck = false;
  relayBackward = false;
  /** Motor current of the latest step, amperes, positive pushing forward. */
  currentA = 0;
  private runawayDuty = 0;

  constructor(options?: Partial<DcMotorOptions>) {
    this.options = Object.assign({}, DEFAULT_DC_MOTOR_OPTIONS, options);
  }

  update(duty: number, enabled: boolean, backward: boolean, beltSpeedMps: number, dtMs: number): number {
    if (!this.directionStuck) this.relayBackward = backward;
    if (!enabled) {
      this.currentA = 0;
      this.runawayDuty = 0;
      return 0;
    }
    const options = this.options;
    let appliedDuty = duty < 0 ? 0 : duty > 1 ? 1 : duty;
    if (this.runaway) {
      let runawayDuty = this.runawayDuty > appliedDuty ? this.runawayDuty : appliedDuty;
      runawayDuty += (options.runawayDutyPerS * dtMs) / 1000;
      this.runawayDuty = runawayDuty > 1 ? 1 : runawayDuty;
      appliedDuty = this.runawayDuty;
    } else {
      this.runawayDuty = 0;
    }
    const voltageV = (this.relayBackward ? -1 : 1) * appliedDuty * options.supplyVoltageV;
    let currentA = (voltageV - options.motorConstantVPerMps * beltSpeedMps) / options.resistanceOhm;
    if (currentA > options.currentLimitA) currentA = options.currentLimitA;
    if (currentA < -options.currentLimitA) currentA = -options.currentLimitA;
    this.currentA = currentA;
    return options.motorConstantVPerMps * currentA;
  }
}
