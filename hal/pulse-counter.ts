// Counts edges of a pulse sensor (belt encoder, incline position) and timestamps the latest.

/**
 * A snapshot of a pulse counter, filled in place by `PulseCounter.read` so that the control
 * tick allocates nothing.
 */
export interface PulseReading {
  /** Accepted pulses since the port was made; only grows. */
  count: number;
  /** HAL clock time of the latest accepted pulse in ms, or -1 before the first pulse. */
  lastPulseMs: number;
  /**
   * HAL clock time of the accepted pulse before the latest in ms, or -1 before the second pulse.
   * With `lastPulseMs` it gives the newest pulse interval, the freshest speed evidence the belt
   * offers: a tick's period measurement averages every pulse since the previous tick.
   */
  previousPulseMs: number;
  /** Pulses rejected as glitches (closer together than the port's glitch filter) so far. */
  rejectedCount: number;
  /**
   * `true` once edges have been lost (the device's input queue overflowed). Sticky: stays true
   * until the port is made again. The firmware treats it as an encoder fault.
   */
  overflowed: boolean;
}

/** Options common to every pulse counter implementation. */
export interface PulseCounterOptions {
  /** Pulses closer than this to the previous accepted pulse are rejected as glitches, ms. */
  glitchFilterMs: number;
}

/**
 * A pulse counter polled by the control tick. Counting happens in the port (an interrupt watch,
 * a hardware timer, or the simulator), so the firmware pays nothing per pulse.
 *
 * Contract: `read` is cheap, called once per control tick (every 50-260 ms on the boards), never calls back.
 */
export interface PulseCounter {
  /** Fill `into` with the current count and timing. */
  read(into: PulseReading): void;
  /**
   * Optional (the belt encoder's ports have it): judge every accepted pulse against `limit` in the
   * pulse's own event, and call `onEarlyPulse` with the pulse's time and its interval since the
   * previous accepted pulse, ms, when that interval is shorter than
   * `limit.earlyPulseMinIntervalMs` (0 or less: no check). The firmware rewrites the limit at
   * each control tick; the port reads it at each pulse. Never called back from within `read`.
   * Why: a pulse that arrives far too early is a runaway's freshest evidence, and waiting for the
   * next tick costs up to a control period (250 ms on a slow board) before the motor is cut.
   */
  watchEarlyPulses?(limit: EarlyPulseLimit, onEarlyPulse: (pulseMs: number, intervalMs: number) => void): void;
  /**
   * Optional (the Espruino port has it): fill `reading` as `read` does, then keep it current from
   * now on, written in the counter's own events (an accepted or rejected pulse, lost edges), so
   * its holder need not call `read` for it; another `keepCurrent` moves that to the new reading.
   * The values change only between the holder's events (Espruino runs one event at a time), so
   * within a control tick the reading is as steady as one `read` at its start. Why: on the
   * interpreter a `read` copies five fields, about 50,000 x86 instructions every control tick.
   * Not for a port that works its values out when read (the simulator's catches its physics up in
   * `read`).
   */
  keepCurrent?(reading: PulseReading): void;
}

/** The shortest pulse interval that is not early, ms, as the firmware last set it (see `PulseCounter.watchEarlyPulses`). */
export interface EarlyPulseLimit {
  earlyPulseMinIntervalMs: number;
}
