// What the web console's views show and send, whoever the treadmill is: the simulator in the page, or a board over Web Serial or Web Bluetooth.

import type { CommandName, Direction } from '../firmware/command';
import type { FaultCode } from '../firmware/fault-code';
import type { SafetyState } from '../firmware/core/safety-state';
import type { SpeedUnits } from '../firmware/core/units';

/**
 * The treadmill's figures as the views show them. Everything a board's console protocol
 * (`status` reply, `watch` stream) or FTMS (Treadmill Data) can carry; a figure the source
 * cannot know is null, and the view then shows it as unknown instead of inventing it.
 */
export interface ViewStatus {
  state: SafetyState | null;
  direction: Direction | null;
  pendingDirection: Direction | null;
  /** What the user asked for, km/h, positive in either direction. */
  targetSpeedKph: number | null;
  /** Belt speed from the encoder, km/h, positive in either direction. */
  measuredSpeedKph: number | null;
  /** The simulator's truth (signed, negative is backward); null on a board. */
  beltKph: number | null;
  /** Duty applied to the motor, 0..1; null where the source does not report it. */
  duty: number | null;
  inclinePct: number | null;
  targetInclinePct: number | null;
  keyPresent: boolean | null;
  fault: FaultCode | null;
  countdownRemainingMs: number;
  /** Why the state last changed, as the firmware words it ('' when unknown). */
  reason: string;
  /** Session figures where known. */
  elapsedMs: number | null;
  distanceForwardM: number | null;
  distanceBackwardM: number | null;
  energyKcal: number | null;
  /**
   * Further session figures (optional members: a source written before they were added, or one
   * that cannot know them, leaves them out or null, and the view shows them as unknown).
   */
  elevationGainM?: number | null;
  /** The energy estimate's current and mean MET. */
  currentMet?: number | null;
  averageMet?: number | null;
  /** Mean belt speed over the session, km/h. */
  averageSpeedKph?: number | null;
  /**
   * The session's distance in both directions together, m, where the source reports it: a board
   * (its console status carries it; FTMS carries only this, having no direction). Absent or null
   * where unknown; the simulator's page may leave it out, the split above says more.
   */
  totalDistanceM?: number | null;
}

/** A running or paused program as the console protocol's `programStatus` reply gives it. */
export interface ViewProgram {
  /** The program's name; '' when none runs. */
  name: string;
  /** The firmware's program phase: 'off', 'starting', 'running', 'paused', 'awaitingStart'. */
  phase: string;
  /** Current segment, 0-based, and how many there are. */
  segmentIndex: number;
  segmentCount: number;
  /** The segment's label ('' when it has none). */
  label: string;
  /** Running time left in the segment and in the whole program, ms. */
  segmentRemainingMs: number;
  remainingMs: number;
}

/** The plot's data, in uPlot's column layout: times in seconds and the series, oldest first; a missing figure is null. */
export interface ViewSeries {
  timeS: number[];
  /** The target the firmware steers to; 0 while stopping. */
  targetKph: (number | null)[];
  measuredKph: (number | null)[];
  /** The simulator's truth, signed; null on a board. */
  beltKph: (number | null)[];
  duty: (number | null)[];
  inclinePct: (number | null)[];
}

/** Fields a command may carry, as the console's commands do. */
export interface ViewCommandFields {
  speedKph?: number;
  inclinePct?: number;
  direction?: Direction;
  programName?: string;
}

/**
 * One treadmill behind the page. The page renders from `status()`, `series` and `logLines` on its
 * own timer and sends what the user does through `command`. A command's answer arrives later on a
 * board, so it is reported through `lastAnswer` (and the log), never assumed.
 *
 * Safety: a source never sends a command the user did not just give in this page. Nothing is
 * replayed after a reload or a reconnection, and a board link never starts the belt on its own;
 * the firmware's own rules (a local start first, the safety key) still decide.
 */
export interface TreadmillViewSource {
  readonly kind: 'simulator' | 'board';
  /** What the page is attached to, for its heading ("simulator", "board on Web Serial", ...). */
  readonly description: string;
  /** The speed units the treadmill's settings choose. */
  readonly units: SpeedUnits;
  readonly series: ViewSeries;
  /** Recent log lines, oldest first. */
  readonly logLines: string[];
  /** The latest answer in words, for the page's answer line. */
  readonly lastAnswer: string;
  /** Whether the source still reaches its treadmill (a board's link can be lost; the simulator always does). */
  connected(): boolean;
  status(): ViewStatus;
  /** Send a command the user just gave; the answer comes through `lastAnswer`. */
  command(name: CommandName, fields?: ViewCommandFields): void;
  /** Which commands this source can send (a board over FTMS cannot clear a fault, for example). */
  supports(name: CommandName): boolean;
  /**
   * The program running or paused, or null when none runs or the source cannot tell (FTMS).
   * Optional: a source without programs leaves it out, and the view shows no program line.
   */
  program?(): ViewProgram | null;
  /** Programs the treadmill can start by name (built-in and stored); absent or empty: the view offers none. */
  readonly programNames?: string[];
}
