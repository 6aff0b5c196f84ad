// The session figures a board or the simulator reports (time, distance by direction, energy, average speed), copied and checked: browser-safe.

/** The session figures the summary needs (the firmware's SessionMetrics has them under these names). */
export interface SessionFigures {
  elapsedMs: number;
  distanceForwardM: number;
  distanceBackwardM: number;
  energyKcal: number;
  averageSpeedKph: number;
}

/** Copy the summary's figures out of a metrics record (the firmware updates its own in place). */
export function sessionFigures(metrics: SessionFigures): SessionFigures {
  return {
    elapsedMs: metrics.elapsedMs,
    distanceForwardM: metrics.distanceForwardM,
    distanceBackwardM: metrics.distanceBackwardM,
    energyKcal: metrics.energyKcal,
    averageSpeedKph: metrics.averageSpeedKph,
  };
}

/** Whether `value` holds every figure as a finite number (a board's reply is checked before it is believed). */
export function isSessionFigures(value: unknown): value is SessionFigures {
  if (value === null || typeof value !== 'object') return false;
  const record = value as { [field: string]: unknown };
  return ['elapsedMs', 'distanceForwardM', 'distanceBackwardM', 'energyKcal', 'averageSpeedKph'].every((field) => typeof record[field] === 'number' && isFinite(record[field] as number));
}
