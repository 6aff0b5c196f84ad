// What every simulated motor drive offers the belt model: firmware outputs in, force on the belt out.

/**
 * A motor drive (MC-2100 board, H-bridge and DC motor) seen from the belt: it turns the
 * firmware's motor outputs and the belt speed into a force on the belt.
 *
 * Faults are plain fields so the world can switch them without allocating.
 */
export interface BeltDrive {
  /**
   * Advance the drive by `dtMs` and return the force it puts on the belt, newtons, positive
   * forward. Called once per physics step with the outputs the firmware last wrote.
   * @param duty speed input, a fraction 0..1
   * @param enabled power stage enable; `false` lets the belt coast free
   * @param backward direction input; `true` asks for backward belt motion
   * @param beltSpeedMps signed belt speed at the start of the step, m/s
   */
  update(duty: number, enabled: boolean, backward: boolean, beltSpeedMps: number, dtMs: number): number;
  /** Fault: the drive ignores the duty and accelerates while enabled (the enable still cuts it). */
  runaway: boolean;
  /** Fault: the direction relay (or input) stays where it was; direction writes are ignored. */
  directionStuck: boolean;
  /** Where the direction relay is now: `true` is backward. */
  relayBackward: boolean;
}
