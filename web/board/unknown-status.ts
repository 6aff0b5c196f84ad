// The view's status when nothing is known of the treadmill: before the first figures, after a lost link, or when the figures went stale.

import type { ViewStatus } from '../view-source';

/** Every figure unknown (null), so the view shows "unknown" rather than the last figures a lost board sent. */
export function unknownStatus(reason: string): ViewStatus {
  return {
    state: null,
    direction: null,
    pendingDirection: null,
    targetSpeedKph: null,
    measuredSpeedKph: null,
    beltKph: null,
    duty: null,
    inclinePct: null,
    targetInclinePct: null,
    keyPresent: null,
    fault: null,
    countdownRemainingMs: 0,
    reason: reason,
    elapsedMs: null,
    distanceForwardM: null,
    distanceBackwardM: null,
    energyKcal: null,
  };
}
