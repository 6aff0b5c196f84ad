// The session summary a live view or console prints at its end: time, distance by direction, energy, average speed.

import type { SessionFigures } from '../console/session-figures';

// The figures themselves live in sim/console (browser-safe, shared with the web console's board links).
export { isSessionFigures, sessionFigures, type SessionFigures } from '../console/session-figures';

/** The summary as one line: "session 1:05, forward 52.0 m, backward 0.0 m, 3.1 kcal, average 2.9 km/h". */
export function sessionSummaryLine(figures: SessionFigures): string {
  const seconds = Math.floor(figures.elapsedMs / 1000);
  const clock = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  return (
    'session ' + clock + ', forward ' + figures.distanceForwardM.toFixed(1) + ' m, backward ' + figures.distanceBackwardM.toFixed(1) + ' m, ' +
    figures.energyKcal.toFixed(1) + ' kcal, average ' + figures.averageSpeedKph.toFixed(1) + ' km/h'
  );
}
