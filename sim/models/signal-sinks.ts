// Where the models deliver the signals they make: pulse counters and digital inputs (the sim ports).

/**
 * Receives pulses from a sensor model (belt encoder, incline position). Implemented by
 * `SimPulseCounter`; tests may pass their own to record every pulse.
 */
export interface PulseSink {
  /** One pulse at simulated time `timeMs` (may be fractional and up to one physics step in the past). */
  pulse(timeMs: number): void;
  /** Edges were lost because the input queue overflowed. */
  markOverflow(): void;
}

/**
 * Receives level changes from a model (safety key, direction sensor, limit switch). Implemented by
 * `SimDigitalIn`, which delivers them to watchers through the scheduler, never synchronously.
 */
export interface EdgeSink {
  /** The input becomes `active` at simulated time `timeMs` (clamped to now when in the past). */
  queueEdge(active: boolean, timeMs: number): void;
}
