// Builds treadmill statuses and screen facts for the screen and display-host tests.

import { makeSessionMetrics } from '../../firmware/core/session-metrics';
import type { ScreenFacts } from '../../firmware/display/screens';
import type { ProgramStatus } from '../../firmware/program/program-control';
import type { TreadmillStatus } from '../../firmware/treadmill-status';

/** An idle treadmill, key in, belt still, at 0 ms, with `changes` over it (metrics merged field by field). */
export function statusWith(changes: Partial<TreadmillStatus> & { metricsChanges?: object }): TreadmillStatus {
  const status: TreadmillStatus = {
    state: 'idle',
    direction: 'forward',
    pendingDirection: null,
    targetSpeedKph: 0,
    setpointKph: 0,
    measuredSpeedKph: 0,
    beltStill: true,
    duty: 0,
    motorEnabled: false,
    keyPresent: true,
    fault: null,
    countdownRemainingMs: 0,
    reason: '',
    distanceM: 0,
    inclinePct: 0,
    targetInclinePct: 0,
    timeMs: 0,
    metrics: makeSessionMetrics(),
  };
  const metricsChanges = changes.metricsChanges;
  delete changes.metricsChanges;
  Object.assign(status, changes);
  if (metricsChanges) Object.assign(status.metrics, metricsChanges);
  return status;
}

/** Facts of an edition without programs or history, in km/h unless said. */
export function factsWith(changes: Partial<ScreenFacts>): ScreenFacts {
  return Object.assign({ units: 'kph', program: null, lastSession: null, suggestion: null }, changes) as ScreenFacts;
}

/** A program status in its running phase, `changes` over it. */
export function programWith(changes: Partial<ProgramStatus>): ProgramStatus {
  return Object.assign(
    { name: 'intervals', phase: 'running', segmentIndex: 1, segmentCount: 12, label: 'fast 1/5', segmentRemainingMs: 42000, remainingMs: 1200000, nextLabel: 'easy 1/5', nextSpeedKph: 5, nextDirection: 'forward', chosen: '' },
    changes,
  ) as ProgramStatus;
}
