// A snapshot of the treadmill for consoles, the trace, FTMS and tests.

import type { Direction } from './command';
import type { FaultCode } from './fault-code';
import type { SafetyState } from './core/safety-state';
import type { SessionMetrics } from './core/session-metrics';

/**
 * The treadmill as the firmware sees it after its latest step. One object is reused and updated
 * in place every tick: copy the fields you keep.
 */
export interface TreadmillStatus {
  state: SafetyState;
  /** Direction the belt is set to run (the direction output). */
  direction: Direction;
  /** Direction waiting to be applied once the belt has stood still long enough, or null. */
  pendingDirection: Direction | null;
  /** What the user asked for, km/h, positive in either direction. */
  targetSpeedKph: number;
  /** The ramped setpoint the controller follows now, km/h. */
  setpointKph: number;
  /** Belt speed from the encoder, km/h, positive in either direction. */
  measuredSpeedKph: number;
  /**
   * The encoder has shown the belt standing still (no pulse for the standstill timeout). False
   * while it moves, and after power-up until it has been watched that long: the belt may still be
   * coasting from before the power went, so a start waits for this.
   */
  beltStill: boolean;
  /** Duty applied to the motor speed output, 0..1. */
  duty: number;
  motorEnabled: boolean;
  keyPresent: boolean;
  /** The latched fault, or null. */
  fault: FaultCode | null;
  /** Milliseconds left in the start countdown; 0 when not counting down. */
  countdownRemainingMs: number;
  /** Why the state last changed (the transition table's reason). */
  reason: string;
  /** Belt distance since boot from the encoder, metres. */
  distanceM: number;
  /** Incline in percent grade (0 when the machine has no incline). */
  inclinePct: number;
  /** Incline the user asked for, percent (capped by the belt direction selected or pending). */
  targetInclinePct: number;
  /** HAL clock time of this snapshot, ms. */
  timeMs: number;
  /**
   * Figures of the current session, or of the latest one until the next start: elapsed and
   * remaining time, distance by direction, elevation gain, energy and MET, with how far the
   * energy estimate can be trusted (firmware/core/session-metrics.ts has the definitions).
   * The firmware's own record, updated in place every control tick: copy what you keep.
   */
  metrics: SessionMetrics;
}
