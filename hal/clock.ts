// Monotonic time source for the firmware.

/**
 * A monotonic millisecond clock.
 *
 * Contract: `nowMs` never goes backwards and is cheap. Device: `getTime()` * 1000. Simulator:
 * the simulated time, which only the simulator's scheduler advances.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin fixed at boot. */
  nowMs(): number;
}
