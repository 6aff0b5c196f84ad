// The session summary a live view or console prints at its end: time, distance by direction, energy, average speed.

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

/** The summary as one line: "session 1:05, forward 52.0 m, backward 0.0 m, 3.1 kcal, average 2.9 km/h". */
export function sessionSummaryLine(figures: SessionFigures): string {
  const seconds = Math.floor(figures.elapsedMs / 1000);
  const clock = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  return (
    'session ' + clock + ', forward ' + figures.distanceForwardM.toFixed(1) + ' m, backward ' + figures.distanceBackwardM.toFixed(1) + ' m, ' +
    figures.energyKcal.toFixed(1) + ' kcal, average ' + figures.averageSpeedKph.toFixed(1) + ' km/h'
  );
}
