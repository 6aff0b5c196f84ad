// A single digital output pin (motor enable, direction relay, incline up/down, brake).

/**
 * A push-pull digital output.
 *
 * Contract: `write` takes effect before it returns (no deferred I/O) and never calls back into
 * the caller. The firmware calls it from the control tick (every 50-250 ms on the boards) and from safety events.
 */
export interface DigitalOut {
  /** Drive the output: `true` is the active level of the function (enabled, backward, moving). */
  write(active: boolean): void;
  /** The level last written; `false` until the first write. */
  read(): boolean;
}
