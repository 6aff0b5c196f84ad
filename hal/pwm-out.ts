// A PWM output (belt motor speed input, beeper tone).

/**
 * A hardware PWM output at a fixed frequency.
 *
 * Contract: `write` clamps nothing and checks nothing: the caller passes a duty fraction in
 * 0..1 that it has already limited. Called from the control tick (every 50-250 ms on the boards) and from safety
 * events; takes effect before it returns.
 */
export interface PwmOut {
  /** PWM frequency in hertz, fixed when the port is made (the MC-2100 wants 20 Hz). */
  readonly frequencyHz: number;
  /** Set the duty cycle, a fraction 0..1 (0 is off). */
  write(duty: number): void;
  /** The duty last written; 0 until the first write. */
  read(): number;
}
