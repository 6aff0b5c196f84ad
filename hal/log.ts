// Where the firmware reports what it did and why (console, trace, serial).

/**
 * A line-oriented log.
 *
 * Contract: cheap, never throws, never calls back. The firmware logs on events (state changes,
 * faults, refused commands), not on every tick.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /**
   * One line of data for a machine to read, as it is (no level prefix): the console protocol's
   * stream and events (firmware/console-protocol.ts). Optional: a log without it drops them.
   */
  data?(line: string): void;
}
