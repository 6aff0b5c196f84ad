// What the FTMS logic reads of the treadmill: a subset of its status snapshot, injected so the logic stays pure.

import type { Direction } from '../command';
import type { SafetyState } from '../core/safety-state';

/**
 * The treadmill as the control point and the status reports see it. The firmware's
 * TreadmillStatus has every field (same names, same units), so the wiring passes its status
 * object; tests pass plain objects.
 */
export interface FtmsTreadmillView {
  state: SafetyState;
  /** Direction the belt is set to run. */
  direction: Direction;
  /** Direction waiting to be applied at standstill, or null. */
  pendingDirection: Direction | null;
  keyPresent: boolean;
  /** The belt has been seen standing still (a start from idle waits for it). */
  beltStill: boolean;
  /** Target belt speed, km/h, positive in either direction. */
  targetSpeedKph: number;
  /** The ramped setpoint the belt follows now, km/h. */
  setpointKph: number;
  /** Target deck incline, percent grade (0 with no incline). */
  targetInclinePct: number;
}
