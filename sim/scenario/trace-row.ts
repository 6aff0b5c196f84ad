// One sample of the simulated treadmill per control tick: the firmware's view beside the simulated truth.

import type { Direction } from '../../firmware/command';
import type { FaultCode } from '../../firmware/fault-code';
import type { SafetyState } from '../../firmware/core/safety-state';

/** The state a row reports: the firmware's safety state, or 'off' while no firmware runs (power off, or a boot that threw). */
export type ScenarioState = SafetyState | 'off';

/**
 * A trace row. The runner fills one object in place at every control tick and hands it to the
 * trace callback: copy the fields you keep. Fields marked "truth" come from the simulated
 * hardware, the others from the firmware's status.
 */
export interface TraceRow {
  /** Scenario time, seconds since the scenario began (continues across reboots). */
  timeS: number;
  /** The firmware's state; 'off' while no firmware runs (then every firmware field below is neutral: 0, null). */
  state: ScenarioState;
  /** Truth: the board has power (false between a power loss and its return). */
  powered: boolean;
  /** Direction the firmware has selected. */
  direction: Direction;
  /** Direction waiting for the belt to stand still, or null. */
  pendingDirection: Direction | null;
  /** The user's target speed, km/h, positive in either direction. */
  targetKph: number;
  /** The ramped setpoint the controller follows, km/h. */
  setpointKph: number;
  /** Belt speed the firmware measures from its encoder, km/h, positive. */
  measuredKph: number;
  /** Truth: belt speed, km/h, signed (negative is backward). */
  beltKph: number;
  /** Truth: duty at the motor speed output, 0..1. */
  duty: number;
  /** Truth: the motor drive's enable output. */
  motorEnabled: boolean;
  /** Truth: the direction output (relay) as driven. */
  directionOutput: Direction;
  /** Truth: the safety key is in place. */
  keyPresent: boolean;
  /** Truth: incline in percent grade. */
  inclinePct: number;
  /** The firmware's latched fault, or null. */
  fault: FaultCode | null;
  /** Start countdown left, ms (0 when not counting down). */
  countdownMs: number;
  /** Belt distance the firmware measured since its latest boot, metres. */
  distanceM: number;
  /** Truth: belt travel since the scenario began, metres, summed over both directions and reboots. */
  beltDistanceM: number;
  /** Firmware reboots so far (power losses and watchdog resets). */
  reboots: number;
  /**
   * Truth: how long the belt had stood still before the latest switch of the direction output,
   * seconds; -1 before any switch. Filled by the scenario runner, which watches the switches.
   */
  directionDwellS: number;
  /** Session time the firmware counts (running, stopping, free belt), seconds; status.metrics. */
  elapsedS: number;
  /** The firmware's session distance while running forward, metres. */
  distanceForwardM: number;
  /** The firmware's session distance while walking backward, metres. */
  distanceBackwardM: number;
  /** The firmware's session elevation gain, metres. */
  elevationGainM: number;
  /** The firmware's session energy estimate, kcal. */
  energyKcal: number;
  /** The firmware's current MET (0 while the session clock stands). */
  met: number;
  /** The firmware's mean MET over the session. */
  averageMet: number;
  /** The current energy estimate is below the walking equation's validated range (slower than 3 km/h). */
  belowValidatedRange: boolean;
}

/** A row with neutral values, to be filled in place. */
export function createTraceRow(): TraceRow {
  return {
    timeS: 0,
    state: 'idle',
    powered: true,
    direction: 'forward',
    pendingDirection: null,
    targetKph: 0,
    setpointKph: 0,
    measuredKph: 0,
    beltKph: 0,
    duty: 0,
    motorEnabled: false,
    directionOutput: 'forward',
    keyPresent: false,
    inclinePct: 0,
    fault: null,
    countdownMs: 0,
    distanceM: 0,
    beltDistanceM: 0,
    reboots: 0,
    directionDwellS: -1,
    elapsedS: 0,
    distanceForwardM: 0,
    distanceBackwardM: 0,
    elevationGainM: 0,
    energyKcal: 0,
    met: 0,
    averageMet: 0,
    belowValidatedRange: false,
  };
}
